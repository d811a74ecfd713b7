//! The evidence feed for the finder's indexer: a room's messages touched by a range of its
//! events, and the evidence change log (notes, profile tags, what a deleted person leaves).
//! Both return records in their current state, so reading a range twice is harmless.

use crate::{query, query_as, query_scalar, Conn, TableLock};
use hallway_domain::{MessageId, NoteId, PersonId, RoomId, Tag};
use hallway_store::Missing;
use hallway_store::{EvidenceChange, EvidenceChanges, RoomEvidence, StoreError, StoreResult};

use crate::error::db;
use crate::history::{self, MESSAGE_SELECT};
use crate::{notes, rooms};

/// Log entry kinds.
pub const NOTE: &str = "note";
pub const PERSON: &str = "person";
pub const MESSAGE: &str = "message";

/// Makes this transaction the change log's only writer until it ends, so log ids (taken after
/// the lock) become visible in order: a reader that saw id `n` never misses a smaller one
/// committed later. Readers are not blocked. Every transaction that writes to the log takes
/// this lock before any other (a second call is free), so waiting for it never closes a cycle
/// of lock waits.
/// Where a write transaction already is the only writer (SQLite), there is nothing to lock.
pub async fn lock_log(conn: &mut dyn Conn) -> StoreResult<()> {
    let lock = conn
        .dialect()
        .lock_table("evidence_changes", TableLock::ShareRowExclusive);
    if let Some(lock) = lock {
        query(lock)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::EvidenceChange))?;
    }
    Ok(())
}

/// Records that the `kind` record `id` changed. Call inside the writing transaction.
pub async fn log(conn: &mut dyn Conn, kind: &str, id: i64) -> StoreResult<()> {
    lock_log(conn).await?;
    query("INSERT INTO evidence_changes (kind, ref_id) VALUES ($1, $2)")
        .bind(kind)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::EvidenceChange))?;
    Ok(())
}

/// Before a person is deleted: logs their live messages, the messages they reacted to, their
/// notes and their tags, which all change without a room event; and forgets their import
/// mappings.
pub async fn forget_person(conn: &mut dyn Conn, person: PersonId) -> StoreResult<()> {
    lock_log(conn).await?;
    let statements = [
        "INSERT INTO evidence_changes (kind, ref_id) \
         SELECT 'message', id FROM messages WHERE author_id = $1 AND NOT deleted ORDER BY id",
        "INSERT INTO evidence_changes (kind, ref_id) \
         SELECT DISTINCT 'message', message_id FROM reactions WHERE person_id = $1",
        "INSERT INTO evidence_changes (kind, ref_id) \
         SELECT 'note', id FROM notes WHERE author_id = $1 ORDER BY id",
        "INSERT INTO evidence_changes (kind, ref_id) VALUES ('person', $1)",
        "DELETE FROM import_map WHERE kind = 'person' AND hallway_id = $1",
    ];
    for statement in statements {
        query(statement)
            .bind(person.0)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::EvidenceChange))?;
    }
    Ok(())
}

/// The messages of `room` touched by events `after < seq <= after + limit`.
pub async fn in_room(
    conn: &mut dyn Conn,
    room: RoomId,
    after: i64,
    limit: u32,
) -> StoreResult<RoomEvidence> {
    rooms::exists(conn, room).await?;
    let upto = after.saturating_add(i64::from(limit));
    let through: Option<i64> = query_scalar(
        "SELECT MAX(seq) FROM room_events WHERE room_id = $1 AND seq > $2 AND seq <= $3",
    )
    .bind(room.0)
    .bind(after)
    .bind(upto)
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::RoomEvent))?;
    let Some(through) = through else {
        return Ok(RoomEvidence {
            through: after,
            messages: Vec::new(),
        });
    };
    let rows = query(format!(
        "{MESSAGE_SELECT} WHERE m.id IN (SELECT message_id FROM room_events \
         WHERE room_id = $1 AND seq > $2 AND seq <= $3) ORDER BY m.seq"
    ))
    .bind(room.0)
    .bind(after)
    .bind(through)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Message))?;
    let messages = history::messages(conn, rows).await?;
    Ok(RoomEvidence { through, messages })
}

/// Up to `limit` log entries after `after`, each read in its current state.
pub async fn changes(conn: &mut dyn Conn, after: i64, limit: u32) -> StoreResult<EvidenceChanges> {
    let entries: Vec<(i64, String, i64)> = query_as(
        "SELECT id, kind, ref_id FROM evidence_changes WHERE id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::EvidenceChange))?;
    let mut out = EvidenceChanges {
        through: after,
        changes: Vec::with_capacity(entries.len()),
    };
    for (id, kind, record) in entries {
        out.changes.push(current(conn, &kind, record).await?);
        out.through = id;
    }
    Ok(out)
}

async fn current(conn: &mut dyn Conn, kind: &str, id: i64) -> StoreResult<EvidenceChange> {
    match kind {
        NOTE => Ok(match notes::find(conn, NoteId(id)).await? {
            Some(note) => EvidenceChange::Note(note),
            None => EvidenceChange::NoteGone(NoteId(id)),
        }),
        PERSON => Ok(EvidenceChange::Tags {
            person: PersonId(id),
            tags: tags_of(conn, id).await?,
        }),
        MESSAGE => match history::message(conn, MessageId(id)).await {
            Ok(message) => Ok(EvidenceChange::Message(message)),
            Err(StoreError::NotFound(_)) => Ok(EvidenceChange::MessageGone(MessageId(id))),
            Err(other) => Err(other),
        },
        other => Err(StoreError::Corrupt(format!(
            "evidence change kind {other:?}"
        ))),
    }
}

/// A person's tags in order; none once they are deleted.
async fn tags_of(conn: &mut dyn Conn, person: i64) -> StoreResult<Vec<Tag>> {
    let tags: Vec<String> =
        query_scalar("SELECT tag FROM person_tags WHERE person_id = $1 ORDER BY position")
            .bind(person)
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::Person))?;
    tags.iter()
        .map(|t| Tag::parse(t).map_err(|e| StoreError::Corrupt(format!("tag: {e}"))))
        .collect()
}
