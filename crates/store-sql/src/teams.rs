//! Teams: names unique regardless of case, with member counts.

use crate::{query, query_scalar, Conn, DbError, Row};
use hallway_domain::{TeamId, TeamName};
use hallway_store::convert;
use hallway_store::Missing;
use hallway_store::{StoreError, StoreResult, Team};

use crate::error::{db, unique};

const TEAM_SELECT: &str = "SELECT t.id, t.name, t.description, \
     (SELECT COUNT(*) FROM person_teams pt WHERE pt.team_id = t.id) AS members FROM teams t";

fn team(row: &Row) -> StoreResult<Team> {
    let get = || -> Result<(i64, String, String, i64), DbError> {
        Ok((
            row.try_get("id")?,
            row.try_get("name")?,
            row.try_get("description")?,
            row.try_get("members")?,
        ))
    };
    let (id, name, description, members) = get().map_err(db(Missing::Team))?;
    convert::team(id, name, description, members)
}

fn name_taken(name: &TeamName) -> impl FnOnce() -> String + '_ {
    move || format!("a team named {:?} already exists", name.as_str())
}

pub async fn create(conn: &mut dyn Conn, name: &TeamName, description: &str) -> StoreResult<Team> {
    let id: i64 =
        query_scalar("INSERT INTO teams (name, description) VALUES ($1, $2) RETURNING id")
            .bind(name.as_str())
            .bind(description)
            .fetch_one(&mut *conn)
            .await
            .map_err(unique(Missing::Team, name_taken(name)))?;
    get(conn, TeamId(id)).await
}

pub async fn all(conn: &mut dyn Conn) -> StoreResult<Vec<Team>> {
    let rows = query(format!("{TEAM_SELECT} ORDER BY lower(t.name), t.id"))
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::Team))?;
    rows.iter().map(team).collect()
}

pub async fn get(conn: &mut dyn Conn, id: TeamId) -> StoreResult<Team> {
    let row = query(format!("{TEAM_SELECT} WHERE t.id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Team))?;
    team(&row)
}

pub async fn update(
    conn: &mut dyn Conn,
    id: TeamId,
    name: &TeamName,
    description: &str,
) -> StoreResult<Team> {
    let done = query("UPDATE teams SET name = $2, description = $3 WHERE id = $1")
        .bind(id.0)
        .bind(name.as_str())
        .bind(description)
        .execute(&mut *conn)
        .await
        .map_err(unique(Missing::Team, name_taken(name)))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Team));
    }
    get(conn, id).await
}

/// Deletes a team; memberships and invite team grants cascade.
pub async fn delete(conn: &mut dyn Conn, id: TeamId) -> StoreResult<()> {
    let done = query("DELETE FROM teams WHERE id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Team))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Team));
    }
    Ok(())
}
