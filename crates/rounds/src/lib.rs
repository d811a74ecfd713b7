//! Runs a circle's pairing round through the [`Store`]: load the request (eligible members,
//! history, don't-pair lists, fairness), plan it with the pairing engine, and save it with one
//! invitation per group member. The CLI (`hallway pair`), the circle page and the scheduler all
//! call [`plan`] and [`save`] (or [`run`], both at once).
//!
//! A round is saved at most once per circle and cycle: a second run is
//! [`RoundError::AlreadyRan`], never a duplicate (the store's unique key decides, so two nodes
//! racing cannot both win).

mod answer;
pub mod calendar;
mod cycle;
pub mod hints;
pub mod reasons;
mod request;
mod summary;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use hallway_pairing::{plan_round, PairingError, RoundPlan};
use hallway_store::{Circle, NewRound, RoundGroup, RoundUnpaired, SavedRound, Store, StoreError};

pub use answer::{answer, Answer};
pub use cycle::{next_cycle_start, starts_a_cycle};
pub use request::Loaded;
pub use summary::{GroupPreview, NamedReason, Preview};

/// Why a round could not be planned or saved.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    #[error("a round for {circle} already ran for the cycle starting {cycle_start}")]
    AlreadyRan {
        circle: String,
        cycle_start: NaiveDate,
    },
    /// Fewer than two people can be paired; the text names who is (and is not) eligible.
    #[error("{0}")]
    TooFew(String),
    #[error("invalid circle settings: {0}")]
    Settings(String),
    #[error(
        "cycle_start: {start} does not start a cycle of {circle}; its next cycle starts {next}"
    )]
    NotACycle {
        circle: String,
        start: NaiveDate,
        next: NaiveDate,
    },
    #[error("the engine returned an unknown person {0}")]
    UnknownPerson(String),
    /// A bad answer to an invitation, naming what is wrong.
    #[error("{0}")]
    Answer(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A planned round, not yet saved.
pub struct Planned {
    pub circle: Circle,
    pub loaded: Loaded,
    pub plan: RoundPlan,
    pub seed: u64,
}

/// The default seed for a cycle, so reruns of the same cycle agree.
pub fn default_seed(cycle_start: NaiveDate) -> u64 {
    u64::from(cycle_start.num_days_from_ce().unsigned_abs())
}

/// Loads and plans `circle`'s round for the cycle starting `start`, without saving anything.
pub async fn plan(
    store: &dyn Store,
    circle: &Circle,
    start: NaiveDate,
    seed: u64,
) -> Result<Planned, RoundError> {
    if !starts_a_cycle(circle.cadence, start) {
        return Err(RoundError::NotACycle {
            circle: circle.name.to_string(),
            start,
            next: next_cycle_start(circle.cadence, start),
        });
    }
    let loaded = request::load(store, circle, start, seed).await?;
    let plan = match plan_round(&loaded.request) {
        Ok(plan) => plan,
        Err(PairingError::TooFewEligible { unpaired, .. }) => {
            return Err(RoundError::TooFew(summary::too_few(
                circle, &loaded, &unpaired,
            )))
        }
        Err(PairingError::InvalidSettings(why)) => return Err(RoundError::Settings(why)),
    };
    Ok(Planned {
        circle: circle.clone(),
        loaded,
        plan,
        seed,
    })
}

/// Saves a planned round with one pending invitation per group member, in one transaction.
pub async fn save(
    store: &dyn Store,
    planned: &Planned,
    now: DateTime<Utc>,
) -> Result<SavedRound, RoundError> {
    let cycle_start = planned.loaded.request.cycle.start;
    if planned.loaded.already_ran {
        return Err(already_ran(&planned.circle, cycle_start));
    }
    let round = new_round(planned, now)?;
    match store.save_round_with_invitations(round).await {
        Err(StoreError::Conflict(_)) => Err(already_ran(&planned.circle, cycle_start)),
        other => Ok(other?),
    }
}

/// Plans and saves `circle`'s round for the cycle starting `start`.
pub async fn run(
    store: &dyn Store,
    circle: &Circle,
    start: NaiveDate,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<(Preview, SavedRound), RoundError> {
    let planned = plan(store, circle, start, seed).await?;
    if planned.loaded.already_ran {
        return Err(already_ran(circle, start));
    }
    let saved = save(store, &planned, now).await?;
    Ok((planned.preview(), saved))
}

fn already_ran(circle: &Circle, cycle_start: NaiveDate) -> RoundError {
    RoundError::AlreadyRan {
        circle: circle.name.to_string(),
        cycle_start,
    }
}

fn new_round(planned: &Planned, now: DateTime<Utc>) -> Result<NewRound, RoundError> {
    let loaded = &planned.loaded;
    let groups = planned
        .plan
        .groups
        .iter()
        .map(|g| {
            Ok(RoundGroup {
                members: g
                    .members
                    .iter()
                    .map(|p| loaded.id_of(p))
                    .collect::<Result<_, RoundError>>()?,
                slot_start: g.slot.start_utc,
                slot_end: g.slot.end_utc,
                reasons: g.reasons.clone(),
            })
        })
        .collect::<Result<_, RoundError>>()?;
    let unpaired = planned
        .plan
        .unpaired
        .iter()
        .map(|u| {
            Ok(RoundUnpaired {
                person: loaded.id_of(&u.person)?,
                reason: u.reason.to_string(),
            })
        })
        .collect::<Result<_, RoundError>>()?;
    Ok(NewRound {
        circle: planned.circle.id,
        cycle_start: loaded.request.cycle.start,
        created_at: now,
        seed: planned.seed,
        groups,
        unpaired,
    })
}
