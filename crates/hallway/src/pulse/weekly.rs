//! Weekly snapshots: a week runs Monday 00:00 UTC to the next Monday, and its snapshot is
//! computed as of its end, once the week is over, by one node (the store's claim), and stored
//! once. The latest week's analysis also replaces the stored pairing priorities.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use hallway_pulse as pulse;
use hallway_store::{PairingPriorities, PulseSnapshot, Store, StoreError};

use super::input::{self, store_person};

/// A claim older than this is taken over (the node that made it died mid-computation).
pub const CLAIM_STALE_AFTER: Duration = Duration::minutes(30);

/// The Monday starting the week `day` is in.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The most recent week that has ended by `now`.
pub fn last_full_week(now: DateTime<Utc>) -> NaiveDate {
    week_of(now.date_naive()) - Days::new(7)
}

/// The instant a week ends (the next Monday, 00:00 UTC): its snapshot's "as of".
pub fn week_end(week: NaiveDate) -> DateTime<Utc> {
    (week + Days::new(7))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
}

/// What happened when asked for a week's snapshot.
#[derive(Debug)]
pub enum Outcome {
    Taken(Box<pulse::Snapshot>),
    AlreadyStored,
    /// Another node is computing it.
    ClaimedElsewhere,
    PulseOff,
    /// Nobody takes part (no active people who stayed in pulse).
    NobodyTakesPart,
}

/// Computes and stores `week`'s snapshot unless it is stored or being computed elsewhere.
pub async fn take(
    store: &dyn Store,
    week: NaiveDate,
    node: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    let week = week_of(week);
    let as_of = week_end(week);
    if as_of > now {
        anyhow::bail!(
            "the week of {week} has not ended yet; its snapshot can be taken from {}",
            as_of.format("%Y-%m-%d %H:%M UTC")
        );
    }
    if !store.pulse_enabled().await? {
        return Ok(Outcome::PulseOff);
    }
    if !store
        .claim_pulse_snapshot(week, node, now, CLAIM_STALE_AFTER)
        .await?
    {
        return Ok(match store.pulse_snapshot(week).await {
            Ok(_) => Outcome::AlreadyStored,
            Err(StoreError::NotFound(_)) => Outcome::ClaimedElsewhere,
            Err(other) => return Err(other.into()),
        });
    }
    let input = input::load(store, as_of).await?;
    let Some(org) = &input.org else {
        return Ok(Outcome::NobodyTakesPart);
    };
    let config = pulse::PulseConfig::default();
    let analysis = pulse::analyse(org, &input.interactions, &input.topics, as_of, &config)?;
    let stored = PulseSnapshot {
        week,
        computed_at: now,
        snapshot: serde_json::to_value(&analysis.snapshot)?,
    };
    match store.save_pulse_snapshot(&stored).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Ok(Outcome::AlreadyStored),
        Err(other) => return Err(other.into()),
    }
    let newest = store.pairing_priorities().await?.week;
    if newest.is_none_or(|newest| newest <= week) {
        let found = analysis.pairing_priorities();
        let priorities = PairingPriorities {
            week: Some(week),
            people: found
                .people
                .iter()
                .map(|b| (store_person(b.person), b.weight))
                .collect(),
            team_pairs: found
                .team_pairs
                .iter()
                .filter_map(|b| {
                    let a = input.teams.get(&b.a)?;
                    let c = input.teams.get(&b.b)?;
                    Some((*a, *c, b.weight))
                })
                .collect(),
        };
        store.save_pairing_priorities(&priorities).await?;
    }
    Ok(Outcome::Taken(Box::new(analysis.snapshot)))
}

/// In `hallway serve`: every hour, takes the last full week's snapshot if no node has.
pub fn spawn_schedule(store: Arc<dyn Store>, node: String) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            let now = Utc::now();
            match take(store.as_ref(), last_full_week(now), &node, now).await {
                Ok(Outcome::Taken(_)) => {
                    tracing::info!(week = %last_full_week(now), "pulse snapshot taken")
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(error = %format!("{error:#}"), "pulse snapshot failed")
                }
            }
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_end_at_the_next() {
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(week_of(wednesday), monday);
        assert_eq!(week_of(monday), monday);
        let end = week_end(monday);
        assert_eq!(end.to_rfc3339(), "2026-11-30T00:00:00+00:00");
        assert_eq!(last_full_week(end), monday);
        assert_eq!(
            last_full_week(end - Duration::seconds(1)),
            monday - Days::new(7)
        );
    }
}
