//! Records for the been-there finder: "solved"/"learned" notes, the evidence feed its indexer
//! follows, and the import mapping that makes imports idempotent.
//!
//! # The evidence feed
//!
//! Room messages are read per room by sequence number ([`crate::Store::room_evidence`]): a
//! room's numbers are dense and become visible in order (a writer holds the room's lock until
//! it commits), so "everything after `n`" never skips a late commit. Everything else that is
//! evidence or removes evidence — notes, profile tags, and the messages and reactions a deleted
//! person leaves behind, which change without a room event — is written to one change log
//! ([`crate::Store::evidence_changes`]) whose numbers also become visible in order (SQLite has
//! one writer; PostgreSQL writers lock the log's table before taking a number).
//!
//! Both feeds return records in their **current** state, never the change itself, so reading
//! a range twice is harmless: the indexer replaces a record with the same id. An indexer keeps
//! one cursor per room plus one for the change log and may restart from any older cursors.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{
    ClientMessageId, MessageBody, MessageId, NoteBody, NoteId, NoteKind, NoteTitle, PersonId,
    RoomId, Tag,
};
use serde::Serialize;

use crate::{Message, NewPerson, NewRoom, StoreResult};

/// The storage the been-there finder needs; part of every [`crate::Store`].
#[async_trait]
pub trait FinderStore: Send + Sync {
    // Notes ("solved"/"learned"): room-less, readable by everyone but guests.
    /// Writes a note; an unknown author is `NotFound(Missing::Person)`.
    async fn create_note(&self, note: NewNote) -> StoreResult<Note>;
    /// Replaces a note's contents; only its author may (`NotFound(Missing::Note)` for anyone else).
    async fn edit_note(
        &self,
        id: NoteId,
        author: PersonId,
        edit: NoteEdit,
        at: DateTime<Utc>,
    ) -> StoreResult<Note>;
    /// Deletes a note; only its author may (`NotFound(Missing::Note)` for anyone else).
    async fn delete_note(&self, id: NoteId, author: PersonId) -> StoreResult<()>;
    async fn note(&self, id: NoteId) -> StoreResult<Note>;
    /// Notes newest first: those with an id below `before` (all when `None`), at most `limit`.
    async fn notes(&self, before: Option<NoteId>, limit: u32) -> StoreResult<Vec<Note>>;

    // "Don't suggest me": people who opted out are never suggested by the finder.
    /// Whether the person opted out (off by default); unknown person is `NotFound(Missing::Person)`.
    async fn suggestions_opted_out(&self, person: PersonId) -> StoreResult<bool>;
    async fn set_suggestions_opted_out(&self, person: PersonId, opted_out: bool)
        -> StoreResult<()>;
    /// Everyone who opted out.
    async fn opted_out_people(&self) -> StoreResult<Vec<PersonId>>;

    // The evidence feed the finder's indexer follows (see the `memory` module docs).
    /// The room's messages touched by its events with `after < seq <= after + limit`, in
    /// their current state; an unknown room is `NotFound(Missing::Room)`.
    async fn room_evidence(
        &self,
        room: RoomId,
        after: i64,
        limit: u32,
    ) -> StoreResult<RoomEvidence>;
    /// Up to `limit` entries of the evidence change log after `after`, as records in their
    /// current state (a record changed twice may come twice).
    async fn evidence_changes(&self, after: i64, limit: u32) -> StoreResult<EvidenceChanges>;

    // Imports: `(source, kind, source id)` maps to a Hallway id, so running an import twice
    // adds nothing. `source` names the exporting system (and archive), e.g. "slack".
    /// Maps imported people, in one transaction, in order: each to an earlier mapping, else
    /// the account with the same email, else a new account made from its `person` (imports
    /// create inactive people without a password). `None` for a mapped account that was
    /// deleted since (its history is not brought back).
    async fn import_people(
        &self,
        source: &str,
        people: &[ImportPerson],
    ) -> StoreResult<Vec<Option<Imported<PersonId>>>>;
    /// Maps an imported room: an earlier mapping, else (for an open room) the open room with
    /// the same name, else `room` is created (`Conflict` if its name is in use: a private room
    /// is never merged into an existing one).
    async fn import_room(
        &self,
        source: &str,
        source_id: &str,
        room: NewRoom,
    ) -> StoreResult<Imported<RoomId>>;
    /// Appends messages to a room's log in one transaction, in the given order, keeping their
    /// original times; messages already imported are skipped. Authors must exist.
    async fn import_messages(
        &self,
        source: &str,
        room: RoomId,
        messages: &[ImportMessage],
    ) -> StoreResult<ImportedMessages>;
}

/// A note to write.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub kind: NoteKind,
    pub title: NoteTitle,
    pub body: NoteBody,
    /// At most 20, without duplicates (see `Tag::parse_list`).
    pub tags: Vec<Tag>,
    pub author: PersonId,
    pub at: DateTime<Utc>,
}

