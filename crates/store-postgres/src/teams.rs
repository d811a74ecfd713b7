//! Teams: names unique regardless of case, with member counts.

use hallway_domain::{TeamId, TeamName};
use hallway_store::convert;
use hallway_store::{StoreError, StoreResult, Team};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use crate::error::{db, unique};

const TEAM_SELECT: &str = "SELECT t.id, t.name, t.description, \
     (SELECT COUNT(*) FROM person_teams pt WHERE pt.team_id = t.id) AS members FROM teams t";

fn team(row: &PgRow) -> StoreResult<Team> {
    let get = || -> Result<(i64, String, String, i64), sqlx::Error> {
        Ok((
            row.try_get("id")?,
            row.try_get("name")?,
            row.try_get("description")?,
            row.try_get("members")?,
        ))
    };
    let (id, name, description, members) = get().map_err(db("team"))?;
    convert::team(id, name, description, members)
}

fn name_taken(name: &TeamName) -> impl FnOnce() -> String + '_ {
    move || format!("a team named {:?} already exists", name.as_str())
}

pub(crate) async fn create(
    conn: &mut PgConnection,
    name: &TeamName,
    description: &str,
) -> StoreResult<Team> {
    let id: i64 =
        sqlx::query_scalar("INSERT INTO teams (name, description) VALUES ($1, $2) RETURNING id")
            .bind(name.as_str())
            .bind(description)
            .fetch_one(&mut *conn)
            .await
            .map_err(unique("team", name_taken(name)))?;
    get(conn, TeamId(id)).await
}

pub(crate) async fn all(conn: &mut PgConnection) -> StoreResult<Vec<Team>> {
    let rows = sqlx::query(&format!("{TEAM_SELECT} ORDER BY lower(t.name), t.id"))
        .fetch_all(&mut *conn)
        .await
        .map_err(db("team"))?;
    rows.iter().map(team).collect()
}

pub(crate) async fn get(conn: &mut PgConnection, id: TeamId) -> StoreResult<Team> {
    let row = sqlx::query(&format!("{TEAM_SELECT} WHERE t.id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db("team"))?;
    team(&row)
}

pub(crate) async fn update(
    conn: &mut PgConnection,
    id: TeamId,
    name: &TeamName,
    description: &str,
) -> StoreResult<Team> {
    let done = sqlx::query("UPDATE teams SET name = $2, description = $3 WHERE id = $1")
        .bind(id.0)
        .bind(name.as_str())
        .bind(description)
        .execute(&mut *conn)
        .await
        .map_err(unique("team", name_taken(name)))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("team"));
    }
    get(conn, id).await
}

/// Deletes a team; memberships and invite team grants cascade.
pub(crate) async fn delete(conn: &mut PgConnection, id: TeamId) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM teams WHERE id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db("team"))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("team"));
    }
    Ok(())
}
