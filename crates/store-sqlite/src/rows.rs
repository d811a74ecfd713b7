//! Reading rows into the shared `hallway_store::convert` rows, and people with tags and teams.

use std::collections::HashMap;

use hallway_store::convert::{InviteRow, PersonRow, ProfileColumns, SessionRow};
use hallway_store::{Invite, Person, Session, StoreResult};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::error::db;

/// The `people` columns every person query selects, from the table aliased `p`.
pub(crate) const PERSON_COLUMNS: &str = "p.id, p.email, p.role, p.active, p.display_name, \
     p.pronouns, p.time_zone, p.working_hours, p.bio, p.joined_at";

pub(crate) const SESSION_COLUMNS: &str =
    "id, person_id, token_hash, user_agent, created_at, expires_at";

pub(crate) const INVITE_COLUMNS: &str =
    "id, token_hash, role, created_by, created_at, expires_at, max_uses, uses, revoked, note";

pub(crate) fn person_row(row: &SqliteRow) -> Result<PersonRow, sqlx::Error> {
    Ok(PersonRow {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        role: row.try_get("role")?,
        active: row.try_get("active")?,
        profile: ProfileColumns {
            display_name: row.try_get("display_name")?,
            pronouns: row.try_get("pronouns")?,
            time_zone: row.try_get("time_zone")?,
            working_hours: row.try_get("working_hours")?,
            bio: row.try_get("bio")?,
        },
        joined_at: row.try_get("joined_at")?,
    })
}

pub(crate) fn session(row: &SqliteRow) -> StoreResult<Session> {
    let read = || -> Result<SessionRow, sqlx::Error> {
        Ok(SessionRow {
            id: row.try_get("id")?,
            person_id: row.try_get("person_id")?,
            token_hash: row.try_get("token_hash")?,
            user_agent: row.try_get("user_agent")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
        })
    };
    read().map_err(db("session"))?.into_session()
}

pub(crate) fn invite_row(row: &SqliteRow) -> Result<InviteRow, sqlx::Error> {
    Ok(InviteRow {
        id: row.try_get("id")?,
        token_hash: row.try_get("token_hash")?,
        role: row.try_get("role")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        max_uses: row.try_get("max_uses")?,
        uses: row.try_get("uses")?,
        revoked: row.try_get("revoked")?,
        note: row.try_get("note")?,
    })
}

/// Completes invite rows with their teams.
pub(crate) async fn invites(
    conn: &mut SqliteConnection,
    rows: Vec<SqliteRow>,
) -> StoreResult<Vec<Invite>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let row = invite_row(&row).map_err(db("invite"))?;
        let teams: Vec<i64> = sqlx::query_scalar(
            "SELECT team_id FROM invite_teams WHERE invite_id = $1 ORDER BY team_id",
        )
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await
        .map_err(db("invite"))?;
        out.push(row.into_invite(teams)?);
    }
    Ok(out)
}

/// Completes people rows with their tags and teams, keeping the rows' order.
pub(crate) async fn people(
    conn: &mut SqliteConnection,
    rows: Vec<SqliteRow>,
) -> StoreResult<Vec<Person>> {
    let rows = rows
        .iter()
        .map(person_row)
        .collect::<Result<Vec<_>, _>>()
        .map_err(db("person"))?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::Value::from(rows.iter().map(|r| r.id).collect::<Vec<_>>()).to_string();
    let tag_rows = sqlx::query(
        "SELECT person_id, tag FROM person_tags \
         WHERE person_id IN (SELECT value FROM json_each($1)) ORDER BY person_id, position",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await
    .map_err(db("person"))?;
    let team_rows = sqlx::query(
        "SELECT pt.person_id, t.id, t.name FROM person_teams pt JOIN teams t ON t.id = pt.team_id \
         WHERE pt.person_id IN (SELECT value FROM json_each($1)) ORDER BY lower(t.name), t.id",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await
    .map_err(db("person"))?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for row in tag_rows {
        let person: i64 = row.try_get(0).map_err(db("person"))?;
        tags.entry(person)
            .or_default()
            .push(row.try_get(1).map_err(db("person"))?);
    }
    let mut teams: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for row in team_rows {
        let person: i64 = row.try_get(0).map_err(db("person"))?;
        let team = (
            row.try_get(1).map_err(db("person"))?,
            row.try_get(2).map_err(db("person"))?,
        );
        teams.entry(person).or_default().push(team);
    }
    rows.into_iter()
        .map(|r| {
            let (t, m) = (
                tags.remove(&r.id).unwrap_or_default(),
                teams.remove(&r.id).unwrap_or_default(),
            );
            r.into_person(t, m)
        })
        .collect()
}

/// One person by id, with tags and teams.
pub(crate) async fn person(conn: &mut SqliteConnection, id: i64) -> StoreResult<Person> {
    let row = sqlx::query(&format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .map_err(db("person"))?;
    let mut people = people(conn, vec![row]).await?;
    people
        .pop()
        .ok_or(hallway_store::StoreError::NotFound("person"))
}
