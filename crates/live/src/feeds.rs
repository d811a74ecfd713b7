//! Room feeds: each node delivers a room's events to its sockets exactly once and in sequence
//! order, whatever order the bus brings them in. A gap (an event that overtook another, or a
//! bus that lagged) is filled from the store, which assigned the numbers.

use bytes::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use hallway_domain::RoomId;
use hallway_protocol::ServerFrame;
use hallway_store::{RoomEvent, Store, StoreError};

use crate::outbox::Outbox;

/// Events read from the store per page during a replay.
const REPLAY_PAGE: u32 = 500;
/// How often a join re-checks before giving up on a client that does not drain its queue.
const JOIN_ATTEMPTS: usize = 2_000;
/// How long a join waits for a client to drain its queue before checking again.
const DRAIN_WAIT: std::time::Duration = std::time::Duration::from_millis(5);

/// Free slots in a client's queue, keeping one for `caught_up`.
fn free_slots(outbox: &Outbox) -> i64 {
    i64::try_from(outbox.free()).unwrap_or(i64::MAX) - 1
}

type Subscribers = Arc<Mutex<HashMap<u64, Outbox>>>;

struct Feed {
    /// The newest seq delivered on this node (`None` until first needed).
    cursor: tokio::sync::Mutex<Option<i64>>,
    subscribers: Subscribers,
}

#[derive(Default)]
pub struct Feeds {
    feeds: Mutex<HashMap<RoomId, Arc<Feed>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn frame(event: &RoomEvent) -> Bytes {
    ServerFrame::Event(event.clone()).to_json().into()
}

impl Feeds {
    fn feed(&self, room: RoomId) -> Arc<Feed> {
        lock(&self.feeds)
            .entry(room)
            .or_insert_with(|| {
                Arc::new(Feed {
                    cursor: tokio::sync::Mutex::new(None),
                    subscribers: Arc::default(),
                })
            })
            .clone()
    }

    fn existing(&self, room: RoomId) -> Option<Arc<Feed>> {
        lock(&self.feeds).get(&room).cloned()
    }

    /// The room's subscribers on this node, for presence and typing frames.
    pub fn subscribers(&self, room: RoomId) -> Vec<Outbox> {
        self.existing(room)
            .map(|feed| lock(&feed.subscribers).values().cloned().collect())
            .unwrap_or_default()
    }

    /// Delivers an event from the bus, in order, filling any gap from the store.
    pub async fn deliver(&self, store: &dyn Store, event: &RoomEvent) {
        let Some(feed) = self.existing(event.room) else {
            return;
        };
        let mut cursor = feed.cursor.lock().await;
        let Some(seen) = *cursor else {
            return;
        };
        if event.seq <= seen {
            return;
        }
        let listeners: Vec<Outbox> = lock(&feed.subscribers).values().cloned().collect();
        if listeners.is_empty() {
            *cursor = Some(event.seq);
            return;
        }
        if event.seq > seen + 1 {
            match read_range(store, event.room, seen, event.seq - 1).await {
                Ok(missing) => {
                    for earlier in &missing {
                        fan_out(&listeners, frame(earlier));
                    }
                }
                Err(error) => {
                    tracing::warn!(room = %event.room, %error, "could not fill a gap; subscribers will resume");
                    for outbox in &listeners {
                        outbox.close("resync: the server could not read the room; reconnect and join with `after`");
                    }
                    lock(&feed.subscribers).clear();
                    *cursor = None;
                    return;
                }
            }
        }
        fan_out(&listeners, frame(event));
        *cursor = Some(event.seq);
    }

    /// Subscribes a connection. With `after`, first sends every event with a larger seq; then
    /// `caught_up` with the seq it is caught up to. Returns that seq.
    ///
    /// The bulk of a replay is sent without holding the feed, waiting for the client to drain
    /// its queue; the feed is held only for the last few events, which must fit in the queue,
    /// so a slow joiner never holds up the room.
    pub async fn join(
        &self,
        store: &dyn Store,
        room: RoomId,
        connection: u64,
        outbox: &Outbox,
        after: Option<i64>,
    ) -> Result<i64, JoinError> {
        let feed = self.feed(room);
        let mut position = after;
        for _ in 0..JOIN_ATTEMPTS {
            if let Some(seen) = position.as_mut() {
                Self::replay_until_it_fits(store, room, &feed, outbox, seen, after).await?;
            }
            // Held until the subscriber is in: no live event can slip between replay and live.
            let mut cursor = feed.cursor.lock().await;
            let target = match *cursor {
                Some(target) => target,
                None => {
                    let newest = store.room(room).await?.last_seq;
                    *cursor = Some(newest);
                    newest
                }
            };
            let seen = position.unwrap_or(target);
            if seen > target {
                return Err(JoinError::Future { newest: target });
            }
            if target - seen >= free_slots(outbox) {
                drop(cursor);
                tokio::time::sleep(DRAIN_WAIT).await;
                continue;
            }
            for event in read_range(store, room, seen, target).await? {
                if !outbox.push(frame(&event)) {
                    return Err(JoinError::Gone);
                }
            }
            let caught_up = ServerFrame::CaughtUp { room, seq: target }.to_json();
            if !outbox.push(caught_up.into()) {
                return Err(JoinError::Gone);
            }
            lock(&feed.subscribers).insert(connection, outbox.clone());
            return Ok(target);
        }
        outbox.close("slow_consumer: could not catch up with the room; join again with `after`");
        Err(JoinError::Gone)
    }

