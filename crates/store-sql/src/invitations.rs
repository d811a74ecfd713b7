//! Invitations from pairing rounds: created with their round, answered by their person.

use std::collections::BTreeMap;

use crate::{query, query_as, Conn};
use hallway_domain::{CircleId, InvitationId, PersonId, RoundGroupId, RoundId};
use hallway_store::convert;
use hallway_store::Missing;
use hallway_store::{Invitation, InvitationState, Round, StoreError, StoreResult};

use crate::error::db;

/// Creates one pending invitation per member of each group of the just-saved `round`.
pub async fn create_for(conn: &mut dyn Conn, round: &Round) -> StoreResult<Vec<Invitation>> {
    let groups: Vec<(i64,)> =
        query_as("SELECT id FROM round_groups WHERE round_id = $1 ORDER BY position")
            .bind(round.id.0)
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::RoundGroup))?;
    for ((group_id,), group) in groups.iter().zip(&round.groups) {
        for person in &group.members {
            query(
                "INSERT INTO invitations (round_id, group_id, person_id, slot_start, slot_end, \
                 state) VALUES ($1, $2, $3, $4, $5, 'pending')",
            )
            .bind(round.id.0)
            .bind(group_id)
            .bind(person.0)
            .bind(convert::to_millis(group.slot_start))
            .bind(convert::to_millis(group.slot_end))
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::Invitation))?;
        }
    }
    select(conn, "i.round_id = $1", round.id.0).await
}

/// Invitations matching `filter` (a condition on `i`, with `$1` bound to `value`).
pub async fn select(conn: &mut dyn Conn, filter: &str, value: i64) -> StoreResult<Vec<Invitation>> {
    let rows: Vec<InvitationRow> = query_as(format!(
        "SELECT i.id, c.id, c.name, r.id, r.cycle_start, i.group_id, i.person_id, i.slot_start, \
         i.slot_end, g.reasons, i.state, i.proposed_start, i.proposed_end, i.met \
         FROM invitations i JOIN round_groups g ON g.id = i.group_id \
         JOIN rounds r ON r.id = i.round_id JOIN circles c ON c.id = r.circle_id \
         WHERE {filter} ORDER BY i.slot_start DESC, i.id"
    ))
    .bind(value)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Invitation))?;
    let mut members: BTreeMap<i64, Vec<PersonId>> = BTreeMap::new();
    for (_, _, _, _, _, group, ..) in &rows {
        if members.contains_key(group) {
            continue;
        }
        let people: Vec<(i64,)> = query_as(
            "SELECT person_id FROM round_group_members WHERE group_id = $1 ORDER BY position",
        )
        .bind(group)
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::RoundGroup))?;
        members.insert(*group, people.into_iter().map(|(p,)| PersonId(p)).collect());
    }
    rows.into_iter()
        .map(|row| {
            let group = members.get(&row.5).cloned().unwrap_or_default();
            invitation(row, group)
        })
        .collect()
}

type InvitationRow = (
    i64,
    i64,
    String,
    i64,
    String,
    i64,
    i64,
    i64,
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<bool>,
);

fn invitation(row: InvitationRow, group_members: Vec<PersonId>) -> StoreResult<Invitation> {
    let (id, circle, circle_name, round, cycle_start, group, person, start, end, reasons) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9,
    );
    let state = match (row.10.as_str(), row.11, row.12) {
        ("pending", ..) => InvitationState::Pending,
        ("accepted", ..) => InvitationState::Accepted,
        ("skipped", ..) => InvitationState::Skipped,
        ("proposed_other_time", Some(start), Some(end)) => InvitationState::ProposedOtherTime {
            start: convert::from_millis(start)?,
            end: convert::from_millis(end)?,
        },
        (other, ..) => {
            return Err(StoreError::Corrupt(format!(
                "invitation {id} has the state {other}"
            )))
        }
    };
    Ok(Invitation {
        id: InvitationId(id),
        circle: CircleId(circle),
        circle_name,
        round: RoundId(round),
        cycle_start: convert::date(&cycle_start)?,
        group: RoundGroupId(group),
        person: PersonId(person),
        group_members,
        slot_start: convert::from_millis(start)?,
        slot_end: convert::from_millis(end)?,
        reasons,
        state,
        met: row.13,
    })
}

/// One invitation by id.
pub async fn get(conn: &mut dyn Conn, id: InvitationId) -> StoreResult<Invitation> {
    select(conn, "i.id = $1", id.0)
        .await?
        .pop()
        .ok_or(StoreError::NotFound(Missing::Invitation))
}

/// Sets the person's answer on their own invitation.
pub async fn set_state(
    conn: &mut dyn Conn,
    id: InvitationId,
    person: PersonId,
    state: InvitationState,
) -> StoreResult<Invitation> {
    let (start, end) = match state {
        InvitationState::ProposedOtherTime { start, end } => (
            Some(convert::to_millis(start)),
            Some(convert::to_millis(end)),
        ),
        _ => (None, None),
    };
    let done = query(
        "UPDATE invitations SET state = $1, proposed_start = $2, proposed_end = $3 \
         WHERE id = $4 AND person_id = $5",
    )
    .bind(state.as_str())
    .bind(start)
    .bind(end)
    .bind(id.0)
    .bind(person.0)
    .execute(&mut *conn)
    .await
    .map_err(db(Missing::Invitation))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Invitation));
    }
    get(conn, id).await
}

/// Records the person's "did you meet?" answer on their own invitation.
pub async fn set_met(
    conn: &mut dyn Conn,
    id: InvitationId,
    person: PersonId,
    met: bool,
) -> StoreResult<Invitation> {
    let done = query("UPDATE invitations SET met = $1 WHERE id = $2 AND person_id = $3")
        .bind(met)
        .bind(id.0)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Invitation))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(Missing::Invitation));
    }
    get(conn, id).await
}
