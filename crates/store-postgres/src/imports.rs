//! Imports: the `(source, kind, source id)` mapping that makes an import idempotent, and the
//! bulk append of imported messages (ids and sequence numbers taken up front, rows written
//! with multi-row inserts) that lets a million-message export load in seconds.

use std::collections::{HashMap, HashSet};

use hallway_domain::{PersonId, RoomId, RoomKind};
use hallway_store::convert::to_millis;
use hallway_store::{
    ImportHow, ImportMessage, ImportPerson, Imported, ImportedMessages, NewPerson, NewRoom,
    StoreError, StoreResult,
};
use sqlx::{PgConnection, Postgres, QueryBuilder};

use crate::error::db;
use crate::{evidence, people, rooms};

/// Rows per multi-row insert (PostgreSQL allows 65,535 bound values per statement).
const ROWS_PER_INSERT: usize = 1_000;

async fn mapped(
    conn: &mut PgConnection,
    source: &str,
    kind: &str,
    source_id: &str,
) -> StoreResult<Option<i64>> {
    sqlx::query_scalar(
        "SELECT hallway_id FROM import_map WHERE source = $1 AND kind = $2 AND source_id = $3",
    )
    .bind(source)
    .bind(kind)
    .bind(source_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db("import mapping"))
}

async fn map(
    conn: &mut PgConnection,
    source: &str,
    kind: &str,
    source_id: &str,
    id: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO import_map (source, kind, source_id, hallway_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(source)
    .bind(kind)
    .bind(source_id)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db("import mapping"))?;
    Ok(())
}

pub(crate) async fn people(
    conn: &mut PgConnection,
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
    conn: &mut PgConnection,
    source: &str,
    source_id: &str,
    new: &NewPerson,
) -> StoreResult<Option<Imported<PersonId>>> {
    if let Some(id) = mapped(conn, source, "person", source_id).await? {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db("person"))?;
        return Ok(exists.map(|id| imported(PersonId(id), ImportHow::Already)));
    }
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
        .bind(new.email.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db("person"))?;
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

pub(crate) async fn room(
    conn: &mut PgConnection,
    source: &str,
    source_id: &str,
    new: &NewRoom,
) -> StoreResult<Imported<RoomId>> {
    if let Some(id) = mapped(conn, source, "room", source_id).await? {
        rooms::exists(conn, RoomId(id)).await?;
        return Ok(imported(RoomId(id), ImportHow::Already));
    }
    let same_name: Option<(i64, String)> =
        sqlx::query_as("SELECT id, kind FROM rooms WHERE lower(name) = lower($1)")
            .bind(new.name.as_str())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db("room"))?;
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
    conn: &mut PgConnection,
    source: &str,
    room: Option<RoomId>,
    ids: &[&str],
) -> StoreResult<HashMap<String, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    // One primary-key probe per id: during a bulk import the planner's statistics lag far
    // behind the table, and both `source_id = ANY($2)` and a plain LATERAL join (which the
    // planner flattens) were planned as a scan of every message mapping of the source — once
    // per chunk, so quadratic overall. `OFFSET 0` keeps the LATERAL subquery a per-id probe.
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT w.source_id, found.id FROM unnest($2::TEXT[]) AS w (source_id) \
         CROSS JOIN LATERAL (SELECT m.id FROM import_map i JOIN messages m ON m.id = i.hallway_id \
         WHERE i.source = $1 AND i.kind = 'message' AND i.source_id = w.source_id \
         AND ($3::BIGINT IS NULL OR m.room_id = $3) OFFSET 0) AS found",
    )
    .bind(source)
    .bind(ids)
    .bind(room.map(|r| r.0))
    .fetch_all(&mut *conn)
    .await
    .map_err(db("import mapping"))?;
    Ok(rows.into_iter().collect())
}

/// Ids for `n` new messages, taken from the table's identity sequence.
async fn next_message_ids(conn: &mut PgConnection, n: usize) -> StoreResult<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('messages', 'id')) FROM generate_series(1, $1)",
    )
    .bind(n as i64)
    .fetch_all(&mut *conn)
    .await
    .map_err(db("message"))
}

/// A message about to be written.
struct Row<'a> {
    id: i64,
    seq: i64,
    reply_to: Option<i64>,
    message: &'a ImportMessage,
}

