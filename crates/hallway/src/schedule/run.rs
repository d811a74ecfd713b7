//! Running one circle's round for one cycle: load, plan, save. `None` when there is nothing
//! to save (the round already ran, or too few members are eligible).
//!
//! This is the seam for `hallway-rounds` (branch circles-web): once that crate lands, this
//! calls its round function instead of `hallway pair`'s steps.

use chrono::{Datelike, NaiveDate};
use hallway_pairing::{plan_round, PairingError};
use hallway_store::{Circle, Round, Store, StoreError};

pub async fn run_round(
    store: &dyn Store,
    circle: &Circle,
    cycle_start: NaiveDate,
) -> anyhow::Result<Option<Round>> {
    let seed = u64::from(cycle_start.num_days_from_ce().unsigned_abs());
    let loaded = crate::pair::request::load(store, circle, cycle_start, seed).await?;
    if loaded.already_ran {
        return Ok(None);
    }
    let plan = match plan_round(&loaded.request) {
        Ok(plan) => plan,
        Err(PairingError::TooFewEligible { .. }) => return Ok(None),
        Err(other) => return Err(other.into()),
    };
    match crate::pair::save(store, circle, &loaded, &plan, seed).await {
        Ok(round) => Ok(Some(round)),
        // Another node saved this cycle's round first: the per-cycle conflict is the last guard.
        Err(error)
            if matches!(
                error.downcast_ref::<StoreError>(),
                Some(StoreError::Conflict(_))
            ) =>
        {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}
