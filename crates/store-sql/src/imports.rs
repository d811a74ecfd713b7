//! Imports: the `(source, kind, source id)` mapping that makes an import idempotent, and the
//! bulk append of imported messages (ids and sequence numbers taken up front, rows written
//! with multi-row inserts) that lets a million-message export load in seconds.

use std::collections::{HashMap, HashSet};

use crate::{query, query_as, query_scalar, Conn, DbError, IdReservation, Values};
use hallway_domain::{PersonId, RoomId, RoomKind};
use hallway_store::convert::to_millis;
use hallway_store::Missing;
use hallway_store::{
    ImportHow, ImportMessage, ImportPerson, Imported, ImportedMessages, NewPerson, NewRoom,
    StoreError, StoreResult,
};

use crate::error::db;
use crate::{evidence, people, rooms};

/// Rows per multi-row insert (SQLite allows 32,766 bound values per statement, PostgreSQL
/// 65,535).
const ROWS_PER_INSERT: usize = 1_000;

async fn mapped(
    conn: &mut dyn Conn,
    source: &str,
    kind: &str,
    source_id: &str,
) -> StoreResult<Option<i64>> {
    query_scalar(
        "SELECT hallway_id FROM import_map WHERE source = $1 AND kind = $2 AND source_id = $3",
    )
    .bind(source)
    .bind(kind)
    .bind(source_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db(Missing::ImportMapping))
}

async fn map(
    conn: &mut dyn Conn,
    source: &str,
    kind: &str,
    source_id: &str,
    id: i64,
) -> StoreResult<()> {
    query("INSERT INTO import_map (source, kind, source_id, hallway_id) VALUES ($1, $2, $3, $4)")
        .bind(source)
        .bind(kind)
        .bind(source_id)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::ImportMapping))?;
    Ok(())
}

pub async fn people(
    conn: &mut dyn Conn,
    source: &str,
    people: &[ImportPerson],
) -> StoreResult<Vec<Option<Imported<PersonId>>>> {
    evidence::lock_log(conn).await?;
    let mut out = Vec::with_capacity(people.len());
    for one in people {
        out.push(person(conn, source, &one.source_id, &one.person).await?);
    }
    Ok(out)
}

async fn person(
    conn: &mut dyn Conn,
    source: &str,
    source_id: &str,
    new: &NewPerson,
) -> StoreResult<Option<Imported<PersonId>>> {
    if let Some(id) = mapped(conn, source, "person", source_id).await? {
        let exists: Option<i64> = query_scalar("SELECT id FROM people WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db(Missing::Person))?;
        return Ok(exists.map(|id| imported(PersonId(id), ImportHow::Already)));
    }
    let existing: Option<i64> = query_scalar("SELECT id FROM people WHERE email = $1")
        .bind(new.email.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::Person))?;
    let (id, how) = match existing {
        Some(id) => (id, ImportHow::Matched),
        None => (people::insert(conn, new, false).await?, ImportHow::Created),
    };
    map(conn, source, "person", source_id, id).await?;
    Ok(Some(imported(PersonId(id), how)))
}

fn imported<T>(id: T, how: ImportHow) -> Imported<T> {
    Imported { id, how }
}

pub async fn room(
    conn: &mut dyn Conn,
    source: &str,
    source_id: &str,
    new: &NewRoom,
) -> StoreResult<Imported<RoomId>> {
    if let Some(id) = mapped(conn, source, "room", source_id).await? {
        rooms::exists(conn, RoomId(id)).await?;
        return Ok(imported(RoomId(id), ImportHow::Already));
    }
    let same_name: Option<(i64, String)> =
        query_as("SELECT id, kind FROM rooms WHERE lower(name) = lower($1)")
            .bind(new.name.as_str())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db(Missing::Room))?;
    let (id, how) = match same_name {
        Some((id, kind)) if kind == "open" && new.kind == RoomKind::Open => {
            (id, ImportHow::Matched)
        }
        Some(_) => {
            return Err(StoreError::Conflict(format!(
                "a room named {:?} already exists",
                new.name.as_str()
            )))
        }
        None => (rooms::create(conn, new).await?.id.0, ImportHow::Created),
    };
    map(conn, source, "room", source_id, id).await?;
    Ok(imported(RoomId(id), how))
}

/// Source ids among `ids` already mapped to messages of `room` (any room when `None`).
async fn mapped_messages(
    conn: &mut dyn Conn,
    source: &str,
    room: Option<RoomId>,
    ids: &[&str],
) -> StoreResult<HashMap<String, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, i64)> = query_as(conn.dialect().imported_messages())
        .bind(source)
        .bind(
            ids.iter()
                .map(|id| (*id).to_owned())
                .collect::<Vec<String>>(),
        )
        .bind(room.map(|r| r.0))
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::ImportMapping))?;
    Ok(rows.into_iter().collect())
}

