//! One socket's session: the hello handshake, then each client frame checked and acted on.
//! Every problem is answered with an error frame naming it; the session carries on.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hallway_domain::{RoomId, RoomWalls, TeamId};
use hallway_protocol::{ClientFrame, ErrorCode, ServerFrame, MAX_FRAME_BYTES, VERSION};
use hallway_store::{Missing, Person, StoreError};

use crate::hub::{lock, Hub, Watcher};
use crate::limits::Bucket;
use crate::outbox::Outbox;
use crate::wire::{ConnectionFacts, VoiceFacts};

/// What went wrong with a frame, for its error frame.
pub(crate) struct Problem {
    pub code: ErrorCode,
    pub message: String,
    pub retry_after: Option<Duration>,
}

impl Problem {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// Posting: a conflict there is the client id, used before for another message.
    pub fn posting(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(message) => Self::new(ErrorCode::ClientIdReused, message),
            other => Self::store(other),
        }
    }

    pub fn limited(what: &str, wait: Duration) -> Self {
        Self {
            code: ErrorCode::RateLimited,
            message: format!("too many {what}; try again in {} ms", wait.as_millis()),
            retry_after: Some(wait),
        }
    }

    /// A store failure as the client hears it: what was not found by name, a refused change
    /// as an invalid field; outages are logged and sent as "unavailable".
    pub fn store(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(Missing::Room) => Self::new(ErrorCode::NoSuchRoom, "no such room"),
            StoreError::NotFound(Missing::Message) => Self::new(
                ErrorCode::NoSuchMessage,
                "no such message in this room that you may change",
            ),
            StoreError::NotFound(what) => {
                Self::new(ErrorCode::InvalidField, format!("no such {what}"))
            }
            StoreError::Conflict(message) => Self::new(ErrorCode::InvalidField, message),
            StoreError::Invalid(invalid) => Self::new(ErrorCode::InvalidField, invalid.to_string()),
            other => {
                tracing::warn!(error = %other, "live store call failed");
                Self::new(
                    ErrorCode::Unavailable,
                    "the server could not store that; retry",
                )
            }
        }
    }
}

pub(crate) type Handled = Result<(), Problem>;

pub struct LiveSession {
    pub(crate) hub: Arc<Hub>,
    pub(crate) number: u64,
    pub(crate) id: String,
    pub(crate) person: Person,
    pub(crate) outbox: Outbox,
    greeted: bool,
    pub(crate) joined: BTreeSet<RoomId>,
    pub(crate) voice: Option<VoiceFacts>,
    memberships: Vec<RoomId>,
    pub(crate) typing_relayed: HashMap<RoomId, Instant>,
    pub(crate) typing_limit: Bucket,
    pub(crate) signal_limit: Bucket,
    pub(crate) message_limit: Bucket,
}

impl LiveSession {
    pub(crate) fn new(
        hub: Arc<Hub>,
        number: u64,
        id: String,
        person: Person,
        outbox: Outbox,
    ) -> Self {
        let config = &hub.config;
        let typing_limit = Bucket::new(config.typing_burst, 1.0);
        let signal_limit = Bucket::new(config.signals_burst, config.signals_per_second);
        let message_limit = Bucket::new(config.messages_burst, config.messages_per_second);
        Self {
            hub,
            number,
            id,
            person,
            outbox,
            greeted: false,
            joined: BTreeSet::new(),
            voice: None,
            memberships: Vec::new(),
            typing_relayed: HashMap::new(),
            typing_limit,
            signal_limit,
            message_limit,
        }
    }

    /// This socket's id (`<node>-<n>`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Seconds between server pings, and how long a silent socket is kept.
    pub fn ping_timing(&self) -> (Duration, Duration) {
        (self.hub.config.ping_every, self.hub.config.ping_timeout)
    }

    pub(crate) fn send(&self, frame: &ServerFrame) {
        self.outbox.push(frame.to_json().into());
    }

    fn error(&self, problem: Problem, reference: Option<String>) {
        self.send(&ServerFrame::Error {
            code: problem.code,
            message: problem.message,
            reference,
            retry_after_ms: problem
                .retry_after
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            closing: false,
        });
    }

