//! Invites: created by admins, redeemed atomically (use counted and person created together).

use chrono::{DateTime, Utc};
use hallway_domain::{InviteId, PersonId};
use hallway_store::convert::{to_count, to_millis};
use hallway_store::{Invite, InviteProblem, NewInvite, NewPerson, StoreError, StoreResult};
use sqlx::SqliteConnection;

use crate::error::{db, reference};
use crate::people;
use crate::rows::{self, INVITE_COLUMNS};

pub(crate) async fn create(conn: &mut SqliteConnection, new: &NewInvite) -> StoreResult<Invite> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO invites (token_hash, role, created_by, created_at, expires_at, max_uses, \
         uses, revoked, note) VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7) RETURNING id",
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
    .map_err(reference("invite", "person"))?;
    for team in &new.teams {
        sqlx::query(
            "INSERT INTO invite_teams (invite_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(team.0)
        .execute(&mut *conn)
        .await
        .map_err(reference("invite", "team"))?;
    }
    by_id(conn, id).await
}

async fn by_id(conn: &mut SqliteConnection, id: i64) -> StoreResult<Invite> {
    let row = sqlx::query(&format!(
        "SELECT {INVITE_COLUMNS} FROM invites WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .map_err(db("invite"))?;
    let mut found = rows::invites(conn, vec![row]).await?;
    found.pop().ok_or(StoreError::NotFound("invite"))
}

pub(crate) async fn all(conn: &mut SqliteConnection) -> StoreResult<Vec<Invite>> {
    let found = sqlx::query(&format!(
        "SELECT {INVITE_COLUMNS} FROM invites ORDER BY created_at DESC, id DESC"
    ))
    .fetch_all(&mut *conn)
    .await
    .map_err(db("invite"))?;
    rows::invites(conn, found).await
}

/// Invites created by `person`, newest first.
pub(crate) async fn created_by(
    conn: &mut SqliteConnection,
    person: PersonId,
) -> StoreResult<Vec<Invite>> {
    let found = sqlx::query(&format!(
        "SELECT {INVITE_COLUMNS} FROM invites WHERE created_by = $1 \
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db("invite"))?;
    rows::invites(conn, found).await
}

pub(crate) async fn by_token_hash(
    conn: &mut SqliteConnection,
    token_hash: &str,
) -> StoreResult<Invite> {
    let row = sqlx::query(&format!(
        "SELECT {INVITE_COLUMNS} FROM invites WHERE token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_one(&mut *conn)
    .await
    .map_err(db("invite"))?;
    let mut found = rows::invites(conn, vec![row]).await?;
    found.pop().ok_or(StoreError::NotFound("invite"))
}

pub(crate) async fn revoke(conn: &mut SqliteConnection, id: InviteId) -> StoreResult<()> {
    let done = sqlx::query("UPDATE invites SET revoked = 1 WHERE id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db("invite"))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("invite"));
    }
    Ok(())
}

/// Takes one use of the invite and creates the person with its role and teams. Must run in
/// a `BEGIN IMMEDIATE` transaction: the first statement claims the use, so two redemptions
/// of the last use cannot both succeed, and a later failure rolls the claim back.
pub(crate) async fn redeem(
    conn: &mut SqliteConnection,
    token_hash: &str,
    person: NewPerson,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let claimed = sqlx::query(
        "UPDATE invites SET uses = uses + 1 WHERE token_hash = $1 AND revoked = 0 \
         AND expires_at > $2 AND uses < max_uses",
    )
    .bind(token_hash)
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(db("invite"))?;
    let invite = by_token_hash(conn, token_hash).await?;
    if claimed.rows_affected() == 0 {
        let problem = invite.problem(now).unwrap_or(InviteProblem::UsedUp);
        return Err(StoreError::Invite(problem));
    }
    let person = NewPerson {
        role: invite.role,
        teams: invite.teams,
        ..person
    };
    people::insert(conn, &person, false).await
}

/// How many invites `person` created at or after `since`.
pub(crate) async fn count_by(
    conn: &mut SqliteConnection,
    person: PersonId,
    since: DateTime<Utc>,
) -> StoreResult<u64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invites WHERE created_by = $1 AND created_at >= $2",
    )
    .bind(person.0)
    .bind(to_millis(since))
    .fetch_one(&mut *conn)
    .await
    .map_err(db("invite"))?;
    to_count(n)
}
