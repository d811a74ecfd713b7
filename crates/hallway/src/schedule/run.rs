//! Running one circle's round for one cycle with `hallway-rounds`: plan and save it with its
//! invitations. `None` when there is nothing to save (the round already ran, or too few members
//! are eligible — the scheduler logs who and why).

use chrono::{DateTime, NaiveDate, Utc};
use hallway_rounds::RoundError;
use hallway_store::{Circle, SavedRound, Store};

pub async fn run_round(
    store: &dyn Store,
    circle: &Circle,
    cycle_start: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<SavedRound>> {
    let seed = hallway_rounds::default_seed(cycle_start);
    match hallway_rounds::run(store, circle, cycle_start, seed, now).await {
        Ok((_, saved)) => Ok(Some(saved)),
        // Already ran here, or another node saved this cycle first: never a second round.
        Err(RoundError::AlreadyRan { .. }) => Ok(None),
        Err(RoundError::TooFew(why)) => {
            tracing::info!(circle = %circle.id, %cycle_start, why, "no scheduled round");
            Ok(None)
        }
        Err(other) => Err(other.into()),
    }
}
