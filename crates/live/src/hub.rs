//! The hub: this node's connections, the bus loop that delivers what every node publishes,
//! the presence flusher and the node heartbeat.

use bytes::Bytes;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use hallway_bus::{Bus, BusError};
use hallway_domain::{PersonId, RoomId, RoomWalls, Status, TeamId};
use hallway_protocol::{excerpt, ByeCode, PersonPresence, RoomInfo, ServerFrame};
use hallway_store::{Person, Room, RoomEvent, Session, Store, StoreError};
use rand::Rng;

use crate::access::{Grant, SharedGrant};
use crate::feeds::Feeds;
use crate::outbox::{outbox, Outbox};
use crate::presence::{Changes, Registry};
use crate::session::LiveSession;
use crate::wire::{BusEvent, ConnectionFacts};
use crate::{LiveConfig, Outgoing};

/// How long a shutdown waits for its sockets to say `bye`.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A socket watching the hallway: which rooms it may see, and whether it sees people; its
/// grant (the person as last read from the store) decides whether a room created later is
/// shown to it.
pub(crate) struct Watcher {
    pub outbox: Outbox,
    pub rooms: HashSet<RoomId>,
    pub sees_people: bool,
    pub grant: SharedGrant,
}

pub(crate) struct LocalConnection {
    pub outbox: Outbox,
    pub facts: ConnectionFacts,
    /// The session's number on this node (feeds and watchers are keyed by it).
    pub number: u64,
    /// The hash of the session token the socket was opened with, re-checked on access changes.
    pub token_hash: String,
    pub grant: SharedGrant,
}

pub struct Hub {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) bus: Arc<dyn Bus>,
    pub(crate) config: LiveConfig,
    pub(crate) node: String,
    next_connection: AtomicU64,
    pub(crate) feeds: Feeds,
    pub(crate) registry: Mutex<Registry>,
    pub(crate) local: Mutex<HashMap<String, LocalConnection>>,
    pub(crate) watchers: Mutex<HashMap<u64, Watcher>>,
    dirty: Mutex<Changes>,
    pub(crate) rooms: Mutex<HashMap<RoomId, Room>>,
    pub(crate) statuses: Mutex<HashMap<PersonId, Status>>,
    /// Finds colleagues for quiet suggestions (`nudges.rs`), once the server plugs one in.
    pub(crate) suggester: OnceLock<Arc<dyn crate::Suggester>>,
    /// When each person last got a suggestion from this node (never stored).
    pub(crate) suggested: Mutex<HashMap<PersonId, Instant>>,
    /// Woken whenever a socket is forgotten (a shutdown waits for all of them).
    pub(crate) forgotten: tokio::sync::Notify,
    /// Waves and knocks held or remembered on this node (`held.rs`).
    pub(crate) social: crate::held::Social,
}

impl Hub {
    /// Starts the hub: loads statuses, subscribes to the bus and runs its background tasks
    /// until the hub is dropped.
    pub async fn start(
        store: Arc<dyn Store>,
        bus: Arc<dyn Bus>,
        config: LiveConfig,
    ) -> Result<Arc<Hub>, StartError> {
        let statuses = store
            .statuses()
            .await?
            .into_iter()
            .map(|s| (s.person, s.status))
            .collect();
        let subscription = bus.subscribe().await?;
        let node = format!("{:08x}", rand::thread_rng().gen::<u32>());
        let hub = Arc::new(Hub {
            store,
            bus,
            config,
            node,
            next_connection: AtomicU64::new(1),
            feeds: Feeds::default(),
            registry: Mutex::default(),
            local: Mutex::default(),
            watchers: Mutex::default(),
            dirty: Mutex::default(),
            rooms: Mutex::default(),
            statuses: Mutex::new(statuses),
            suggester: OnceLock::new(),
            suggested: Mutex::default(),
            forgotten: tokio::sync::Notify::new(),
            social: crate::held::Social::default(),
        });
        tokio::spawn(crate::hub_tasks::run_bus(
            Arc::downgrade(&hub),
            subscription,
        ));
        tokio::spawn(crate::hub_tasks::run_timers(Arc::downgrade(&hub)));
        tokio::spawn(crate::hub_tasks::run_session_checks(Arc::downgrade(&hub)));
        tracing::info!(node = %hub.node, bus = hub.bus.kind(), "live hub started");
        Ok(hub)
    }

