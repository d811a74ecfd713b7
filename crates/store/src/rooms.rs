//! Room records: rooms, their invited members, the sequenced event log of each room (messages,
//! edits, deletes, reactions) and the presence status people choose.
//!
//! Every event in a room gets the next number of the room's sequence, assigned by the store
//! inside the transaction that writes it: numbers are dense (1, 2, 3, ...) and never reused,
//! so a client that saw event `n` asks for everything after `n` and misses nothing.

use chrono::{DateTime, Utc};
use hallway_domain::{
    ClientMessageId, MessageBody, MessageId, PersonId, Reaction, RoomId, RoomKind, RoomName,
    Status, TeamId,
};
use serde::{Deserialize, Serialize};

/// A room to create.
#[derive(Debug, Clone)]
pub struct NewRoom {
    pub name: RoomName,
    pub topic: String,
    pub kind: RoomKind,
    /// Required for team rooms, ignored otherwise.
    pub team: Option<TeamId>,
    pub overhearable: bool,
    pub created_by: Option<PersonId>,
    pub created_at: DateTime<Utc>,
}

/// A room as stored. `last_seq` is the number of its newest event (0 when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub id: RoomId,
    pub name: RoomName,
    pub topic: String,
    pub kind: RoomKind,
    pub team: Option<TeamId>,
    pub overhearable: bool,
    pub created_by: Option<PersonId>,
    pub created_at: DateTime<Utc>,
    pub last_seq: i64,
}

/// A message to post. `client_id` makes the post idempotent per author.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub room: RoomId,
    pub author: PersonId,
    pub client_id: ClientMessageId,
    pub body: MessageBody,
    /// Must be a message of the same room (`NotFound(Missing::Message)` otherwise).
    pub reply_to: Option<MessageId>,
    pub at: DateTime<Utc>,
}

/// A message in its current state, for history pages and scroll-back.
/// A deleted message keeps its place with an empty body and `deleted` set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: MessageId,
    pub room: RoomId,
    /// The sequence number of the event that posted it.
    pub seq: i64,
    /// `None` once the author's account is deleted.
    pub author: Option<PersonId>,
    pub client_id: Option<String>,
    pub body: String,
    pub reply_to: Option<MessageId>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted: bool,
    /// Reactions grouped by emoji, each with who reacted, in first-reaction order.
    pub reactions: Vec<ReactionGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionGroup {
    pub emoji: String,
    pub people: Vec<PersonId>,
}

/// One sequenced event of a room's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomEvent {
    pub room: RoomId,
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub kind: RoomEventKind,
}

/// What happened. Bodies of deleted messages are scrubbed from every earlier event too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RoomEventKind {
    Posted {
        message: MessageId,
        author: Option<PersonId>,
        client_id: Option<String>,
        body: String,
        reply_to: Option<MessageId>,
    },
    Edited {
        message: MessageId,
        body: String,
    },
    Deleted {
        message: MessageId,
    },
    Reacted {
        message: MessageId,
        person: Option<PersonId>,
        emoji: String,
        /// `true` when added, `false` when taken back.
        on: bool,
    },
}

/// The result of posting: the event, and whether it was already stored by an earlier try
/// with the same client id (then nothing new was written and `event` is the original).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub event: RoomEvent,
    pub duplicate: bool,
}

/// An edit, delete or reaction to apply to an existing message of `room`.
#[derive(Debug, Clone)]
pub enum MessageChange {
    /// Only the author may edit (`NotFound(Missing::Message)` for anyone else or a deleted message).
    Edit { body: MessageBody },
    /// Only the author may delete; deleting twice is `NotFound(Missing::Message)`.
    Delete,
    /// Anyone who may enter the room may react; adding twice or removing what is not there
    /// writes nothing and returns `Ok(None)`.
    React { emoji: Reaction, on: bool },
}

/// A person's stored status, for the hallway page and live presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonStatus {
    pub person: PersonId,
    pub status: Status,
    pub updated_at: DateTime<Utc>,
}

/// What the export holds about a person's part in rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct RoomsExport {
    pub status: Option<Status>,
    /// Rooms the person was invited to (team-room guests, private-room members).
    pub memberships: Vec<RoomId>,
    /// Every message they wrote that is not deleted, in their current text.
    pub messages: Vec<Message>,
    /// Reactions they gave: message and emoji.
    pub reactions: Vec<(MessageId, String)>,
}
