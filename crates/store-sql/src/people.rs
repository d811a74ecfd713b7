//! People: creating, reading, changing and removing accounts and their profiles.

use crate::{query, query_scalar, Conn, Query, TableLock};
use hallway_domain::{Email, PersonId, Profile, Role, Tag, TeamId};
use hallway_store::convert::{to_count, to_millis, ProfileColumns};
use hallway_store::Missing;
use hallway_store::{NewPerson, Person, StoreError, StoreResult};

use crate::error::{db, email_taken, reference, unique};
use crate::evidence;
use crate::rows::{self, PERSON_COLUMNS};

/// Inserts a person with tags and teams; with `only_first`, only if nobody exists yet
/// (`AlreadySetUp` otherwise). Returns the new id. Run inside a write transaction.
pub async fn insert(conn: &mut dyn Conn, person: &NewPerson, only_first: bool) -> StoreResult<i64> {
    let p = ProfileColumns::from_profile(&person.profile)?;
    let guard = if only_first {
        "WHERE NOT EXISTS (SELECT 1 FROM people)"
    } else {
        ""
    };
    let lock = conn.dialect().lock_table("people", TableLock::Exclusive);
    if let (true, Some(lock)) = (only_first, lock) {
        // Two concurrent first setups: the second waits here, then sees the first owner.
        query(lock)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::Person))?;
    }
    let id: Option<i64> = query_scalar(format!(
        "INSERT INTO people (email, role, password_hash, active, display_name, pronouns, \
         time_zone, working_hours, bio, joined_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 {guard} RETURNING id"
    ))
    .bind(person.email.as_str())
    .bind(person.role.as_str())
    .bind(person.password_hash.as_deref())
    .bind(person.active)
    .bind(&p.display_name)
    .bind(&p.pronouns)
    .bind(&p.time_zone)
    .bind(&p.working_hours)
    .bind(&p.bio)
    .bind(to_millis(person.joined_at))
    .fetch_optional(&mut *conn)
    .await
    .map_err(unique(Missing::Person, email_taken))?;
    let id = id.ok_or(StoreError::AlreadySetUp)?;
    replace_tags(conn, id, &person.profile.ask_me_about).await?;
    replace_teams(conn, id, &person.teams).await?;
    if !person.profile.ask_me_about.is_empty() {
        evidence::log(conn, evidence::PERSON, id).await?;
    }
    Ok(id)
}

/// Replaces a person's "ask me about" tags, keeping their order.
async fn replace_tags(conn: &mut dyn Conn, id: i64, tags: &[Tag]) -> StoreResult<()> {
    query("DELETE FROM person_tags WHERE person_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Person))?;
    for (position, tag) in (0_i64..).zip(tags) {
        query(
            "INSERT INTO person_tags (person_id, tag, position) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(tag.as_str())
        .bind(position)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Person))?;
    }
    Ok(())
}

/// Replaces a person's team memberships; an unknown team is `NotFound(Missing::Team)`.
async fn replace_teams(conn: &mut dyn Conn, id: i64, teams: &[TeamId]) -> StoreResult<()> {
    query("DELETE FROM person_teams WHERE person_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Person))?;
    for team in teams {
        query(
            "INSERT INTO person_teams (person_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(team.0)
        .execute(&mut *conn)
        .await
        .map_err(reference(Missing::Person, Missing::Team))?;
    }
    Ok(())
}

/// Replaces the team memberships of an existing person.
pub async fn set_teams(conn: &mut dyn Conn, id: PersonId, teams: &[TeamId]) -> StoreResult<()> {
    let exists: Option<i64> = query_scalar("SELECT id FROM people WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::Person))?;
    if exists.is_none() {
        return Err(StoreError::NotFound(Missing::Person));
    }
    replace_teams(conn, id.0, teams).await
}

pub async fn by_email(conn: &mut dyn Conn, email: &Email) -> StoreResult<Person> {
    let row = query(format!(
        "SELECT {PERSON_COLUMNS} FROM people p WHERE p.email = $1"
    ))
    .bind(email.as_str())
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::Person))?;
    let mut people = rows::people(conn, vec![row]).await?;
    people.pop().ok_or(StoreError::NotFound(Missing::Person))
}

/// The password hash of an active person who has one.
pub async fn password_hash(conn: &mut dyn Conn, id: PersonId) -> StoreResult<String> {
    let hash: Option<String> =
        query_scalar("SELECT password_hash FROM people WHERE id = $1 AND active")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await
            .map_err(db(Missing::Person))?;
    hash.ok_or(StoreError::NotFound(Missing::Password))
}

/// Runs an `UPDATE people ... WHERE id = $1`-style statement; no row means `NotFound`.
async fn update(conn: &mut dyn Conn, query: Query<'_>) -> StoreResult<()> {
    let done = query
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Person))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Person));
    }
    Ok(())
}

pub async fn set_password_hash(conn: &mut dyn Conn, id: PersonId, hash: &str) -> StoreResult<()> {
    let q = query("UPDATE people SET password_hash = $2 WHERE id = $1")
        .bind(id.0)
        .bind(hash);
    update(conn, q).await
}

pub async fn update_profile(
    conn: &mut dyn Conn,
    id: PersonId,
    profile: &Profile,
) -> StoreResult<Person> {
    let p = ProfileColumns::from_profile(profile)?;
    let q = query(
        "UPDATE people SET display_name = $2, pronouns = $3, time_zone = $4, \
         working_hours = $5, bio = $6 WHERE id = $1",
    )
    .bind(id.0)
    .bind(p.display_name)
    .bind(p.pronouns)
    .bind(p.time_zone)
    .bind(p.working_hours)
    .bind(p.bio);
    update(conn, q).await?;
    replace_tags(conn, id.0, &profile.ask_me_about).await?;
    evidence::log(conn, evidence::PERSON, id.0).await?;
    rows::person(conn, id.0).await
}

pub async fn set_role(conn: &mut dyn Conn, id: PersonId, role: Role) -> StoreResult<Person> {
    let q = query("UPDATE people SET role = $2 WHERE id = $1")
        .bind(id.0)
        .bind(role.as_str());
    update(conn, q).await?;
    rows::person(conn, id.0).await
}

/// Sets `active`; deactivating also ends every session of the person.
pub async fn set_active(conn: &mut dyn Conn, id: PersonId, active: bool) -> StoreResult<()> {
    let q = query("UPDATE people SET active = $2 WHERE id = $1")
        .bind(id.0)
        .bind(active);
    update(conn, q).await?;
    if !active {
        query("DELETE FROM sessions WHERE person_id = $1")
            .bind(id.0)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::Session))?;
    }
    Ok(())
}

/// Removes a person; sessions, tags and memberships cascade, invites lose their creator.
pub async fn delete(conn: &mut dyn Conn, id: PersonId) -> StoreResult<()> {
    let q = query("DELETE FROM people WHERE id = $1").bind(id.0);
    update(conn, q).await
}

/// Counts people, optionally only those with `role`.
pub async fn count(conn: &mut dyn Conn, role: Option<Role>) -> StoreResult<u64> {
    let n: i64 =
        query_scalar("SELECT COUNT(*) FROM people WHERE CAST($1 AS TEXT) IS NULL OR role = $1")
            .bind(role.map(Role::as_str))
            .fetch_one(&mut *conn)
            .await
            .map_err(db(Missing::Person))?;
    to_count(n)
}
