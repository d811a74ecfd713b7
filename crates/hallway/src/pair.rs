//! `hallway pair`: plan a circle's round with the pairing engine, print it, and save it unless
//! it is a dry run. A round is saved at most once per circle and cycle.

mod print;
mod request;

use anyhow::Context;
use chrono::{Datelike, Days, NaiveDate, Utc};
use clap::Args;
use hallway_pairing::{plan_round, PairingError, RoundPlan};
use hallway_store::{NewRound, RoundGroup, RoundUnpaired, Store};

use crate::config::Config;
use request::Loaded;

#[derive(Args, Clone)]
pub struct PairArgs {
    /// The circle's name.
    #[arg(long)]
    pub circle: String,
    /// Print the round without saving it.
    #[arg(long)]
    pub dry_run: bool,
    /// Seed for tie-breaking (default: derived from the cycle start, so reruns agree).
    #[arg(long)]
    pub seed: Option<u64>,
    /// First day of the cycle, YYYY-MM-DD (default: next Monday).
    #[arg(long)]
    pub cycle_start: Option<NaiveDate>,
}

fn next_monday(today: NaiveDate) -> NaiveDate {
    let ahead = 7 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(ahead)).unwrap_or(today)
}

pub async fn run(config: &Config, args: &PairArgs) -> anyhow::Result<()> {
    let store = crate::storage::open(config).await?;
    let store = store.as_ref();
    let circle = crate::circles::find(store, &args.circle).await?;
    let start = args
        .cycle_start
        .unwrap_or_else(|| next_monday(Utc::now().date_naive()));
    let seed = args
        .seed
        .unwrap_or_else(|| u64::from(start.num_days_from_ce().unsigned_abs()));
    let loaded = request::load(store, &circle, start, seed).await?;
    if loaded.already_ran && !args.dry_run {
        anyhow::bail!(
            "a round for {} already ran for the cycle starting {start}",
            circle.name
        );
    }
    let plan = match plan_round(&loaded.request) {
        Ok(plan) => plan,
        Err(PairingError::TooFewEligible { unpaired, .. }) => {
            anyhow::bail!("{}", print::too_few(&circle, &loaded, &unpaired))
        }
        Err(other) => return Err(other).context("planning the round"),
    };
    crate::output::text(format_args!(
        "{}",
        print::plan(&circle, &loaded, &plan, seed)
    ));
    if args.dry_run {
        crate::output::line(format_args!("Dry run: nothing was saved."));
        return Ok(());
    }
    save(store, &circle, &loaded, &plan, seed).await?;
    crate::output::line(format_args!(
        "Saved the round for {} (cycle starting {start}).",
        circle.name
    ));
    Ok(())
}

async fn save(
    store: &dyn Store,
    circle: &hallway_store::Circle,
    loaded: &Loaded,
    plan: &RoundPlan,
    seed: u64,
) -> anyhow::Result<()> {
    let groups = plan
        .groups
        .iter()
        .map(|g| {
            Ok(RoundGroup {
                members: g
                    .members
                    .iter()
                    .map(|p| loaded.id_of(p))
                    .collect::<anyhow::Result<_>>()?,
                slot_start: g.slot.start_utc,
                slot_end: g.slot.end_utc,
                reasons: g.reasons.clone(),
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let unpaired = plan
        .unpaired
        .iter()
        .map(|u| {
            Ok(RoundUnpaired {
                person: loaded.id_of(&u.person)?,
                reason: u.reason.to_string(),
            })
        })
        .collect::<anyhow::Result<_>>()?;
    store
        .save_round(NewRound {
            circle: circle.id,
            cycle_start: loaded.request.cycle.start,
            created_at: Utc::now(),
            seed,
            groups,
            unpaired,
        })
        .await?;
    Ok(())
}
