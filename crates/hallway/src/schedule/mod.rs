//! Rounds on schedule: a background worker inside `hallway serve` that, every
//! `schedule_check_seconds`, runs each circle's due round and mails its groups. With several
//! nodes on one database, a node first claims the (circle, cycle) in the store; only the winner
//! runs it, and `save_round`'s once-per-cycle conflict guards the rest. A claim whose node died
//! mid-round is taken over after [`CLAIM_STALE_AFTER`]; mail goes out only from the node whose
//! save succeeded, so a round is mailed once.

mod due;
mod run;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc, Weekday};
use hallway_store::{Circle, Round, RoundClaim, Store};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::mail::Mailer;
pub use due::{announce_weekday, due_cycle};
pub use run::run_round;

/// How long an unfinished claim protects a round from other nodes.
pub const CLAIM_STALE_AFTER: chrono::Duration = chrono::Duration::minutes(10);

/// Runs due rounds for this node.
pub struct Scheduler {
    pub store: Arc<dyn Store>,
    pub mailer: Option<Mailer>,
    /// This node's name in claims (unique per process).
    pub node: String,
    pub announce: Weekday,
}

/// What one pass did on this node.
#[derive(Debug, Default)]
pub struct Pass {
    pub rounds: Vec<Round>,
    pub mails_sent: usize,
}

impl Scheduler {
    /// One pass at `now`: every circle's due round that this node wins the claim for.
    pub async fn run_due(&self, now: DateTime<Utc>) -> anyhow::Result<Pass> {
        let mut pass = Pass::default();
        for circle in self.store.circles().await? {
            let Some(cycle_start) = due_cycle(circle.cadence, self.announce, now.date_naive())
            else {
                continue;
            };
            if let Err(error) = self.run_one(&circle, cycle_start, now, &mut pass).await {
                tracing::warn!(
                    error = format!("{error:#}"),
                    circle = %circle.id,
                    %cycle_start,
                    "the scheduled round failed; it is retried once the claim goes stale"
                );
            }
        }
        Ok(pass)
    }

    async fn run_one(
        &self,
        circle: &Circle,
        cycle_start: chrono::NaiveDate,
        now: DateTime<Utc>,
        pass: &mut Pass,
    ) -> anyhow::Result<()> {
        let claim = RoundClaim {
            circle: circle.id,
            cycle_start,
            node: self.node.clone(),
            at: now,
            stale_before: now - CLAIM_STALE_AFTER,
        };
        if !self.store.claim_round(&claim).await? {
            return Ok(());
        }
        let saved = run_round(self.store.as_ref(), circle, cycle_start, now).await?;
        if let Some(saved) = saved {
            let round = saved.round;
            tracing::info!(circle = %circle.id, %cycle_start, groups = round.groups.len(), "ran a scheduled round");
            if let Some(mailer) = &self.mailer {
                pass.mails_sent += mailer.send_round(self.store.as_ref(), circle, &round).await;
            }
            pass.rounds.push(round);
        }
        self.store
            .finish_round_claim(circle.id, cycle_start, &self.node, now)
            .await?;
        Ok(())
    }

    /// Runs a pass every `every` until stopped.
    pub fn start(self, every: Duration) -> ScheduleWorker {
        let (stop, mut stopped) = watch::channel(false);
        let handle = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = stopped.changed() => break,
                }
                if let Err(error) = self.run_due(Utc::now()).await {
                    tracing::warn!(
                        error = format!("{error:#}"),
                        "the round scheduler could not read circles"
                    );
                }
            }
        });
        ScheduleWorker { stop, handle }
    }
}

/// The running scheduler; [`ScheduleWorker::stop`] ends it after its current pass.
pub struct ScheduleWorker {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl ScheduleWorker {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.handle.await;
    }
}

/// Starts the scheduler for `hallway serve` unless `schedule_rounds` is off.
pub fn start(
    config: &crate::config::Config,
    store: Arc<dyn Store>,
    public_url: &str,
) -> anyhow::Result<Option<ScheduleWorker>> {
    if !config.schedule_rounds {
        return Ok(None);
    }
    let mailer = Mailer::from_settings(&config.smtp_url, &config.mail_from, public_url)?;
    if mailer.is_none() {
        tracing::info!("smtp_url is empty: scheduled rounds are not mailed");
    }
    let started = Utc::now();
    let scheduler = Scheduler {
        store,
        mailer,
        node: format!(
            "{}-{}-{}",
            config.bind,
            std::process::id(),
            started.timestamp_micros()
        ),
        announce: announce_weekday(&config.rounds_announce_day)?,
    };
    Ok(Some(
        scheduler.start(Duration::from_secs(config.schedule_check_seconds)),
    ))
}
