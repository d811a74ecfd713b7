//! Sessions: created at sign-in, looked up by token hash, ended one by one or all at once.

use crate::{query, Conn};
use chrono::{DateTime, Utc};
use hallway_domain::{PersonId, SessionId};
use hallway_store::convert::to_millis;
use hallway_store::Missing;
use hallway_store::{NewSession, Person, Session, StoreError, StoreResult};

use crate::error::{db, reference};
use crate::rows::{self, SESSION_COLUMNS};

pub async fn create(conn: &mut dyn Conn, new: &NewSession) -> StoreResult<Session> {
    let row = query(format!(
        "INSERT INTO sessions (person_id, token_hash, user_agent, created_at, expires_at) \
         SELECT $1, $2, $3, $4, $5 FROM people WHERE id = $1 AND active \
         RETURNING {SESSION_COLUMNS}"
    ))
    .bind(new.person.0)
    .bind(&new.token_hash)
    .bind(&new.user_agent)
    .bind(to_millis(new.created_at))
    .bind(to_millis(new.expires_at))
    .fetch_optional(&mut *conn)
    .await
    .map_err(reference(Missing::Session, Missing::Person))?;
    rows::session(&row.ok_or(StoreError::NotFound(Missing::Person))?)
}

/// The unexpired session for `token_hash` and its person, who must be active.
pub async fn by_token_hash(
    conn: &mut dyn Conn,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<(Session, Person)> {
    let row = query(format!(
        "SELECT {SESSION_COLUMNS} FROM sessions \
         WHERE token_hash = $1 AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(to_millis(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::Session))?;
    let session = rows::session(&row)?;
    let person = rows::person(conn, session.person.0).await?;
    if !person.active {
        return Err(StoreError::NotFound(Missing::Session));
    }
    Ok((session, person))
}

pub async fn of(conn: &mut dyn Conn, person: PersonId) -> StoreResult<Vec<Session>> {
    let found = query(format!(
        "SELECT {SESSION_COLUMNS} FROM sessions WHERE person_id = $1 ORDER BY created_at, id"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Session))?;
    found.iter().map(rows::session).collect()
}

/// Ends one session, only if it belongs to `person`.
pub async fn delete(conn: &mut dyn Conn, person: PersonId, id: SessionId) -> StoreResult<()> {
    let done = query("DELETE FROM sessions WHERE id = $1 AND person_id = $2")
        .bind(id.0)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Session))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Session));
    }
    Ok(())
}

pub async fn delete_of(conn: &mut dyn Conn, person: PersonId) -> StoreResult<u64> {
    let done = query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Session))?;
    Ok(done.rows_affected())
}
