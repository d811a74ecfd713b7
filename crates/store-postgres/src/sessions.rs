//! Sessions: created at sign-in, looked up by token hash, ended one by one or all at once.

use chrono::{DateTime, Utc};
use hallway_domain::{PersonId, SessionId};
use hallway_store::convert::to_millis;
use hallway_store::{NewSession, Person, Session, StoreError, StoreResult};
use sqlx::PgConnection;

use crate::error::{db, reference};
use crate::rows::{self, SESSION_COLUMNS};

pub(crate) async fn create(conn: &mut PgConnection, new: &NewSession) -> StoreResult<Session> {
    let row = sqlx::query(&format!(
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
    .map_err(reference("session", "person"))?;
    rows::session(&row.ok_or(StoreError::NotFound("person"))?)
}

/// The unexpired session for `token_hash` and its person, who must be active.
pub(crate) async fn by_token_hash(
    conn: &mut PgConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<(Session, Person)> {
    let row = sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions \
         WHERE token_hash = $1 AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(to_millis(now))
    .fetch_one(&mut *conn)
    .await
    .map_err(db("session"))?;
    let session = rows::session(&row)?;
    let person = rows::person(conn, session.person.0).await?;
    if !person.active {
        return Err(StoreError::NotFound("session"));
    }
    Ok((session, person))
}

pub(crate) async fn of(conn: &mut PgConnection, person: PersonId) -> StoreResult<Vec<Session>> {
    let found = sqlx::query(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions WHERE person_id = $1 ORDER BY created_at, id"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db("session"))?;
    found.iter().map(rows::session).collect()
}

/// Ends one session, only if it belongs to `person`.
pub(crate) async fn delete(
    conn: &mut PgConnection,
    person: PersonId,
    id: SessionId,
) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND person_id = $2")
        .bind(id.0)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db("session"))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("session"));
    }
    Ok(())
}

pub(crate) async fn delete_of(conn: &mut PgConnection, person: PersonId) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db("session"))?;
    Ok(done.rows_affected())
}
