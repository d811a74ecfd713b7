//! "Solved"/"learned" notes and the "don't suggest me" choice. Every note change is written to
//! the evidence change log ([`evidence::log`]) in the same transaction.

use crate::{query, query_as, query_scalar, Conn, DbError, Row};
use chrono::{DateTime, Utc};
use hallway_domain::{NoteId, PersonId};
use hallway_store::convert::to_millis;
use hallway_store::Missing;
use hallway_store::{tags_json, NewNote, Note, NoteEdit, NoteRow, StoreError, StoreResult};

use crate::error::{db, reference};
use crate::evidence;

const NOTE_SELECT: &str =
    "SELECT id, kind, title, body, tags, author_id, created_at, edited_at FROM notes";

fn note(row: &Row) -> StoreResult<Note> {
    let read = || -> Result<NoteRow, DbError> {
        Ok(NoteRow {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            title: row.try_get("title")?,
            body: row.try_get("body")?,
            tags: row.try_get("tags")?,
            author: row.try_get("author_id")?,
            created_at: row.try_get("created_at")?,
            edited_at: row.try_get("edited_at")?,
        })
    };
    read().map_err(db(Missing::Note))?.into_note()
}

pub async fn create(conn: &mut dyn Conn, new: &NewNote) -> StoreResult<Note> {
    evidence::lock_log(conn).await?;
    let id: i64 = query_scalar(
        "INSERT INTO notes (kind, title, body, tags, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.kind.as_str())
    .bind(new.title.as_str())
    .bind(new.body.as_str())
    .bind(tags_json(&new.tags))
    .bind(new.author.0)
    .bind(to_millis(new.at))
    .fetch_one(&mut *conn)
    .await
    .map_err(reference(Missing::Note, Missing::Person))?;
    evidence::log(conn, evidence::NOTE, id).await?;
    get(conn, NoteId(id)).await
}

pub async fn edit(
    conn: &mut dyn Conn,
    id: NoteId,
    author: PersonId,
    edit: &NoteEdit,
    at: DateTime<Utc>,
) -> StoreResult<Note> {
    evidence::lock_log(conn).await?;
    let done = query(
        "UPDATE notes SET kind = $3, title = $4, body = $5, tags = $6, edited_at = $7 \
         WHERE id = $1 AND author_id = $2",
    )
    .bind(id.0)
    .bind(author.0)
    .bind(edit.kind.as_str())
    .bind(edit.title.as_str())
    .bind(edit.body.as_str())
    .bind(tags_json(&edit.tags))
    .bind(to_millis(at))
    .execute(&mut *conn)
    .await
    .map_err(db(Missing::Note))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Note));
    }
    evidence::log(conn, evidence::NOTE, id.0).await?;
    get(conn, id).await
}

pub async fn delete(conn: &mut dyn Conn, id: NoteId, author: PersonId) -> StoreResult<()> {
    evidence::lock_log(conn).await?;
    let done = query("DELETE FROM notes WHERE id = $1 AND author_id = $2")
        .bind(id.0)
        .bind(author.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Note))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Note));
    }
    evidence::log(conn, evidence::NOTE, id.0).await
}

pub async fn get(conn: &mut dyn Conn, id: NoteId) -> StoreResult<Note> {
    let row = query(format!("{NOTE_SELECT} WHERE id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Note))?;
    note(&row)
}

/// The note, or `None` when it no longer exists.
pub async fn find(conn: &mut dyn Conn, id: NoteId) -> StoreResult<Option<Note>> {
    match get(conn, id).await {
        Ok(found) => Ok(Some(found)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Newest first, below `before` when given.
pub async fn page(
    conn: &mut dyn Conn,
    before: Option<NoteId>,
    limit: u32,
) -> StoreResult<Vec<Note>> {
    let rows = query(format!(
        "{NOTE_SELECT} WHERE id < $1 ORDER BY id DESC LIMIT $2"
    ))
    .bind(before.map_or(i64::MAX, |n| n.0))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Note))?;
    rows.iter().map(note).collect()
}

/// A person's notes, newest first (for export).
pub async fn of_author(conn: &mut dyn Conn, author: PersonId) -> StoreResult<Vec<Note>> {
    let rows = query(format!(
        "{NOTE_SELECT} WHERE author_id = $1 ORDER BY id DESC"
    ))
    .bind(author.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Note))?;
    rows.iter().map(note).collect()
}

pub async fn opted_out(conn: &mut dyn Conn, person: PersonId) -> StoreResult<bool> {
    let row: Option<(i64, Option<i64>)> = query_as(
        "SELECT p.id, o.person_id FROM people p \
         LEFT JOIN suggestion_opt_outs o ON o.person_id = p.id WHERE p.id = $1",
    )
    .bind(person.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db(Missing::Person))?;
    let (_, opted) = row.ok_or(StoreError::NotFound(Missing::Person))?;
    Ok(opted.is_some())
}

pub async fn set_opted_out(
    conn: &mut dyn Conn,
    person: PersonId,
    opt_out: bool,
) -> StoreResult<()> {
    let statement = if opt_out {
        "INSERT INTO suggestion_opt_outs (person_id) VALUES ($1) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM suggestion_opt_outs WHERE person_id = $1"
    };
    query(statement)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(reference(Missing::SuggestionChoice, Missing::Person))?;
    // Removing a row for an unknown person writes nothing: say so.
    self::opted_out(conn, person).await.map(|_| ())
}

pub async fn all_opted_out(conn: &mut dyn Conn) -> StoreResult<Vec<PersonId>> {
    let ids: Vec<i64> =
        query_scalar("SELECT person_id FROM suggestion_opt_outs ORDER BY person_id")
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::SuggestionChoice))?;
    Ok(ids.into_iter().map(PersonId).collect())
}
