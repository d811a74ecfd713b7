//! `hallway pulse`: print the latest (or a given week's) pulse snapshot as text or JSON, take a
//! week's snapshot by hand (`pulse snapshot`), or derive interactions from stored history
//! (`pulse backfill`). Snapshots hold aggregates only; the weekly one is also taken by
//! `hallway serve` ([`weekly::spawn_schedule`]).

pub mod backfill;
pub mod input;
pub mod weekly;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use hallway_pulse as pulse;
use hallway_store::{PulseSnapshot, Store, StoreError};

pub use weekly::spawn_schedule;

use crate::config::Config;
use crate::output::{line, text};
use weekly::{last_full_week, week_of, Outcome};

#[derive(Args, Clone)]
pub struct PulseArgs {
    #[command(subcommand)]
    pub action: Option<PulseAction>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The week to show (any day in it, YYYY-MM-DD; default: the latest stored).
    #[arg(long)]
    pub week: Option<NaiveDate>,
}

#[derive(Subcommand, Clone)]
pub enum PulseAction {
    /// Take a week's snapshot now (default: the last full week), unless one is stored.
    Snapshot {
        /// Any day of the week to take (YYYY-MM-DD).
        #[arg(long)]
        week: Option<NaiveDate>,
    },
    /// Record the replies and mentions in stored (e.g. imported) history as interactions.
    Backfill,
}

pub async fn run(config: &Config, args: &PulseArgs) -> anyhow::Result<()> {
    let store = crate::storage::open(config).await?;
    let store = store.as_ref();
    match &args.action {
        None => show(store, args).await,
        Some(PulseAction::Snapshot { week }) => {
            let now = Utc::now();
            let week = week.map_or_else(|| last_full_week(now), week_of);
            let node = format!("cli-{}", std::process::id());
            match weekly::take(store, week, &node, now).await? {
                Outcome::Taken(snapshot) => {
                    line(format_args!(
                        "Took the pulse snapshot for the week of {week}."
                    ));
                    text(format_args!("{}", pulse::render::text(&snapshot)));
                }
                Outcome::AlreadyStored => line(format_args!(
                    "The pulse snapshot for the week of {week} is already stored."
                )),
                Outcome::ClaimedElsewhere => line(format_args!(
                    "Another node is taking the pulse snapshot for the week of {week}."
                )),
                Outcome::PulseOff => line(format_args!("{PULSE_OFF}")),
                Outcome::NobodyTakesPart => line(format_args!("{NOBODY}")),
            }
            Ok(())
        }
        Some(PulseAction::Backfill) => {
            let done = backfill::run(store).await?;
            line(format_args!(
                "Read {} messages: {} interactions found, {} newly recorded.",
                done.messages, done.found, done.recorded
            ));
            Ok(())
        }
    }
}

const PULSE_OFF: &str =
    "Pulse is switched off for this organisation; nothing is recorded or shown.";
const NOBODY: &str = "Nobody takes part in pulse yet: there is no one to take a snapshot of.";

async fn show(store: &dyn Store, args: &PulseArgs) -> anyhow::Result<()> {
    if !store.pulse_enabled().await? {
        line(format_args!("{PULSE_OFF}"));
        return Ok(());
    }
    if store.count_people().await? == 0 {
        line(format_args!(
            "This organisation is empty: pulse has nothing to show until people are here."
        ));
        return Ok(());
    }
    let stored = match args.week {
        Some(day) => week_snapshot(store, week_of(day)).await?,
        None => match store.pulse_snapshots().await?.pop() {
            Some(latest) => latest,
            None => {
                line(format_args!(
                    "No pulse snapshot yet. `hallway serve` takes one each week; \
                     `hallway pulse snapshot` takes the last full week's now."
                ));
                return Ok(());
            }
        },
    };
    let snapshot = pulse::Snapshot::from_stored(stored.snapshot).with_context(|| {
        format!(
            "reading the stored snapshot for the week of {}",
            stored.week
        )
    })?;
    if args.json {
        line(format_args!("{}", pulse::render::json(&snapshot)?));
    } else {
        line(format_args!("Pulse for the week of {}", stored.week));
        text(format_args!("{}", pulse::render::text(&snapshot)));
    }
    Ok(())
}

async fn week_snapshot(store: &dyn Store, week: NaiveDate) -> anyhow::Result<PulseSnapshot> {
    match store.pulse_snapshot(week).await {
        Ok(found) => Ok(found),
        Err(StoreError::NotFound(_)) => {
            let weeks: Vec<String> = store
                .pulse_snapshots()
                .await?
                .iter()
                .map(|s| s.week.to_string())
                .collect();
            let stored = if weeks.is_empty() {
                "none yet".to_owned()
            } else {
                weeks.join(", ")
            };
            anyhow::bail!("no pulse snapshot for the week of {week} (stored weeks: {stored})")
        }
        Err(other) => Err(other.into()),
    }
}