/// Ids for `n` new messages, reserved the backend's way ([`IdReservation`]).
async fn next_message_ids(conn: &mut dyn Conn, n: usize) -> StoreResult<Vec<i64>> {
    match conn.dialect().reserve_message_ids() {
        IdReservation::AboveLargest(sql) => {
            let last: i64 = query_scalar(sql)
                .fetch_one(&mut *conn)
                .await
                .map_err(db(Missing::Message))?;
            Ok((1..=n as i64).map(|i| last + i).collect())
        }
        IdReservation::Sequence(sql) => query_scalar(sql)
            .bind(n as i64)
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::Message)),
    }
}

/// A message about to be written.
struct NewRow<'a> {
    id: i64,
    seq: i64,
    reply_to: Option<i64>,
    message: &'a ImportMessage,
}

pub async fn messages(
    conn: &mut dyn Conn,
    source: &str,
    room: RoomId,
    batch: &[ImportMessage],
) -> StoreResult<ImportedMessages> {
    if let Some(settings) = conn.dialect().import_settings() {
        query(settings)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::ImportSettings))?;
    }
    rooms::lock(conn, room).await?;
    let ids: Vec<&str> = batch.iter().map(|m| m.source_id.as_str()).collect();
    let done = mapped_messages(conn, source, None, &ids).await?;
    let mut seen: HashSet<&str> = HashSet::new();
    let fresh: Vec<&ImportMessage> = batch
        .iter()
        .filter(|m| !done.contains_key(&m.source_id) && seen.insert(m.source_id.as_str()))
        .collect();
    let parents: Vec<&str> = fresh.iter().filter_map(|m| m.reply_to.as_deref()).collect();
    let mut known = mapped_messages(conn, source, Some(room), &parents).await?;
    let new_ids = next_message_ids(conn, fresh.len()).await?;
    let last_seq: i64 = query_scalar("SELECT last_seq FROM rooms WHERE id = $1")
        .bind(room.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Room))?;
    let mut rows = Vec::with_capacity(fresh.len());
    for ((message, id), seq) in fresh.iter().zip(new_ids).zip(last_seq + 1..) {
        let reply_to = message
            .reply_to
            .as_ref()
            .and_then(|p| known.get(p).copied());
        known.insert(message.source_id.clone(), id);
        rows.push(NewRow {
            id,
            seq,
            reply_to,
            message,
        });
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        write_chunk(conn, source, room, chunk).await?;
    }
    if let Some(last) = rows.last() {
        query("UPDATE rooms SET last_seq = $2 WHERE id = $1")
            .bind(room.0)
            .bind(last.seq)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::Room))?;
    }
    Ok(ImportedMessages {
        added: rows.len() as u64,
        already: (batch.len() - rows.len()) as u64,
    })
}

async fn write_chunk(
    conn: &mut dyn Conn,
    source: &str,
    room: RoomId,
    chunk: &[NewRow<'_>],
) -> StoreResult<()> {
    let mut insert = Values::new(
        "INSERT INTO messages (id, room_id, seq, author_id, client_id, body, reply_to, \
         created_at, deleted) VALUES ",
    );
    for r in chunk {
        insert.row(vec![
            r.id.into(),
            room.0.into(),
            r.seq.into(),
            r.message.author.0.into(),
            r.message.client_id.as_str().into(),
            r.message.body.as_str().into(),
            r.reply_to.into(),
            to_millis(r.message.at).into(),
            false.into(),
        ]);
    }
    insert
        .into_query()
        .execute(&mut *conn)
        .await
        .map_err(imported_conflict)?;
    let mut events = Values::new(
        "INSERT INTO room_events (room_id, seq, at, kind, message_id, person_id, body) VALUES ",
    );
    for r in chunk {
        events.row(vec![
            room.0.into(),
            r.seq.into(),
            to_millis(r.message.at).into(),
            "posted".into(),
            r.id.into(),
            r.message.author.0.into(),
            r.message.body.as_str().into(),
        ]);
    }
    events
        .into_query()
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::RoomEvent))?;
    let mut mapping =
        Values::new("INSERT INTO import_map (source, kind, source_id, hallway_id) VALUES ");
    for r in chunk {
        mapping.row(vec![
            source.into(),
            "message".into(),
            r.message.source_id.as_str().into(),
            r.id.into(),
        ]);
    }
    mapping
        .into_query()
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::ImportMapping))?;
    Ok(())
}

/// An author's client id already used by a message that is not this import's: `Conflict`;
/// an unknown author: `NotFound(Missing::Person)`.
fn imported_conflict(error: DbError) -> StoreError {
    if error.is_unique_violation() {
        return StoreError::Conflict(
            "an imported message's client id is already used by its author".to_owned(),
        );
    }
    if error.is_foreign_key_violation() {
        return StoreError::NotFound(Missing::Person);
    }
    db(Missing::Message)(error)
}

/// The imported identities mapped to a person: (source, source id), for their export.
pub async fn identities_of(
    conn: &mut dyn Conn,
    person: PersonId,
) -> StoreResult<Vec<(String, String)>> {
    query_as(
        "SELECT source, source_id FROM import_map WHERE kind = 'person' AND hallway_id = $1 \
         ORDER BY source, source_id",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::ImportMapping))
}
