//! One socket's session: the hello handshake, then each client frame checked and acted on.
//! Every problem is answered with an error frame naming it; the session carries on.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hallway_domain::{PersonId, RoomId};
use hallway_protocol::{ClientFrame, ErrorCode, ServerFrame, MAX_FRAME_BYTES, VERSION};
use hallway_store::{Missing, StoreError};

use crate::access::SharedGrant;
use crate::hub::{lock, Hub};
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
    pub(crate) person: PersonId,
    /// What this socket may do now; the hub replaces it when access changes.
    pub(crate) grant: SharedGrant,
    pub(crate) outbox: Outbox,
    greeted: bool,
    pub(crate) joined: BTreeSet<RoomId>,
    pub(crate) voice: Option<VoiceFacts>,
    pub(crate) typing_relayed: HashMap<RoomId, Instant>,
    pub(crate) typing_limit: Bucket,
    pub(crate) signal_limit: Bucket,
    pub(crate) message_limit: Bucket,
    /// Joins (replays read the store), hallway watches and voice joins and leaves.
    pub(crate) join_limit: Bucket,
}

impl LiveSession {
    pub(crate) fn new(
        hub: Arc<Hub>,
        number: u64,
        id: String,
        person: PersonId,
        grant: SharedGrant,
        outbox: Outbox,
    ) -> Self {
        let config = &hub.config;
        let typing_limit = Bucket::new(config.typing_burst, 1.0);
        let signal_limit = Bucket::new(config.signals_burst, config.signals_per_second);
        let message_limit = Bucket::new(config.messages_burst, config.messages_per_second);
        let join_limit = Bucket::new(config.joins_burst, config.joins_per_second);
        Self {
            hub,
            number,
            id,
            person,
            grant,
            outbox,
            greeted: false,
            joined: BTreeSet::new(),
            voice: None,
            typing_relayed: HashMap::new(),
            typing_limit,
            signal_limit,
            message_limit,
            join_limit,
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
        if !self.outbox.is_open() {
            return; // closing (signed out, slow, shutting down): nothing more is acted on
        }
        self.sync_grant();
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
                    you: self.person,
                    heartbeat_secs: self.hub.config.ping_every.as_secs(),
                });
                // A page opened: waves and knocks held for this person may arrive now.
                self.hub.greeted(&self.id, self.person);
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
            ClientFrame::Wave { person } => self.wave(person).await,
            ClientFrame::Knock { room } => self.knock(room).await,
            ClientFrame::LetIn { room, person } => self.let_in(room, person).await,
        }
    }

    pub(crate) fn admits(&self, room: &hallway_store::Room) -> bool {
        lock(&self.grant).admits(room)
    }

    /// Drops from this session's own state the rooms the hub took away.
    fn sync_grant(&mut self) {
        let revoked = std::mem::take(&mut lock(&self.grant).revoked);
        for room in revoked {
            self.joined.remove(&room);
            self.typing_relayed.remove(&room);
            if self.voice.as_ref().is_some_and(|v| v.room == room) {
                self.record_voice_time();
                self.voice = None;
            }
        }
    }

    /// Reads the person's invitations again, unless the hub replaced the grant meanwhile
    /// (its read is newer).
    pub(crate) async fn refresh_memberships(&mut self) -> Handled {
        let (generation, person) = {
            let grant = lock(&self.grant);
            (grant.generation, grant.person.clone())
        };
        let memberships = self
            .hub
            .store
            .room_memberships(self.person)
            .await
            .map_err(Problem::store)?;
        lock(&self.grant).replace(generation, person, memberships);
        Ok(())
    }

    /// Whether this person may enter `room`; a room they may not enter looks like no room.
    pub(crate) async fn check_room(&mut self, room: RoomId) -> Handled {
        let found = self.hub.room(room).await.map_err(Problem::store)?;
        if self.admits(&found) {
            return Ok(());
        }
        // An invitation may have arrived since the last check.
        self.refresh_memberships().await?;
        if self.admits(&found) {
            Ok(())
        } else {
            Err(Problem::new(ErrorCode::NoSuchRoom, "no such room"))
        }
    }

    /// Takes a token for a join, a hallway watch or a voice join or leave.
    pub(crate) fn take_join_token(&mut self, what: &str) -> Handled {
        self.join_limit
            .take(Instant::now())
            .map_err(|wait| Problem::limited(what, wait))
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

    /// Tells every node what this connection is in now.
    pub(crate) async fn publish_facts(&mut self) {
        self.sync_grant();
        let facts = ConnectionFacts {
            connection: self.id.clone(),
            person: self.person,
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
        let known = lock(&self.hub.local).remove(&self.id).is_some();
        self.hub.forgotten.notify_waiters();
        if known {
            self.hub.publish_facts(&self.id, None).await;
        }
    }
}