    /// This node's id, random per start.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// Sockets open on this node.
    pub fn connection_count(&self) -> usize {
        lock(&self.local).len()
    }

    /// Takes an authenticated socket's person and the session it was opened with; returns the
    /// session to feed frames into and the queue to write out. Beyond
    /// `sockets_per_person` open sockets of one person on this node, the new one is closed at
    /// once with `too_many_connections`.
    pub async fn connect(
        self: &Arc<Self>,
        person: Person,
        session: &Session,
    ) -> (LiveSession, Outgoing) {
        let number = self.next_connection.fetch_add(1, Ordering::Relaxed);
        let id = format!("{}-{number}", self.node);
        let (outbox, outgoing) = outbox(self.config.outbound_queue);
        let facts = ConnectionFacts {
            connection: id.clone(),
            person: person.id,
            rooms: Vec::new(),
            voice: None,
        };
        let person_id = person.id;
        let grant = Grant::new(person);
        let admitted = {
            let mut local = lock(&self.local);
            let open = local
                .values()
                .filter(|c| c.facts.person == person_id)
                .count();
            let admitted = open < self.config.sockets_per_person;
            if admitted {
                local.insert(
                    id.clone(),
                    LocalConnection {
                        outbox: outbox.clone(),
                        facts: facts.clone(),
                        number,
                        token_hash: session.token_hash.clone(),
                        grant: grant.clone(),
                    },
                );
            }
            admitted
        };
        if admitted {
            self.publish_facts(&id, Some(facts)).await;
        } else {
            let cap = self.config.sockets_per_person;
            lock(&grant).closed = true;
            outbox.close(ByeCode::TooManyConnections.reason(&format!(
                "at most {cap} live sockets per person; close another tab"
            )));
        }
        (
            LiveSession::new(self.clone(), number, id, person_id, grant, outbox),
            outgoing,
        )
    }

    /// Closes this node's sockets with `bye` (`server_shutdown`), waits (a few seconds at
    /// most) until each has said it, and tells every node it is going away, so its people
    /// leave at once.
    pub async fn shutdown(&self) {
        for connection in lock(&self.local).values() {
            connection
                .outbox
                .close(ByeCode::ServerShutdown.reason("this server is stopping; reconnect"));
        }
        let deadline = tokio::time::Instant::now() + SHUTDOWN_GRACE;
        loop {
            let forgotten = self.forgotten.notified();
            tokio::pin!(forgotten);
            forgotten.as_mut().enable();
            if lock(&self.local).is_empty() || tokio::time::Instant::now() >= deadline {
                break;
            }
            let _ = tokio::time::timeout_at(deadline, forgotten).await;
        }
        let gone = BusEvent::NodeGone {
            node: self.node.clone(),
        };
        self.publish(&gone).await;
    }

    pub(crate) async fn publish(&self, event: &BusEvent) {
        if let Err(error) = self.bus.publish(&event.subject(), event.encode()).await {
            tracing::warn!(%error, "could not publish on the bus");
        }
    }

    pub(crate) async fn publish_facts(&self, connection: &str, facts: Option<ConnectionFacts>) {
        self.publish(&BusEvent::Connection {
            node: self.node.clone(),
            connection: connection.to_owned(),
            facts,
        })
        .await;
    }

