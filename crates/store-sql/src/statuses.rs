//! The status people choose: at most one per person, replaced when they change it.

use crate::{query, query_as, Conn};
use chrono::{DateTime, Utc};
use hallway_domain::{Availability, PersonId, Status};
use hallway_store::convert::{from_millis, to_millis};
use hallway_store::Missing;
use hallway_store::{PersonStatus, StoreError, StoreResult};

use crate::error::{db, reference};

const STATUS_SELECT: &str =
    "SELECT person_id, availability, until, working_on, updated_at FROM statuses";

/// person_id, availability, until, working_on, updated_at.
type StatusColumns = (i64, String, Option<i64>, String, i64);

fn status(
    (person, availability, until, working_on, updated_at): StatusColumns,
) -> StoreResult<PersonStatus> {
    Ok(PersonStatus {
        person: PersonId(person),
        status: Status {
            availability: Availability::parse(&availability)
                .map_err(|e| StoreError::Corrupt(format!("status: {e}")))?,
            until: until.map(from_millis).transpose()?,
            working_on,
        },
        updated_at: from_millis(updated_at)?,
    })
}

/// Stores `person`'s status, replacing the one before; an unknown person is `NotFound`.
pub async fn set(
    conn: &mut dyn Conn,
    person: PersonId,
    chosen: &Status,
    at: DateTime<Utc>,
) -> StoreResult<PersonStatus> {
    query(
        "INSERT INTO statuses (person_id, availability, until, working_on, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id) DO UPDATE SET \
         availability = excluded.availability, until = excluded.until, \
         working_on = excluded.working_on, updated_at = excluded.updated_at",
    )
    .bind(person.0)
    .bind(chosen.availability.as_str())
    .bind(chosen.until.map(to_millis))
    .bind(&chosen.working_on)
    .bind(to_millis(at))
    .execute(&mut *conn)
    .await
    .map_err(reference(Missing::Status, Missing::Person))?;
    of(conn, person)
        .await?
        .ok_or(StoreError::NotFound(Missing::Status))
}

/// Every stored status, by person id.
pub async fn all(conn: &mut dyn Conn) -> StoreResult<Vec<PersonStatus>> {
    let rows: Vec<StatusColumns> = query_as(format!("{STATUS_SELECT} ORDER BY person_id"))
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::Status))?;
    rows.into_iter().map(status).collect()
}

/// `person`'s status, if they chose one.
pub async fn of(conn: &mut dyn Conn, person: PersonId) -> StoreResult<Option<PersonStatus>> {
    let row: Option<StatusColumns> = query_as(format!("{STATUS_SELECT} WHERE person_id = $1"))
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::Status))?;
    row.map(status).transpose()
}
