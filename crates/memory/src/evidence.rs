//! The input records the server feeds the index: neutral structs, no storage types.
//!
//! Every record arrives inside an [`IndexEvent`] that carries the store's global, monotonically
//! increasing sequence number; the index remembers the highest one it has committed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person (an account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub i64);

/// A room; walls are expressed as sets of readable rooms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RoomId(pub i64);

/// What kind of record a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    /// A message in a room.
    Message,
    /// A "solved" or "learned" note (room-less, readable by everyone).
    Note,
    /// A person's profile "ask me about" tags.
    Tags,
}

impl EvidenceKind {
    pub(crate) fn code(self) -> i64 {
        match self {
            EvidenceKind::Message => 0,
            EvidenceKind::Note => 1,
            EvidenceKind::Tags => 2,
        }
    }

    pub(crate) fn from_code(code: i64) -> Self {
        match code {
            1 => EvidenceKind::Note,
            2 => EvidenceKind::Tags,
            _ => EvidenceKind::Message,
        }
    }
}

/// Points at one indexed record: its kind and the store's id for it (message id, note id, or the
/// person id for profile tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocRef {
    /// The record kind.
    pub kind: EvidenceKind,
    /// The store's id of the record.
    pub id: i64,
}

/// A message written in a room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageRecord {
    /// The store's message id.
    pub id: i64,
    /// The room it was written in.
    pub room: RoomId,
    /// Who wrote it.
    pub author: PersonId,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// The text as written.
    pub text: String,
    /// The message this one replies to (thread parent), if any.
    pub reply_to: Option<i64>,
    /// Reactions of any kind.
    pub reactions: u32,
    /// Reactions that mark the message as helpful (a subset of `reactions`).
    pub helpful_reactions: u32,
}

/// Whether a note records a solved problem or something learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    /// "Solved": a problem and how it was fixed.
    Solved,
    /// "Learned": something worth passing on.
    Learned,
}

/// A "solved" or "learned" note; notes belong to no room and anyone may read them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteRecord {
    /// The store's note id.
    pub id: i64,
    /// Solved or learned.
    pub kind: NoteKind,
    /// Who wrote it.
    pub author: PersonId,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// A one-line title.
    pub title: String,
    /// The body.
    pub body: String,
    /// Free-form tags.
    pub tags: Vec<String>,
}

/// A person's "ask me about" tags; a newer record replaces the older one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileTagsRecord {
    /// Whose profile.
    pub person: PersonId,
    /// When the tags were last changed.
    pub at: DateTime<Utc>,
    /// The tags; an empty list removes the person's tags from the index.
    pub tags: Vec<String>,
}

/// One change to index. A record with an id already indexed replaces it (an edit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Evidence {
    /// A new or edited message.
    Message(MessageRecord),
    /// A new or edited note.
    Note(NoteRecord),
    /// New profile tags.
    ProfileTags(ProfileTagsRecord),
    /// A record was deleted; it stops counting as evidence.
    Removed(DocRef),
}

/// A change with the store's global sequence number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexEvent {
    /// The store's global sequence number (strictly increasing across all events).
    pub seq: u64,
    /// The change.
    pub evidence: Evidence,
}
