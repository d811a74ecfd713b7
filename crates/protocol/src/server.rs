//! Frames the server sends.

use chrono::{DateTime, Utc};
use hallway_domain::{ChatRequestId, MessageId, PersonId, RoomId, Status};
use hallway_store::{RoomEvent, RoomEventKind};
use serde::{Deserialize, Serialize};

use crate::{ConnectionId, ErrorCode};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// The answer to `hello`.
    Welcome {
        v: u32,
        /// This socket's id (voice peers address it).
        connection: ConnectionId,
        you: PersonId,
        /// Seconds between the server's heartbeats (WebSocket pings).
        heartbeat_secs: u64,
    },
    /// Everything the hallway shows, sent on `watch_hallway`; deltas follow as
    /// `person`, `room_state` and `overheard` frames.
    Hallway {
        people: Vec<PersonPresence>,
        rooms: Vec<RoomState>,
    },
    /// A person's presence changed (connected, or their chosen status).
    Person(PersonPresence),
    /// Who is in a room and its voice, sent on join and whenever it changes.
    RoomState(RoomState),
    /// One event of a room's log, in sequence order.
    Event(RoomEvent),
    /// The replay asked for by `join` with `after` is complete; live events follow.
    CaughtUp { room: RoomId, seq: i64 },
    /// The latest line of an overhearable room, for the hallway.
    Overheard {
        room: RoomId,
        author: Option<PersonId>,
        excerpt: String,
        at: DateTime<Utc>,
    },
    /// A message is durable; `duplicate` when it had been stored by an earlier try.
    Ack {
        client_id: String,
        room: RoomId,
        seq: i64,
        message: MessageId,
        duplicate: bool,
    },
    /// An edit, delete, reaction or status change was applied (echoes `ref`).
    Done {
        #[serde(rename = "ref")]
        reference: Option<String>,
    },
    /// Someone is typing in a room (at most one per person per room every 2 seconds).
    Typing { room: RoomId, person: PersonId },
    /// A relayed WebRTC signal from a peer in this room's voice.
    VoiceSignal {
        room: RoomId,
        from: ConnectionId,
        person: PersonId,
        signal: serde_json::Value,
    },
    /// A quiet suggestion of up to 3 colleagues who have been here before, sent only to the
    /// person whose question or "working on" line it answers; never stored.
    Suggestion {
        /// What it answers: the question or the line, as its author wrote it (first line).
        about: String,
        people: Vec<Suggested>,
    },
    /// Someone asks this person for a 9-minute chat (sent only while they are not focusing
    /// and inside their working hours; held until then).
    ChatRequest(ChatOffer),
    /// The person this one asked answered: `answer` is `accepted` (with the `room` to join)
    /// or `not_now`.
    ChatAnswer {
        request: ChatRequestId,
        answer: String,
        room: Option<RoomId>,
    },
    Pong {
        #[serde(rename = "ref")]
        reference: Option<String>,
    },
    /// Someone waved at this person (delivered only while they are not focusing and inside
    /// their working hours; held until then).
    Wave(WaveNote),
    /// The answer to `wave`: delivered now, or `held` until they may be interrupted.
    WaveSent { person: PersonId, held: bool },
    /// Someone knocks on a room whose voice this person is in (held like a wave).
    Knock(KnockNote),
    /// The answer to `knock`: how many people in the voice were told now, and whether it is
    /// held for the others.
    KnockSent {
        room: RoomId,
        told: usize,
        held: bool,
    },
    /// Someone in the room answered this person's knock: come in.
    LetIn {
        room: RoomId,
        room_name: String,
        by: PersonId,
        name: String,
    },
    /// Something was wrong with a frame; the connection carries on unless `closing`.
    Error {
        code: ErrorCode,
        message: String,
        #[serde(rename = "ref")]
        reference: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after_ms: Option<u64>,
        closing: bool,
    },
    /// The server is closing this socket and says why (e.g. `slow_consumer`); reconnect
    /// and resume with `after`. The reason starts with a [`crate::ByeCode`].
    Bye { reason: String },
    /// The server took a joined room away (`reason`: `access_revoked` when the person may no
    /// longer enter it); its frames stop, and joining it again is `no_such_room`.
    Left { room: RoomId, reason: String },
    /// A room this hallway watcher may enter was created or changed (name, topic, kind), or
    /// they were invited into it: the hallway shows it without a reload.
    RoomInfo(RoomInfo),
}

/// What the hallway shows of a room besides who is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomInfo {
    pub room: RoomId,
    pub name: String,
    pub topic: String,
    /// `open`, `team` or `private`.
    pub kind: String,
    pub overhearable: bool,
}

/// A colleague in a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggested {
    pub person: PersonId,
    pub name: String,
    /// Why, in one line, e.g. "answered 2 similar questions in #kitchen".
    pub reason: String,
}

/// A wave, as the person waved at sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveNote {
    pub from: PersonId,
    pub name: String,
    /// Where the waver is, when the person waved at may enter it ("drop in with them").
    pub room: Option<RoomId>,
    pub room_name: Option<String>,
    /// A wave back: this person waved at them first, a moment ago.
    pub back: bool,
    pub at: DateTime<Utc>,
}

/// A knock, as the people in the room's voice see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnockNote {
    pub room: RoomId,
    pub room_name: String,
    pub from: PersonId,
    pub name: String,
    pub at: DateTime<Utc>,
}

/// A request for a 9-minute chat, as its colleague sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatOffer {
    pub request: ChatRequestId,
    pub from: PersonId,
    pub name: String,
    /// The optional one-line topic ("" when none).
    pub topic: String,
    pub expires_at: DateTime<Utc>,
}

/// A person's presence: the facts the server knows plus what they chose to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPresence {
    pub person: PersonId,
    pub connected: bool,
    pub status: Status,
}

/// The people in a room and in its voice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomState {
    pub room: RoomId,
    /// People with the room open, each once.
    pub present: Vec<PersonId>,
    /// Voice participants, by connection.
    pub voice: Vec<Occupant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupant {
    pub connection: ConnectionId,
    pub person: PersonId,
    pub muted: bool,
    pub speaking: bool,
}

impl ServerFrame {
    pub fn error(code: ErrorCode, message: impl Into<String>, reference: Option<String>) -> Self {
        ServerFrame::Error {
            code,
            message: message.into(),
            reference,
            retry_after_ms: None,
            closing: false,
        }
    }

    /// The frame as JSON text; serialising these types cannot fail.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"type":"error","code":"unavailable","message":"{e}","closing":false}}"#)
        })
    }
}

/// A short excerpt of a message for the hallway: the first line, at most 140 characters.
pub fn excerpt(kind: &RoomEventKind) -> Option<String> {
    match kind {
        RoomEventKind::Posted { body, .. } if !body.is_empty() => {
            let line = body.lines().next().unwrap_or_default();
            let mut out: String = line.chars().take(140).collect();
            if out.len() < line.len() || body.lines().nth(1).is_some() {
                out.push('…');
            }
            Some(out)
        }
        _ => None,
    }
}
