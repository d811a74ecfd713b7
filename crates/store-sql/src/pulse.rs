//! Pulse's tables: interactions, weekly snapshots and their claims, pairing priorities, the
//! people who left pulse and the organisation-wide switch.

use crate::{query, query_as, query_scalar, Conn, DbError, Row, Values};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hallway_domain::{PersonId, TeamId};
use hallway_store::convert::{date, date_text, from_millis, to_millis};
use hallway_store::Missing;
use hallway_store::{
    Interaction, InteractionKind, PairingPriorities, PulseExport, PulseSnapshot, StoreError,
    StoreResult,
};

use crate::error::{db, reference};
use crate::rows;

/// Interactions per multi-row insert (six bound values each).
const INTERACTIONS_PER_INSERT: usize = 1_000;

const INTERACTION_SELECT: &str =
    "SELECT at, person_a, person_b, kind, weight, source FROM pulse_interactions";

fn interaction(row: &Row) -> StoreResult<Interaction> {
    let read = || -> Result<(i64, i64, i64, String, f64, String), DbError> {
        Ok((
            row.try_get("at")?,
            row.try_get("person_a")?,
            row.try_get("person_b")?,
            row.try_get("kind")?,
            row.try_get("weight")?,
            row.try_get("source")?,
        ))
    };
    let (at, a, b, kind, weight, source) = read().map_err(db(Missing::Interaction))?;
    Ok(Interaction {
        at: from_millis(at)?,
        a: PersonId(a),
        b: PersonId(b),
        kind: InteractionKind::parse(&kind)?,
        weight,
        source,
    })
}

pub async fn enabled(conn: &mut dyn Conn) -> StoreResult<bool> {
    query_scalar("SELECT enabled FROM pulse_settings WHERE id = 1")
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::PulseSettings))
}

pub async fn set_enabled(conn: &mut dyn Conn, on: bool) -> StoreResult<()> {
    query("UPDATE pulse_settings SET enabled = $1 WHERE id = 1")
        .bind(on)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::PulseSettings))?;
    Ok(())
}

pub async fn record(
    conn: &mut dyn Conn,
    interactions: &[Interaction],
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    for one in interactions {
        one.check(now)?;
    }
    if !enabled(&mut *conn).await? {
        return Ok(0);
    }
    let mut stored = 0;
    for chunk in interactions.chunks(INTERACTIONS_PER_INSERT) {
        let mut insert = Values::new("WITH v (source, at, a, b, kind, weight) AS (VALUES ");
        for one in chunk {
            insert.row(vec![
                one.source.as_str().into(),
                to_millis(one.at).into(),
                one.a.0.into(),
                one.b.0.into(),
                one.kind.as_str().into(),
                one.weight.into(),
            ]);
        }
        insert.push(
            ") INSERT INTO pulse_interactions (source, at, person_a, person_b, kind, weight) \
             SELECT v.source, v.at, v.a, v.b, v.kind, v.weight FROM v WHERE NOT EXISTS \
             (SELECT 1 FROM pulse_leavers WHERE person_id = v.a OR person_id = v.b) \
             ON CONFLICT (source) DO NOTHING",
        );
        let done = insert
            .into_query()
            .execute(&mut *conn)
            .await
            .map_err(reference(Missing::Interaction, Missing::Person))?;
        stored += done.rows_affected();
    }
    Ok(stored)
}

pub async fn between(
    conn: &mut dyn Conn,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<Interaction>> {
    let found = query(format!(
        "{INTERACTION_SELECT} WHERE at >= $1 AND at < $2 ORDER BY at, id"
    ))
    .bind(to_millis(from))
    .bind(to_millis(to))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Interaction))?;
    found.iter().map(interaction).collect()
}

pub async fn claim(
    conn: &mut dyn Conn,
    week: NaiveDate,
    node: &str,
    now: DateTime<Utc>,
    stale_after: Duration,
) -> StoreResult<bool> {
    let stored: Option<String> = query_scalar("SELECT week FROM pulse_snapshots WHERE week = $1")
        .bind(date_text(week))
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::PulseSnapshot))?;
    if stored.is_some() {
        return Ok(false);
    }
    let done = query(
        "INSERT INTO pulse_snapshot_claims (week, node, claimed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (week) DO UPDATE SET node = excluded.node, claimed_at = excluded.claimed_at \
         WHERE pulse_snapshot_claims.node = excluded.node OR pulse_snapshot_claims.claimed_at < $4",
    )
    .bind(date_text(week))
    .bind(node)
    .bind(to_millis(now))
    .bind(to_millis(now - stale_after))
    .execute(&mut *conn)
    .await
    .map_err(db(Missing::PulseSnapshotClaim))?;
    Ok(done.rows_affected() == 1)
}

pub async fn save_snapshot(conn: &mut dyn Conn, snapshot: &PulseSnapshot) -> StoreResult<()> {
    let week = date_text(snapshot.week);
    query("INSERT INTO pulse_snapshots (week, computed_at, snapshot) VALUES ($1, $2, $3)")
        .bind(&week)
        .bind(to_millis(snapshot.computed_at))
        .bind(snapshot.snapshot.to_string())
        .execute(&mut *conn)
        .await
        .map_err(crate::error::unique(Missing::PulseSnapshot, || {
            format!("the pulse snapshot for the week of {week} is already stored")
        }))?;
    query("DELETE FROM pulse_snapshot_claims WHERE week = $1")
        .bind(&week)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::PulseSnapshotClaim))?;
    Ok(())
}

