//! Reading rows into the shared `hallway_store::convert` rows, and people with tags and teams.

use std::collections::HashMap;

use crate::{query, query_scalar, Conn, DbError, Row};
use hallway_store::convert::{InviteRow, PersonRow, ProfileColumns, SessionRow};
use hallway_store::Missing;
use hallway_store::{Invite, Person, Session, StoreResult};

use crate::error::db;

/// The `people` columns every person query selects, from the table aliased `p`.
pub const PERSON_COLUMNS: &str = "p.id, p.email, p.role, p.active, p.display_name, \
     p.pronouns, p.time_zone, p.working_hours, p.bio, p.joined_at";

pub const SESSION_COLUMNS: &str = "id, person_id, token_hash, user_agent, created_at, expires_at";

pub const INVITE_COLUMNS: &str =
    "id, token_hash, role, created_by, created_at, expires_at, max_uses, uses, revoked, note";

pub fn person_row(row: &Row) -> Result<PersonRow, DbError> {
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

pub fn session(row: &Row) -> StoreResult<Session> {
    let read = || -> Result<SessionRow, DbError> {
        Ok(SessionRow {
            id: row.try_get("id")?,
            person_id: row.try_get("person_id")?,
            token_hash: row.try_get("token_hash")?,
            user_agent: row.try_get("user_agent")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
        })
    };
    read().map_err(db(Missing::Session))?.into_session()
}

pub fn invite_row(row: &Row) -> Result<InviteRow, DbError> {
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
pub async fn invites(conn: &mut dyn Conn, rows: Vec<Row>) -> StoreResult<Vec<Invite>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let row = invite_row(&row).map_err(db(Missing::Invite))?;
        let teams: Vec<i64> =
            query_scalar("SELECT team_id FROM invite_teams WHERE invite_id = $1 ORDER BY team_id")
                .bind(row.id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db(Missing::Invite))?;
        out.push(row.into_invite(teams)?);
    }
    Ok(out)
}

/// Completes people rows with their tags and teams, keeping the rows' order.
pub async fn people(conn: &mut dyn Conn, rows: Vec<Row>) -> StoreResult<Vec<Person>> {
    let rows = rows
        .iter()
        .map(person_row)
        .collect::<Result<Vec<_>, _>>()
        .map_err(db(Missing::Person))?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let in_ids = conn.dialect().in_list("person_id", 1);
    let tag_rows = query(format!(
        "SELECT person_id, tag FROM person_tags WHERE {in_ids} ORDER BY person_id, position"
    ))
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Person))?;
    let in_ids = conn.dialect().in_list("pt.person_id", 1);
    let team_rows = query(format!(
        "SELECT pt.person_id, t.id, t.name FROM person_teams pt JOIN teams t ON t.id = pt.team_id \
         WHERE {in_ids} ORDER BY lower(t.name), t.id"
    ))
    .bind(ids)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Person))?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for row in tag_rows {
        let person: i64 = row.try_get(0).map_err(db(Missing::Person))?;
        tags.entry(person)
            .or_default()
            .push(row.try_get(1).map_err(db(Missing::Person))?);
    }
    let mut teams: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for row in team_rows {
        let person: i64 = row.try_get(0).map_err(db(Missing::Person))?;
        let team = (
            row.try_get(1).map_err(db(Missing::Person))?,
            row.try_get(2).map_err(db(Missing::Person))?,
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
pub async fn person(conn: &mut dyn Conn, id: i64) -> StoreResult<Person> {
    let row = query(format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::Person))?;
    let mut people = people(conn, vec![row]).await?;
    people
        .pop()
        .ok_or(hallway_store::StoreError::NotFound(Missing::Person))
}
