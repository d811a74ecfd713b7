//! Rooms and their invited members: names unique regardless of case, team rooms tied to a
//! team, and each room's sequence counter (`last_seq`) that numbers its events.

use crate::{query, query_scalar, Conn, DbError, Row};
use hallway_domain::{PersonId, RoomId, RoomKind, RoomName, TeamId};
use hallway_store::convert::{from_millis, to_millis};
use hallway_store::Missing;
use hallway_store::{NewRoom, Room, StoreError, StoreResult};

use crate::error::{db, reference, unique};

const ROOM_SELECT: &str = "SELECT id, name, topic, kind, team_id, overhearable, created_by, \
     created_at, last_seq FROM rooms";

/// id, name, topic, kind, team_id, overhearable, created_by, created_at, last_seq.
type RoomColumns = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    bool,
    Option<i64>,
    i64,
    i64,
);

fn room(row: &Row) -> StoreResult<Room> {
    let get = || -> Result<RoomColumns, DbError> {
        Ok((
            row.try_get("id")?,
            row.try_get("name")?,
            row.try_get("topic")?,
            row.try_get("kind")?,
            row.try_get("team_id")?,
            row.try_get("overhearable")?,
            row.try_get("created_by")?,
            row.try_get("created_at")?,
            row.try_get("last_seq")?,
        ))
    };
    let (id, name, topic, kind, team, overhearable, created_by, created_at, last_seq) =
        get().map_err(db(Missing::Room))?;
    let corrupt =
        |what: &str, e: hallway_domain::Invalid| StoreError::Corrupt(format!("{what}: {e}"));
    Ok(Room {
        id: RoomId(id),
        name: RoomName::parse(&name).map_err(|e| corrupt("room name", e))?,
        topic,
        kind: RoomKind::parse(&kind).map_err(|e| corrupt("room kind", e))?,
        team: team.map(TeamId),
        overhearable,
        created_by: created_by.map(PersonId),
        created_at: from_millis(created_at)?,
        last_seq,
    })
}

/// Creates a room; a team room needs an existing team (`NotFound(Missing::Team)`), other kinds
/// never keep one.
pub async fn create(conn: &mut dyn Conn, new: &NewRoom) -> StoreResult<Room> {
    let team = match new.kind {
        RoomKind::Team => Some(new.team.ok_or(StoreError::NotFound(Missing::Team))?),
        RoomKind::Open | RoomKind::Private => None,
    };
    if let Some(team) = team {
        let found: Option<i64> = query_scalar("SELECT id FROM teams WHERE id = $1")
            .bind(team.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db(Missing::Team))?;
        found.ok_or(StoreError::NotFound(Missing::Team))?;
    }
    let name = new.name.as_str();
    let id: i64 = query_scalar(
        "INSERT INTO rooms (name, topic, kind, team_id, overhearable, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(name)
    .bind(&new.topic)
    .bind(new.kind.as_str())
    .bind(team.map(|t| t.0))
    .bind(new.overhearable)
    .bind(new.created_by.map(|p| p.0))
    .bind(to_millis(new.created_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match &e {
        e if e.is_foreign_key_violation() => StoreError::NotFound(Missing::Person),
        _ => unique(Missing::Room, || {
            format!("a room named {name:?} already exists")
        })(e),
    })?;
    get(conn, RoomId(id)).await
}

pub async fn all(conn: &mut dyn Conn) -> StoreResult<Vec<Room>> {
    let rows = query(format!("{ROOM_SELECT} ORDER BY lower(name), id"))
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::Room))?;
    rows.iter().map(room).collect()
}

pub async fn get(conn: &mut dyn Conn, id: RoomId) -> StoreResult<Room> {
    let row = query(format!("{ROOM_SELECT} WHERE id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Room))?;
    room(&row)
}

/// Fails with `NotFound(Missing::Room)` unless the room exists.
pub async fn exists(conn: &mut dyn Conn, id: RoomId) -> StoreResult<()> {
    let found: Option<i64> = query_scalar("SELECT id FROM rooms WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::Room))?;
    found.map(|_| ()).ok_or(StoreError::NotFound(Missing::Room))
}

/// Makes this transaction the room's only writer until it ends; `NotFound(Missing::Room)` if there
/// is no such room. The row lock ([`crate::Dialect::lock_rows_for_key_share`], which still
/// lets other transactions insert rows that reference the room) is what keeps a room's
/// sequence numbers dense when many connections write at once; where a write transaction
/// already is the only writer (SQLite), this only checks that the room exists.
pub async fn lock(conn: &mut dyn Conn, id: RoomId) -> StoreResult<()> {
    let lock = conn.dialect().lock_rows_for_key_share();
    let found: Option<i64> = query_scalar(format!("SELECT id FROM rooms WHERE id = $1 {lock}"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::Room))?;
    found.map(|_| ()).ok_or(StoreError::NotFound(Missing::Room))
}

/// Takes the room's next sequence number. Call only after [`lock`], in the transaction that
/// writes the event, so the number is used exactly once.
pub async fn next_seq(conn: &mut dyn Conn, id: RoomId) -> StoreResult<i64> {
    query_scalar("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq")
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Room))
}

/// Turns the team's rooms into private rooms (their invited members stay), before the team
/// itself is deleted.
pub async fn release_team(conn: &mut dyn Conn, team: TeamId) -> StoreResult<()> {
    query("UPDATE rooms SET kind = 'private', team_id = NULL WHERE team_id = $1")
        .bind(team.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Room))?;
    Ok(())
}

pub async fn add_member(conn: &mut dyn Conn, room: RoomId, person: PersonId) -> StoreResult<()> {
    exists(conn, room).await?;
    query("INSERT INTO room_members (room_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(room.0)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(reference(Missing::RoomMember, Missing::Person))?;
    Ok(())
}

/// Removes a member; removing someone who is not a member is harmless.
pub async fn remove_member(conn: &mut dyn Conn, room: RoomId, person: PersonId) -> StoreResult<()> {
    exists(conn, room).await?;
    query("DELETE FROM room_members WHERE room_id = $1 AND person_id = $2")
        .bind(room.0)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::RoomMember))?;
    Ok(())
}

pub async fn members(conn: &mut dyn Conn, room: RoomId) -> StoreResult<Vec<PersonId>> {
    exists(conn, room).await?;
    let ids: Vec<i64> =
        query_scalar("SELECT person_id FROM room_members WHERE room_id = $1 ORDER BY person_id")
            .bind(room.0)
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::RoomMember))?;
    Ok(ids.into_iter().map(PersonId).collect())
}

/// The rooms `person` was invited to, by room id.
pub async fn memberships_of(conn: &mut dyn Conn, person: PersonId) -> StoreResult<Vec<RoomId>> {
    let ids: Vec<i64> =
        query_scalar("SELECT room_id FROM room_members WHERE person_id = $1 ORDER BY room_id")
            .bind(person.0)
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::RoomMember))?;
    Ok(ids.into_iter().map(RoomId).collect())
}
