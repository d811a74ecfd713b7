//! Waves and knocks reach a person only when they may be interrupted (not focusing or on
//! do-not-disturb, inside their working hours), like 9-minute chat requests. Every node hears
//! each one (`BusEvent::Reach`) and either hands it to the person's sockets it holds or keeps
//! it in memory until that changes: their status changes, they open a page (hello), or the
//! node's heartbeat finds their working hours have begun. Nothing here is stored; a held wave
//! expires (`WAVE_HELD_FOR`), a held knock sooner (`KNOCK_HELD_FOR`), since a knock is about now.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hallway_domain::{reachable_at, PersonId, Profile, RoomId};
use hallway_protocol::ServerFrame;

use crate::hub::{lock, Hub};
use crate::limits::Bucket;

/// How long a wave waits for someone who cannot be interrupted.
pub const WAVE_HELD_FOR: chrono::Duration = chrono::Duration::hours(16);
/// How long a knock waits (the people in voice may have left by then).
pub const KNOCK_HELD_FOR: chrono::Duration = chrono::Duration::minutes(10);
/// A wave within this long after being waved at is a wave back; a knock can be answered
/// this long.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(600);

/// Frames held for one person, with their profile (for their working hours).
struct HeldFor {
    profile: Profile,
    frames: Vec<(ServerFrame, DateTime<Utc>)>,
}

/// This node's memory of waves and knocks (never stored).
#[derive(Default)]
pub(crate) struct Social {
    held: Mutex<HashMap<PersonId, HeldFor>>,
    /// (who waved, at whom) → when, for "wave back" and the per-pair cooldown.
    pub waves: Mutex<HashMap<(PersonId, PersonId), Instant>>,
    /// (room, who knocked) → when, so only a knock can be answered with "let in".
    pub knocks: Mutex<HashMap<(RoomId, PersonId), Instant>>,
    /// Each person's bucket for waves, knocks and let-ins.
    pub limits: Mutex<HashMap<PersonId, Bucket>>,
    /// This node's sockets that said hello (a held frame never arrives before `welcome`).
    greeted: Mutex<HashSet<String>>,
}

impl Hub {
    /// A socket said hello: frames held for its person may go to it now.
    pub(crate) fn greeted(&self, connection: &str, person: PersonId) {
        lock(&self.social.greeted).insert(connection.to_owned());
        self.release_held(person);
    }

    /// A wave or knock for `person` arrived over the bus: remember it, then deliver it or hold it.
    pub(crate) async fn reach_received(
        &self,
        person: PersonId,
        frame: ServerFrame,
        expires_at: DateTime<Utc>,
    ) {
        let now = Instant::now();
        match &frame {
            ServerFrame::Wave(wave) => {
                lock(&self.social.waves).insert((wave.from, person), now);
            }
            ServerFrame::Knock(knock) => {
                lock(&self.social.knocks).insert((knock.room, knock.from), now);
            }
            _ => {}
        }
        let profile = match self.store.person(person).await {
            Ok(found) => found.profile,
            Err(error) => {
                tracing::warn!(%error, "could not read the profile of a waved-at person");
                return;
            }
        };
        {
            let mut held = lock(&self.social.held);
            let entry = held.entry(person).or_insert_with(|| HeldFor {
                profile: profile.clone(),
                frames: Vec::new(),
            });
            entry.profile = profile;
            entry.frames.push((frame, expires_at));
        }
        self.release_held(person);
    }

    /// Hands `person`'s held frames to their sockets on this node if they may be interrupted
    /// now; drops them if another node holds their sockets (it delivers them) or they expired.
    pub(crate) fn release_held(&self, person: PersonId) {
        let now = Utc::now();
        let frames = {
            let mut held = lock(&self.social.held);
            let Some(entry) = held.get_mut(&person) else {
                return;
            };
            entry.frames.retain(|(_, expires)| *expires > now);
            if entry.frames.is_empty() {
                held.remove(&person);
                return;
            }
            let status = lock(&self.statuses)
                .get(&person)
                .cloned()
                .unwrap_or_default();
            if !reachable_at(&entry.profile, &status, now) {
                return;
            }
            let greeted = lock(&self.social.greeted);
            let mut greeted_here: Vec<crate::Outbox> = Vec::new();
            let mut connected_here = false;
            for (id, connection) in lock(&self.local).iter() {
                if connection.facts.person == person {
                    connected_here = true;
                    if greeted.contains(id) {
                        greeted_here.push(connection.outbox.clone());
                    }
                }
            }
            drop(greeted);
            let elsewhere = !connected_here && lock(&self.registry).connected(person);
            if greeted_here.is_empty() && !elsewhere {
                // Not connected, or here but not greeted yet: wait for hello.
                return;
            }
            let Some(entry) = held.remove(&person) else {
                return;
            };
            (entry.frames, greeted_here)
        };
        let (frames, outboxes) = frames;
        for (frame, _) in frames {
            let bytes: bytes::Bytes = frame.to_json().into();
            for outbox in &outboxes {
                outbox.push(bytes.clone());
            }
        }
    }

    /// Looks at everyone's held frames again (on the heartbeat: working hours may have begun).
    pub(crate) fn release_all_held(&self) {
        let people: Vec<PersonId> = lock(&self.social.held).keys().copied().collect();
        for person in people {
            self.release_held(person);
        }
        let open: HashSet<String> = lock(&self.local).keys().cloned().collect();
        lock(&self.social.greeted).retain(|id| open.contains(id));
        let now = Instant::now();
        lock(&self.social.waves).retain(|_, at| now.duration_since(*at) < ANSWER_WITHIN);
        lock(&self.social.knocks).retain(|_, at| now.duration_since(*at) < ANSWER_WITHIN);
    }

    /// Whether `from` waved at `to` within `within`.
    pub(crate) fn waved_within(&self, from: PersonId, to: PersonId, within: Duration) -> bool {
        lock(&self.social.waves)
            .get(&(from, to))
            .is_some_and(|at| at.elapsed() < within)
    }
}
