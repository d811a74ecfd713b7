//! Pairing rounds: one per circle and cycle, saved with their groups and unpaired people.

use std::collections::BTreeMap;

use crate::{query, query_as, query_scalar, Conn};
use hallway_domain::{CircleId, PersonId, RoundId};
use hallway_store::convert;
use hallway_store::Missing;
use hallway_store::{NewRound, Round, RoundGroup, RoundUnpaired, StoreResult};

use crate::circles;
use crate::error::{db, reference, unique};

/// Inserts the round, its groups and unpaired people; the caller's transaction makes it atomic.
pub async fn save(conn: &mut dyn Conn, round: &NewRound) -> StoreResult<Round> {
    let circle = circles::get(conn, round.circle).await?;
    let conflict = || {
        format!(
            "a round for {} already ran for the cycle starting {}",
            circle.name, round.cycle_start
        )
    };
    let id: i64 = query_scalar(
        "INSERT INTO rounds (circle_id, cycle_start, created_at, seed) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(round.circle.0)
    .bind(convert::date_text(round.cycle_start))
    .bind(convert::to_millis(round.created_at))
    .bind(convert::seed_to_i64(round.seed))
    .fetch_one(&mut *conn)
    .await
    .map_err(unique(Missing::Round, conflict))?;
    for (position, group) in (0_i64..).zip(&round.groups) {
        let group_id: i64 = query_scalar(
            "INSERT INTO round_groups (round_id, position, slot_start, slot_end, reasons) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(id)
        .bind(position)
        .bind(convert::to_millis(group.slot_start))
        .bind(convert::to_millis(group.slot_end))
        .bind(&group.reasons)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::RoundGroup))?;
        for (place, person) in (0_i64..).zip(&group.members) {
            query(
                "INSERT INTO round_group_members (group_id, person_id, position) \
                 VALUES ($1, $2, $3)",
            )
            .bind(group_id)
            .bind(person.0)
            .bind(place)
            .execute(&mut *conn)
            .await
            .map_err(reference(Missing::RoundGroup, Missing::Person))?;
        }
    }
    for left in &round.unpaired {
        query("INSERT INTO round_unpaired (round_id, person_id, reason) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(left.person.0)
            .bind(&left.reason)
            .execute(&mut *conn)
            .await
            .map_err(reference(Missing::Round, Missing::Person))?;
    }
    of_circle(conn, round.circle)
        .await?
        .into_iter()
        .find(|r| r.id == RoundId(id))
        .ok_or(hallway_store::StoreError::NotFound(Missing::Round))
}

type GroupRow = (i64, i64, i64, i64, String);

/// The circle's rounds, oldest cycle first, each with its groups in order.
pub async fn of_circle(conn: &mut dyn Conn, circle: CircleId) -> StoreResult<Vec<Round>> {
    let rounds: Vec<(i64, String, i64, i64)> = query_as(
        "SELECT id, cycle_start, created_at, seed FROM rounds WHERE circle_id = $1 \
         ORDER BY cycle_start",
    )
    .bind(circle.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Round))?;
    let groups: Vec<GroupRow> = query_as(
        "SELECT g.id, g.round_id, g.slot_start, g.slot_end, g.reasons FROM round_groups g \
         JOIN rounds r ON r.id = g.round_id WHERE r.circle_id = $1 ORDER BY g.round_id, g.position",
    )
    .bind(circle.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::RoundGroup))?;
    let members: Vec<(i64, i64)> = query_as(
        "SELECT m.group_id, m.person_id FROM round_group_members m \
         JOIN round_groups g ON g.id = m.group_id JOIN rounds r ON r.id = g.round_id \
         WHERE r.circle_id = $1 ORDER BY m.group_id, m.position",
    )
    .bind(circle.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::RoundGroup))?;
    let unpaired: Vec<(i64, i64, String)> = query_as(
        "SELECT u.round_id, u.person_id, u.reason FROM round_unpaired u \
         JOIN rounds r ON r.id = u.round_id WHERE r.circle_id = $1 \
         ORDER BY u.round_id, u.person_id",
    )
    .bind(circle.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Round))?;
    assemble(circle, rounds, groups, members, unpaired)
}

fn assemble(
    circle: CircleId,
    rounds: Vec<(i64, String, i64, i64)>,
    groups: Vec<GroupRow>,
    members: Vec<(i64, i64)>,
    unpaired: Vec<(i64, i64, String)>,
) -> StoreResult<Vec<Round>> {
    let mut people: BTreeMap<i64, Vec<PersonId>> = BTreeMap::new();
    for (group, person) in members {
        people.entry(group).or_default().push(PersonId(person));
    }
    let mut by_round: BTreeMap<i64, Vec<RoundGroup>> = BTreeMap::new();
    for (id, round, start, end, reasons) in groups {
        by_round.entry(round).or_default().push(RoundGroup {
            members: people.remove(&id).unwrap_or_default(),
            slot_start: convert::from_millis(start)?,
            slot_end: convert::from_millis(end)?,
            reasons,
        });
    }
    let mut left: BTreeMap<i64, Vec<RoundUnpaired>> = BTreeMap::new();
    for (round, person, reason) in unpaired {
        left.entry(round).or_default().push(RoundUnpaired {
            person: PersonId(person),
            reason,
        });
    }
    rounds
        .into_iter()
        .map(|(id, cycle_start, created_at, seed)| {
            Ok(Round {
                id: RoundId(id),
                circle,
                cycle_start: convert::date(&cycle_start)?,
                created_at: convert::from_millis(created_at)?,
                seed: convert::seed_from_i64(seed),
                groups: by_round.remove(&id).unwrap_or_default(),
                unpaired: left.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}