    /// A room, from the cache or the store.
    pub(crate) async fn room(&self, id: RoomId) -> Result<Room, StoreError> {
        if let Some(room) = lock(&self.rooms).get(&id) {
            return Ok(room.clone());
        }
        let room = self.store.room(id).await?;
        lock(&self.rooms).insert(id, room.clone());
        Ok(room)
    }

    /// The status a person chose, as this node knows it (default when they never chose one).
    pub fn status_of(&self, person: PersonId) -> Status {
        lock(&self.statuses)
            .get(&person)
            .cloned()
            .unwrap_or_default()
    }

    /// The store this hub reads and writes (the demo's simulated colleagues sign in with it).
    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Tells every node's hallway watchers that `room` was created or changed, or that
    /// someone was invited into it (call after the store has it).
    pub async fn room_changed(&self, room: RoomId) {
        self.publish(&BusEvent::RoomChanged { room }).await;
    }

    /// Who is in each of `rooms` and its voice right now, as this node knows it.
    pub fn room_states(&self, rooms: &[RoomId]) -> Vec<hallway_protocol::RoomState> {
        let registry = lock(&self.registry);
        rooms
            .iter()
            .map(|room| registry.room_state(*room))
            .collect()
    }

    /// Everyone with at least one live connection on any node.
    pub fn connected_people(&self) -> HashSet<PersonId> {
        lock(&self.registry).connected_people().collect()
    }

    pub(crate) fn presence_of(&self, person: PersonId) -> PersonPresence {
        PersonPresence {
            person,
            connected: lock(&self.registry).connected(person),
            status: lock(&self.statuses)
                .get(&person)
                .cloned()
                .unwrap_or_default(),
        }
    }

    fn mark(&self, changes: Changes) {
        lock(&self.dirty).merge(changes);
    }

    pub(crate) async fn receive(&self, event: BusEvent) {
        let now = Instant::now();
        match event {
            BusEvent::Room { event } => {
                self.feeds.deliver(self.store.as_ref(), &event).await;
                self.overhear(&event).await;
            }
            BusEvent::Connection {
                node,
                connection,
                facts,
            } => {
                let changes = lock(&self.registry).set(&node, &connection, facts, now);
                self.mark(changes);
            }
            BusEvent::Node { node, connections } => {
                let changes = lock(&self.registry).replace_node(&node, connections, now);
                self.mark(changes);
            }
            BusEvent::NodeGone { node } => {
                let changes = lock(&self.registry).remove_node(&node, now);
                self.mark(changes);
            }
            BusEvent::Status { status } => {
                lock(&self.statuses).insert(status.person, status.status);
                lock(&self.dirty).people.insert(status.person);
                self.release_held(status.person);
            }
            BusEvent::Typing { room, person } => {
                let frame: Bytes = ServerFrame::Typing { room, person }.to_json().into();
                for outbox in self.feeds.subscribers(room) {
                    outbox.push(frame.clone());
                }
            }
            BusEvent::ToPerson { person, frame } => self.deliver_to_person(person, &frame),
            // Re-checked off the bus loop (see `run_bus`).
            BusEvent::Access { .. } => {}
            BusEvent::RoomChanged { room } => self.show_room(room).await,
            BusEvent::Reach {
                person,
                frame,
                expires_at,
            } => self.reach_received(person, frame, expires_at).await,
            BusEvent::Signal {
                room,
                from,
                person,
                to,
                signal,
            } => {
                let target = lock(&self.local).get(&to).map(|c| c.outbox.clone());
                if let Some(outbox) = target {
                    let frame = ServerFrame::VoiceSignal {
                        room,
                        from,
                        person,
                        signal,
                    };
                    outbox.push(frame.to_json().into());
                }
            }
        }
    }