/// A note's new contents; replaces kind, title, body and tags.
#[derive(Debug, Clone)]
pub struct NoteEdit {
    pub kind: NoteKind,
    pub title: NoteTitle,
    pub body: NoteBody,
    pub tags: Vec<Tag>,
}

/// A "solved" or "learned" note as stored. Notes belong to no room: everyone but guests
/// may read them; only the author may edit or delete one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: NoteId,
    pub kind: NoteKind,
    pub title: NoteTitle,
    pub body: NoteBody,
    pub tags: Vec<Tag>,
    pub author: PersonId,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

/// The messages of one room touched by its events in `(after, through]`, in their current
/// state (deleted ones included, flagged, so the indexer can drop them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomEvidence {
    /// The room's cursor after this read (equal to `after` when nothing was new).
    pub through: i64,
    pub messages: Vec<Message>,
}

/// Records from the evidence change log after a cursor, in their current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceChanges {
    /// The log cursor after this read (equal to `after` when nothing was new).
    pub through: i64,
    pub changes: Vec<EvidenceChange>,
}

/// One changed record, as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceChange {
    Note(Note),
    /// The note was deleted (by its author, or with its author's account).
    NoteGone(NoteId),
    /// A person's "ask me about" tags; empty once the person is deleted.
    Tags {
        person: PersonId,
        tags: Vec<Tag>,
    },
    /// A message changed without a room event (its author was deleted, or a reaction to it
    /// went with a deleted account).
    Message(Message),
    /// The message no longer exists.
    MessageGone(MessageId),
}

/// What an import record became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportHow {
    /// Newly created.
    Created,
    /// Mapped to a record that already existed (a person with the same email, an open room
    /// with the same name).
    Matched,
    /// An earlier import already mapped it.
    Already,
}

/// The Hallway id an imported record maps to, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported<T> {
    pub id: T,
    pub how: ImportHow,
}

/// One person to import: the exporting system's id and the account to create if needed.
#[derive(Debug, Clone)]
pub struct ImportPerson {
    pub source_id: String,
    pub person: NewPerson,
}

/// One message to import into a room. `source_id` is unique within the source; `client_id`
/// is derived from it, so the message is also stored at most once per author.
#[derive(Debug, Clone)]
pub struct ImportMessage {
    pub source_id: String,
    pub client_id: ClientMessageId,
    pub author: PersonId,
    pub body: MessageBody,
    /// The source id of the message this one replies to; ignored if it was never imported
    /// into the same room.
    pub reply_to: Option<String>,
    /// The original time; imported messages keep it.
    pub at: DateTime<Utc>,
}

/// What [`crate::Store::import_messages`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportedMessages {
    pub added: u64,
    /// Already imported earlier (or listed twice): nothing written.
    pub already: u64,
}

/// What the export holds about a person's part in the finder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct MemoryExport {
    /// Their "don't suggest me" choice.
    pub suggestions_opted_out: bool,
    /// Notes they wrote, newest first.
    pub notes: Vec<Note>,
    /// The imported identities mapped to them: (source, source id).
    pub imported_as: Vec<(String, String)>,
}

/// One row of `notes`, as plain columns (shared by the backends).
#[derive(Debug, Clone)]
pub struct NoteRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    /// A JSON array of strings.
    pub tags: String,
    pub author: i64,
    pub created_at: i64,
    pub edited_at: Option<i64>,
}

impl NoteRow {
    /// The note, with every value checked again; a value that fails is `Corrupt`.
    pub fn into_note(self) -> crate::StoreResult<Note> {
        use crate::convert::from_millis;
        let corrupt = |what: &str, e: hallway_domain::Invalid| {
            crate::StoreError::Corrupt(format!("note {}: {what}: {e}", self.id))
        };
        let tags: Vec<String> = serde_json::from_str(&self.tags)
            .map_err(|e| crate::StoreError::Corrupt(format!("note {} tags: {e}", self.id)))?;
        Ok(Note {
            id: NoteId(self.id),
            kind: NoteKind::parse(&self.kind).map_err(|e| corrupt("kind", e))?,
            title: NoteTitle::parse(&self.title).map_err(|e| corrupt("title", e))?,
            body: NoteBody::parse(&self.body).map_err(|e| corrupt("body", e))?,
            tags: tags
                .iter()
                .map(|t| Tag::parse(t).map_err(|e| corrupt("tag", e)))
                .collect::<crate::StoreResult<Vec<_>>>()?,
            author: PersonId(self.author),
            created_at: from_millis(self.created_at)?,
            edited_at: self.edited_at.map(from_millis).transpose()?,
        })
    }
}

/// Note tags as stored: a JSON array of strings.
pub fn tags_json(tags: &[Tag]) -> String {
    let list: Vec<&str> = tags.iter().map(Tag::as_str).collect();
    serde_json::Value::from(list).to_string()
}