    /// A frame too large to read: refused, the connection carries on.
    pub fn refuse_oversized(&self, bytes: usize) {
        self.error(
            Problem::new(
                ErrorCode::FrameTooLarge,
                format!("a frame may be at most {MAX_FRAME_BYTES} bytes; this one had {bytes}"),
            ),
            None,
        );
    }

    /// Binary frames are not part of the protocol.
    pub fn refuse_binary(&self) {
        self.error(
            Problem::new(ErrorCode::InvalidFrame, "frames are JSON text, not binary"),
            None,
        );
    }

    /// Acts on one text frame from the client.
    pub async fn handle_text(&mut self, text: &str) {
        if text.len() > MAX_FRAME_BYTES {
            self.refuse_oversized(text.len());
            return;
        }
        let frame = match ClientFrame::parse(text) {
            Ok(frame) => frame,
            Err((code, message)) => return self.error(Problem::new(code, message), None),
        };
        let reference = frame.reference();
        let result = if self.greeted {
            self.dispatch(frame).await
        } else {
            self.greet(&frame).await
        };
        if let Err(problem) = result {
            self.error(problem, reference);
        }
    }

    async fn greet(&mut self, frame: &ClientFrame) -> Handled {
        match frame {
            ClientFrame::Hello { v } if *v == VERSION => {
                self.refresh_memberships().await?;
                self.greeted = true;
                self.send(&ServerFrame::Welcome {
                    v: VERSION,
                    connection: self.id.clone(),
                    you: self.person.id,
                    heartbeat_secs: self.hub.config.ping_every.as_secs(),
                });
                Ok(())
            }
            ClientFrame::Hello { v } => Err(Problem::new(
                ErrorCode::UnsupportedVersion,
                format!("this server speaks protocol version {VERSION}, not {v}"),
            )),
            other => Err(Problem::new(
                ErrorCode::HelloFirst,
                format!("send hello (v {VERSION}) before {}", other.kind()),
            )),
        }
    }

    async fn dispatch(&mut self, frame: ClientFrame) -> Handled {
        match frame {
            ClientFrame::Hello { v } if v == VERSION => Ok(()),
            ClientFrame::Hello { v } => Err(Problem::new(
                ErrorCode::UnsupportedVersion,
                format!("this server speaks protocol version {VERSION}, not {v}"),
            )),
            ClientFrame::WatchHallway => self.watch_hallway().await,
            ClientFrame::Join { room, after } => self.join(room, after).await,
            ClientFrame::Leave { room } => self.leave(room).await,
            ClientFrame::Send {
                room,
                client_id,
                body,
                reply_to,
            } => self.post(room, &client_id, &body, reply_to).await,
            ClientFrame::Edit {
                room,
                message,
                body,
                reference,
            } => self.edit(room, message, &body, reference).await,
            ClientFrame::Delete {
                room,
                message,
                reference,
            } => self.delete(room, message, reference).await,
            ClientFrame::React {
                room,
                message,
                emoji,
                on,
                reference,
            } => self.react(room, message, &emoji, on, reference).await,
            ClientFrame::Typing { room } => self.typing(room).await,
            ClientFrame::Status {
                availability,
                until,
                working_on,
            } => self.set_status(availability, until, &working_on).await,
            ClientFrame::VoiceJoin { room } => self.voice_join(room).await,
            ClientFrame::VoiceLeave { room } => self.voice_leave(room).await,
            ClientFrame::VoiceState {
                room,
                muted,
                speaking,
            } => self.voice_state(room, muted, speaking).await,
            ClientFrame::VoiceSignal { room, to, signal } => {
                self.voice_signal(room, to, signal).await
            }
            ClientFrame::Ping { reference } => {
                self.send(&ServerFrame::Pong { reference });
                Ok(())
            }
        }
    }

    fn admits(&self, room: &hallway_store::Room) -> bool {
        let teams: Vec<TeamId> = self.person.teams.iter().map(|t| t.id).collect();
        RoomWalls {
            kind: room.kind,
            team: room.team,
            invited: self.memberships.contains(&room.id),
            role: self.person.role,
            person_teams: &teams,
        }
        .may_enter()
    }

    async fn refresh_memberships(&mut self) -> Handled {
        self.memberships = self
            .hub
            .store
            .room_memberships(self.person.id)
            .await
            .map_err(Problem::store)?;
        Ok(())
    }