fn snapshot(row: &Row) -> StoreResult<PulseSnapshot> {
    let read = || -> Result<(String, i64, String), DbError> {
        Ok((
            row.try_get("week")?,
            row.try_get("computed_at")?,
            row.try_get("snapshot")?,
        ))
    };
    let (week, computed_at, json) = read().map_err(db(Missing::PulseSnapshot))?;
    Ok(PulseSnapshot {
        week: date(&week)?,
        computed_at: from_millis(computed_at)?,
        snapshot: serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("pulse snapshot {week}: {e}")))?,
    })
}

pub async fn snapshot_of(conn: &mut dyn Conn, week: NaiveDate) -> StoreResult<PulseSnapshot> {
    let row = query("SELECT week, computed_at, snapshot FROM pulse_snapshots WHERE week = $1")
        .bind(date_text(week))
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::PulseSnapshot))?;
    snapshot(&row)
}

pub async fn snapshots(conn: &mut dyn Conn) -> StoreResult<Vec<PulseSnapshot>> {
    let found = query("SELECT week, computed_at, snapshot FROM pulse_snapshots ORDER BY week")
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::PulseSnapshot))?;
    found.iter().map(snapshot).collect()
}

pub async fn save_priorities(
    conn: &mut dyn Conn,
    priorities: &PairingPriorities,
) -> StoreResult<()> {
    for table in ["pulse_priority_people", "pulse_priority_team_pairs"] {
        query(format!("DELETE FROM {table}"))
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::PairingPriorities))?;
    }
    for (person, weight) in &priorities.people {
        query("INSERT INTO pulse_priority_people (person_id, weight) VALUES ($1, $2)")
            .bind(person.0)
            .bind(weight)
            .execute(&mut *conn)
            .await
            .map_err(reference(Missing::PairingPriorities, Missing::Person))?;
    }
    for (a, b, weight) in &priorities.team_pairs {
        query("INSERT INTO pulse_priority_team_pairs (team_a, team_b, weight) VALUES ($1, $2, $3)")
            .bind(a.0)
            .bind(b.0)
            .bind(weight)
            .execute(&mut *conn)
            .await
            .map_err(reference(Missing::PairingPriorities, Missing::Team))?;
    }
    query("UPDATE pulse_settings SET priorities_week = $1 WHERE id = 1")
        .bind(priorities.week.map(date_text))
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::PulseSettings))?;
    Ok(())
}

pub async fn priorities(conn: &mut dyn Conn) -> StoreResult<PairingPriorities> {
    let week: Option<String> =
        query_scalar("SELECT priorities_week FROM pulse_settings WHERE id = 1")
            .fetch_one(&mut *conn)
            .await
            .map_err(db(Missing::PulseSettings))?;
    let people: Vec<(i64, f64)> =
        query_as("SELECT person_id, weight FROM pulse_priority_people ORDER BY person_id")
            .fetch_all(&mut *conn)
            .await
            .map_err(db(Missing::PairingPriorities))?;
    let team_pairs: Vec<(i64, i64, f64)> = query_as(
        "SELECT team_a, team_b, weight FROM pulse_priority_team_pairs ORDER BY team_a, team_b",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::PairingPriorities))?;
    Ok(PairingPriorities {
        week: week.as_deref().map(date).transpose()?,
        people: people.into_iter().map(|(p, w)| (PersonId(p), w)).collect(),
        team_pairs: team_pairs
            .into_iter()
            .map(|(a, b, w)| (TeamId(a), TeamId(b), w))
            .collect(),
    })
}

pub async fn left(conn: &mut dyn Conn, person: PersonId) -> StoreResult<bool> {
    rows::person(&mut *conn, person.0).await?;
    let found: Option<i64> =
        query_scalar("SELECT person_id FROM pulse_leavers WHERE person_id = $1")
            .bind(person.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db(Missing::PulseChoice))?;
    Ok(found.is_some())
}

/// Leaving forgets the person's interactions and pairing priority; rejoining starts afresh.
pub async fn set_left(conn: &mut dyn Conn, person: PersonId, left: bool) -> StoreResult<()> {
    rows::person(&mut *conn, person.0).await?;
    if !left {
        query("DELETE FROM pulse_leavers WHERE person_id = $1")
            .bind(person.0)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::PulseChoice))?;
        return Ok(());
    }
    for statement in [
        "INSERT INTO pulse_leavers (person_id) VALUES ($1) ON CONFLICT DO NOTHING",
        "DELETE FROM pulse_interactions WHERE person_a = $1 OR person_b = $1",
        "DELETE FROM pulse_priority_people WHERE person_id = $1",
    ] {
        query(statement)
            .bind(person.0)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::PulseChoice))?;
    }
    Ok(())
}

pub async fn leavers(conn: &mut dyn Conn) -> StoreResult<Vec<PersonId>> {
    let ids: Vec<i64> = query_scalar("SELECT person_id FROM pulse_leavers ORDER BY person_id")
        .fetch_all(&mut *conn)
        .await
        .map_err(db(Missing::PulseChoice))?;
    Ok(ids.into_iter().map(PersonId).collect())
}

pub async fn export_of(conn: &mut dyn Conn, person: PersonId) -> StoreResult<PulseExport> {
    let found = query(format!(
        "{INTERACTION_SELECT} WHERE person_a = $1 OR person_b = $1 ORDER BY at, id"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Interaction))?;
    Ok(PulseExport {
        left_pulse: left(conn, person).await?,
        interactions: found.iter().map(interaction).collect::<StoreResult<_>>()?,
    })
}