    /// Sends events after `seen` until what is left fits in the client's free queue slots.
    async fn replay_until_it_fits(
        store: &dyn Store,
        room: RoomId,
        feed: &Feed,
        outbox: &Outbox,
        seen: &mut i64,
        after: Option<i64>,
    ) -> Result<(), JoinError> {
        loop {
            let target = Self::cursor(store, room, feed).await?;
            if after.is_some_and(|start| start > target) {
                return Err(JoinError::Future { newest: target });
            }
            if !outbox.is_open() {
                return Err(JoinError::Gone);
            }
            let gap = target - *seen;
            if gap < free_slots(outbox) {
                return Ok(());
            }
            if gap <= 0 {
                tokio::time::sleep(DRAIN_WAIT).await;
                continue;
            }
            let limit = u32::try_from(gap.min(i64::from(REPLAY_PAGE))).unwrap_or(REPLAY_PAGE);
            for event in store.room_events_after(room, *seen, limit).await? {
                *seen = event.seq;
                if !outbox.push_waiting(frame(&event)).await {
                    return Err(JoinError::Gone);
                }
            }
        }
    }

    /// The rooms a connection follows on this node.
    pub fn rooms_of(&self, connection: u64) -> Vec<RoomId> {
        let feeds: Vec<(RoomId, Arc<Feed>)> = lock(&self.feeds)
            .iter()
            .map(|(room, feed)| (*room, feed.clone()))
            .collect();
        feeds
            .into_iter()
            .filter(|(_, feed)| lock(&feed.subscribers).contains_key(&connection))
            .map(|(room, _)| room)
            .collect()
    }

    pub fn leave(&self, room: RoomId, connection: u64) {
        if let Some(feed) = self.existing(room) {
            lock(&feed.subscribers).remove(&connection);
        }
    }

    /// The feed's cursor, starting it at the store's newest seq when it is not yet followed.
    async fn cursor(store: &dyn Store, room: RoomId, feed: &Feed) -> Result<i64, StoreError> {
        let mut cursor = feed.cursor.lock().await;
        match *cursor {
            Some(seq) => Ok(seq),
            None => {
                let newest = store.room(room).await?.last_seq;
                *cursor = Some(newest);
                Ok(newest)
            }
        }
    }
}

/// Events with `after < seq <= upto`, in order.
async fn read_range(
    store: &dyn Store,
    room: RoomId,
    after: i64,
    upto: i64,
) -> Result<Vec<RoomEvent>, StoreError> {
    let mut out = Vec::new();
    let mut position = after;
    while position < upto {
        let limit =
            u32::try_from((upto - position).min(i64::from(REPLAY_PAGE))).unwrap_or(REPLAY_PAGE);
        let page = store.room_events_after(room, position, limit).await?;
        let Some(last) = page.last() else { break };
        position = last.seq;
        out.extend(page.into_iter().filter(|e| e.seq <= upto));
    }
    Ok(out)
}

fn fan_out(listeners: &[Outbox], frame: Bytes) {
    for outbox in listeners {
        outbox.push(frame.clone());
    }
}

#[derive(Debug)]
pub enum JoinError {
    /// `after` is beyond the room's newest event.
    Future {
        newest: i64,
    },
    /// The connection closed during the replay.
    Gone,
    Store(StoreError),
}

impl From<StoreError> for JoinError {
    fn from(error: StoreError) -> Self {
        JoinError::Store(error)
    }
}

impl Feeds {
    /// After the bus lost messages: delivers whatever each followed room is missing.
    pub async fn resync(&self, store: &dyn Store) {
        let rooms: Vec<RoomId> = lock(&self.feeds).keys().copied().collect();
        for room in rooms {
            let Some(feed) = self.existing(room) else {
                continue;
            };
            let Some(seen) = *feed.cursor.lock().await else {
                continue;
            };
            match store.room_events_after(room, seen, REPLAY_PAGE).await {
                Ok(events) => {
                    for event in events {
                        self.deliver(store, &event).await;
                    }
                }
                Err(error) => tracing::warn!(%room, %error, "could not catch up a room"),
            }
        }
    }
}