pub(crate) async fn messages(
    conn: &mut PgConnection,
    source: &str,
    room: RoomId,
    batch: &[ImportMessage],
) -> StoreResult<ImportedMessages> {
    // An import grows its tables from empty: a plan cached while they were small (PostgreSQL
    // switches prepared statements to a generic plan after five runs) would stay for the
    // whole import, so every statement is planned with the statistics of the moment.
    sqlx::query("SET LOCAL plan_cache_mode = force_custom_plan")
        .execute(&mut *conn)
        .await
        .map_err(db("import settings"))?;
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
    let last_seq: i64 = sqlx::query_scalar("SELECT last_seq FROM rooms WHERE id = $1")
        .bind(room.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db("room"))?;
    let mut rows = Vec::with_capacity(fresh.len());
    for ((message, id), seq) in fresh.iter().zip(new_ids).zip(last_seq + 1..) {
        let reply_to = message
            .reply_to
            .as_ref()
            .and_then(|p| known.get(p).copied());
        known.insert(message.source_id.clone(), id);
        rows.push(Row {
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
        sqlx::query("UPDATE rooms SET last_seq = $2 WHERE id = $1")
            .bind(room.0)
            .bind(last.seq)
            .execute(&mut *conn)
            .await
            .map_err(db("room"))?;
    }
    Ok(ImportedMessages {
        added: rows.len() as u64,
        already: (batch.len() - rows.len()) as u64,
    })
}

async fn write_chunk(
    conn: &mut PgConnection,
    source: &str,
    room: RoomId,
    chunk: &[Row<'_>],
) -> StoreResult<()> {
    let mut insert = QueryBuilder::<Postgres>::new(
        "INSERT INTO messages (id, room_id, seq, author_id, client_id, body, reply_to, \
         created_at, deleted) ",
    );
    insert.push_values(chunk, |mut b, r| {
        b.push_bind(r.id)
            .push_bind(room.0)
            .push_bind(r.seq)
            .push_bind(r.message.author.0)
            .push_bind(r.message.client_id.as_str())
            .push_bind(r.message.body.as_str())
            .push_bind(r.reply_to)
            .push_bind(to_millis(r.message.at))
            .push_bind(false);
    });
    insert
        .build()
        .execute(&mut *conn)
        .await
        .map_err(imported_conflict)?;
    let mut events = QueryBuilder::<Postgres>::new(
        "INSERT INTO room_events (room_id, seq, at, kind, message_id, person_id, body) ",
    );
    events.push_values(chunk, |mut b, r| {
        b.push_bind(room.0)
            .push_bind(r.seq)
            .push_bind(to_millis(r.message.at))
            .push_bind("posted")
            .push_bind(r.id)
            .push_bind(r.message.author.0)
            .push_bind(r.message.body.as_str());
    });
    events
        .build()
        .execute(&mut *conn)
        .await
        .map_err(db("room event"))?;
    let mut mapping = QueryBuilder::<Postgres>::new(
        "INSERT INTO import_map (source, kind, source_id, hallway_id) ",
    );
    mapping.push_values(chunk, |mut b, r| {
        b.push_bind(source)
            .push_bind("message")
            .push_bind(r.message.source_id.as_str())
            .push_bind(r.id);
    });
    mapping
        .build()
        .execute(&mut *conn)
        .await
        .map_err(db("import mapping"))?;
    Ok(())
}

/// An author's client id already used by a message that is not this import's: `Conflict`;
/// an unknown author: `NotFound("person")`.
fn imported_conflict(error: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(e) = &error {
        if e.is_unique_violation() {
            return StoreError::Conflict(
                "an imported message's client id is already used by its author".to_owned(),
            );
        }
        if e.is_foreign_key_violation() {
            return StoreError::NotFound("person");
        }
    }
    db("message")(error)
}

/// The imported identities mapped to a person: (source, source id), for their export.
pub(crate) async fn identities_of(
    conn: &mut PgConnection,
    person: PersonId,
) -> StoreResult<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT source, source_id FROM import_map WHERE kind = 'person' AND hallway_id = $1 \
         ORDER BY source, source_id",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db("import mapping"))
}