    /// Whether this person may enter `room`; a room they may not enter looks like no room.
    pub(crate) async fn check_room(&mut self, room: RoomId) -> Handled {
        let found = self.hub.room(room).await.map_err(Problem::store)?;
        if self.admits(&found) {
            return Ok(());
        }
        // An invitation may have arrived since hello.
        self.refresh_memberships().await?;
        if self.admits(&found) {
            Ok(())
        } else {
            Err(Problem::new(ErrorCode::NoSuchRoom, "no such room"))
        }
    }

    pub(crate) fn require_joined(&self, room: RoomId, what: &str) -> Handled {
        if self.joined.contains(&room) {
            Ok(())
        } else {
            Err(Problem::new(
                ErrorCode::NotInRoom,
                format!("join room {room} before sending {what}"),
            ))
        }
    }

    async fn watch_hallway(&mut self) -> Handled {
        let hub = self.hub.clone();
        let all = hub.store.rooms().await.map_err(Problem::store)?;
        self.refresh_memberships().await?;
        let rooms: Vec<RoomId> = all
            .iter()
            .filter(|room| self.admits(room))
            .map(|room| room.id)
            .collect();
        let sees_people = self.person.role.sees_directory();
        let states = {
            let registry = lock(&hub.registry);
            rooms.iter().map(|r| registry.room_state(*r)).collect()
        };
        let people = if sees_people {
            let mut known: BTreeSet<_> = lock(&hub.statuses).keys().copied().collect();
            known.extend(lock(&hub.registry).connected_people());
            known.into_iter().map(|p| hub.presence_of(p)).collect()
        } else {
            Vec::new()
        };
        self.send(&ServerFrame::Hallway {
            people,
            rooms: states,
        });
        lock(&hub.watchers).insert(
            self.number,
            Watcher {
                outbox: self.outbox.clone(),
                rooms: rooms.into_iter().collect(),
                sees_people,
            },
        );
        Ok(())
    }

    async fn join(&mut self, room: RoomId, after: Option<i64>) -> Handled {
        self.check_room(room).await?;
        if after.is_some_and(|a| a < 0) {
            return Err(Problem::new(
                ErrorCode::InvalidField,
                "after: must be 0 or more",
            ));
        }
        let state = lock(&self.hub.registry).room_state(room);
        self.send(&ServerFrame::RoomState(state));
        let hub = self.hub.clone();
        match hub
            .feeds
            .join(hub.store.as_ref(), room, self.number, &self.outbox, after)
            .await
        {
            Ok(_) => {}
            Err(crate::feeds::JoinError::Future { newest }) => {
                return Err(Problem::new(
                    ErrorCode::FutureSequence,
                    format!(
                        "after {} is beyond room {room}'s newest event {newest}",
                        after.unwrap_or_default()
                    ),
                ))
            }
            Err(crate::feeds::JoinError::Gone) => return Ok(()),
            Err(crate::feeds::JoinError::Store(error)) => return Err(Problem::store(error)),
        }
        if self.joined.insert(room) {
            self.publish_facts().await;
        }
        Ok(())
    }

    async fn leave(&mut self, room: RoomId) -> Handled {
        self.hub.feeds.leave(room, self.number);
        let was_in_voice = self.voice.as_ref().is_some_and(|v| v.room == room);
        if was_in_voice {
            self.record_voice_time();
            self.voice = None;
        }
        if self.joined.remove(&room) || was_in_voice {
            self.publish_facts().await;
        }
        Ok(())
    }

    /// Tells every node what this connection is in now.
    pub(crate) async fn publish_facts(&self) {
        let facts = ConnectionFacts {
            connection: self.id.clone(),
            person: self.person.id,
            rooms: self.joined.iter().copied().collect(),
            voice: self.voice.clone(),
        };
        if let Some(local) = lock(&self.hub.local).get_mut(&self.id) {
            local.facts = facts.clone();
        }
        self.hub.publish_facts(&self.id, Some(facts)).await;
    }

    /// Ends the session: leaves every room and the hallway; every node forgets it.
    pub async fn close(self) {
        self.record_voice_time();
        for room in &self.joined {
            self.hub.feeds.leave(*room, self.number);
        }
        lock(&self.hub.watchers).remove(&self.number);
        lock(&self.hub.local).remove(&self.id);
        self.hub.publish_facts(&self.id, None).await;
    }
}
