//! `hallway pair`: plan a circle's round with `hallway-rounds`, print it, and save it with its
//! invitations unless it is a dry run. A round is saved at most once per circle and cycle.

mod print;

use chrono::{NaiveDate, Utc};
use clap::Args;

use crate::config::Config;

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
    /// First day of the cycle, YYYY-MM-DD: a Monday that starts one of the circle's cycles
    /// (default: its next cycle).
    #[arg(long)]
    pub cycle_start: Option<NaiveDate>,
}

pub async fn run(config: &Config, args: &PairArgs) -> anyhow::Result<()> {
    let store = crate::storage::open(config).await?;
    let store = store.as_ref();
    let circle = crate::circles::find(store, &args.circle).await?;
    let start = args.cycle_start.unwrap_or_else(|| {
        hallway_rounds::next_cycle_start(circle.cadence, Utc::now().date_naive())
    });
    let seed = args
        .seed
        .unwrap_or_else(|| hallway_rounds::default_seed(start));
    let planned = hallway_rounds::plan(store, &circle, start, seed).await?;
    if planned.loaded.already_ran && !args.dry_run {
        anyhow::bail!(
            "a round for {} already ran for the cycle starting {start}",
            circle.name
        );
    }
    crate::output::text(format_args!(
        "{}",
        print::plan(&circle, &planned.loaded, &planned.plan, seed)
    ));
    if args.dry_run {
        crate::output::line(format_args!("Dry run: nothing was saved."));
        return Ok(());
    }
    let saved = hallway_rounds::save(store, &planned, Utc::now()).await?;
    crate::output::line(format_args!(
        "Saved the round for {} (cycle starting {start}) and sent {} invitations.",
        circle.name,
        saved.invitations.len()
    ));
    let public_url = config.effective_public_url();
    if let Some(mailer) =
        crate::mail::Mailer::from_settings(&config.smtp_url, &config.mail_from, &public_url)?
    {
        let sent = mailer.send_round(store, &circle, &saved.round).await;
        crate::output::line(format_args!(
            "Mailed {sent} of {} invitations.",
            saved.invitations.len()
        ));
    }
    Ok(())
}
