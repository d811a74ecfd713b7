//! Invites: created by admins, redeemed atomically (use counted and person created together).

use crate::{query, query_scalar, Conn};
use chrono::{DateTime, Utc};
use hallway_domain::{InviteId, PersonId};
use hallway_store::convert::{to_count, to_millis};
use hallway_store::Missing;
use hallway_store::{Invite, NewInvite, NewPerson, StoreError, StoreResult};

use crate::error::{db, reference};
use crate::people;
use crate::rows::{self, INVITE_COLUMNS};

pub async fn create(conn: &mut dyn Conn, new: &NewInvite) -> StoreResult<Invite> {
    let id: i64 = query_scalar(
        "INSERT INTO invites (token_hash, role, created_by, created_at, expires_at, max_uses, \
         uses, revoked, note) VALUES ($1, $2, $3, $4, $5, $6, 0, FALSE, $7) RETURNING id",
    )
    .bind(&new.token_hash)
    .bind(new.role.as_str())
    .bind(new.created_by.0)
    .bind(to_millis(new.created_at))
    .bind(to_millis(new.expires_at))
    .bind(i64::from(new.max_uses))
    .bind(&new.note)
    .fetch_one(&mut *conn)
    .await
    .map_err(reference(Missing::Invite, Missing::Person))?;
    for team in &new.teams {
        query(
            "INSERT INTO invite_teams (invite_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(team.0)
        .execute(&mut *conn)
        .await
        .map_err(reference(Missing::Invite, Missing::Team))?;
    }
    by_id(conn, id).await
}

async fn by_id(conn: &mut dyn Conn, id: i64) -> StoreResult<Invite> {
    let row = query(format!(
        "SELECT {INVITE_COLUMNS} FROM invites WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::Invite))?;
    let mut found = rows::invites(conn, vec![row]).await?;
    found.pop().ok_or(StoreError::NotFound(Missing::Invite))
}

pub async fn all(conn: &mut dyn Conn) -> StoreResult<Vec<Invite>> {
    let found = query(format!(
        "SELECT {INVITE_COLUMNS} FROM invites ORDER BY created_at DESC, id DESC"
    ))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Invite))?;
    rows::invites(conn, found).await
}

/// Invites created by `person`, newest first.
pub async fn created_by(conn: &mut dyn Conn, person: PersonId) -> StoreResult<Vec<Invite>> {
    let found = query(format!(
        "SELECT {INVITE_COLUMNS} FROM invites WHERE created_by = $1 \
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Invite))?;
    rows::invites(conn, found).await
}

pub async fn by_token_hash(conn: &mut dyn Conn, token_hash: &str) -> StoreResult<Invite> {
    let row = query(format!(
        "SELECT {INVITE_COLUMNS} FROM invites WHERE token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::Invite))?;
    let mut found = rows::invites(conn, vec![row]).await?;
    found.pop().ok_or(StoreError::NotFound(Missing::Invite))
}

pub async fn revoke(conn: &mut dyn Conn, id: InviteId) -> StoreResult<()> {
    let done = query("UPDATE invites SET revoked = TRUE WHERE id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Invite))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Invite));
    }
    Ok(())
}

/// Takes one use of the invite and creates the person with its role and teams. Run in a
/// write transaction: the invite row is locked ([`crate::Dialect::lock_rows`]; on SQLite the
/// transaction already is the only writer) before it is checked, so two redemptions of the
/// last use cannot both succeed, and a later failure rolls the use back.
pub async fn redeem(
    conn: &mut dyn Conn,
    token_hash: &str,
    person: NewPerson,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let lock = conn.dialect().lock_rows();
    let id: i64 = query_scalar(format!(
        "SELECT id FROM invites WHERE token_hash = $1 {lock}"
    ))
    .bind(token_hash)
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::Invite))?;
    let invite = by_id(conn, id).await?;
    if let Some(problem) = invite.problem(now) {
        return Err(StoreError::Invite(problem));
    }
    query("UPDATE invites SET uses = uses + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Invite))?;
    let person = NewPerson {
        role: invite.role,
        teams: invite.teams,
        ..person
    };
    people::insert(conn, &person, false).await
}

/// How many invites `person` created at or after `since`.
pub async fn count_by(
    conn: &mut dyn Conn,
    person: PersonId,
    since: DateTime<Utc>,
) -> StoreResult<u64> {
    let n: i64 =
        query_scalar("SELECT COUNT(*) FROM invites WHERE created_by = $1 AND created_at >= $2")
            .bind(person.0)
            .bind(to_millis(since))
            .fetch_one(&mut *conn)
            .await
            .map_err(db(Missing::Invite))?;
    to_count(n)
}