    /// The latest line of an overhearable room goes to the hallway.
    async fn overhear(&self, event: &RoomEvent) {
        let Some(text) = excerpt(&event.kind) else {
            return;
        };
        let overhearable = self.room(event.room).await.is_ok_and(|r| r.overhearable);
        if !overhearable {
            return;
        }
        let author = match &event.kind {
            hallway_store::RoomEventKind::Posted { author, .. } => *author,
            _ => None,
        };
        let frame: Bytes = ServerFrame::Overheard {
            room: event.room,
            author,
            excerpt: text,
            at: event.at,
        }
        .to_json()
        .into();
        for watcher in lock(&self.watchers).values() {
            if watcher.rooms.contains(&event.room) {
                watcher.outbox.push(frame.clone());
            }
        }
    }

    /// Shows a created or changed room to the hallway watchers who may enter it.
    async fn show_room(&self, id: RoomId) {
        lock(&self.rooms).remove(&id);
        let found = match self.room(id).await {
            Ok(room) => room,
            Err(error) => {
                tracing::warn!(%error, room = %id, "could not read a changed room");
                return;
            }
        };
        let members = match self.store.room_members(id).await {
            Ok(members) => members,
            Err(error) => {
                tracing::warn!(%error, room = %id, "could not read a changed room's members");
                return;
            }
        };
        let frame: Bytes = ServerFrame::RoomInfo(RoomInfo {
            room: id,
            name: found.name.to_string(),
            topic: found.topic.clone(),
            kind: found.kind.as_str().to_owned(),
            overhearable: found.overhearable,
        })
        .to_json()
        .into();
        for watcher in lock(&self.watchers).values_mut() {
            let may_enter = {
                let grant = lock(&watcher.grant);
                let teams: Vec<TeamId> = grant.person.teams.iter().map(|t| t.id).collect();
                !grant.closed
                    && RoomWalls {
                        kind: found.kind,
                        team: found.team,
                        invited: members.contains(&grant.person.id),
                        role: grant.person.role,
                        person_teams: &teams,
                    }
                    .may_enter()
            };
            if may_enter {
                watcher.rooms.insert(id);
                watcher.outbox.push(frame.clone());
            } else {
                watcher.rooms.remove(&id);
            }
        }
    }

    /// Sends gathered presence changes: room states to the room and to hallway watchers who
    /// may see the room, people to hallway watchers who see people.
    pub(crate) fn flush_presence(&self) {
        let changes = std::mem::take(&mut *lock(&self.dirty));
        for room in changes.rooms {
            let state = lock(&self.registry).room_state(room);
            let frame: Bytes = ServerFrame::RoomState(state).to_json().into();
            for outbox in self.feeds.subscribers(room) {
                outbox.push(frame.clone());
            }
            for watcher in lock(&self.watchers).values() {
                if watcher.rooms.contains(&room) {
                    watcher.outbox.push(frame.clone());
                }
            }
        }
        for person in changes.people {
            let frame: Bytes = ServerFrame::Person(self.presence_of(person))
                .to_json()
                .into();
            for watcher in lock(&self.watchers).values() {
                if watcher.sees_people {
                    watcher.outbox.push(frame.clone());
                }
            }
        }
    }

    pub(crate) async fn heartbeat(&self) {
        let connections: Vec<ConnectionFacts> = lock(&self.local)
            .values()
            .map(|c| c.facts.clone())
            .collect();
        self.publish(&BusEvent::Node {
            node: self.node.clone(),
            connections,
        })
        .await;
        let changes =
            lock(&self.registry).expire(&self.node, Instant::now(), self.config.node_expiry);
        self.mark(changes);
        lock(&self.rooms).clear();
        self.release_all_held();
    }
}

/// Why the hub could not start.
#[derive(Debug)]
pub enum StartError {
    Store(StoreError),
    Bus(BusError),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Store(e) => write!(f, "starting the live hub: {e}"),
            StartError::Bus(e) => write!(f, "starting the live hub: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

impl From<StoreError> for StartError {
    fn from(e: StoreError) -> Self {
        StartError::Store(e)
    }
}

impl From<BusError> for StartError {
    fn from(e: BusError) -> Self {
        StartError::Bus(e)
    }
}
