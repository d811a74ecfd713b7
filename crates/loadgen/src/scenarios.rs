//! Each scenario end to end: prepare a store, start the real server on it as its own process,
//! measure, stop it. Temporary data lives in a temporary directory removed afterwards.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use tempfile::TempDir;

use crate::fanout::{self, StepPlan, Target};
use crate::prepare::{open_store, prepare, Prepared};
use crate::report::{Machine, Report};
use crate::server::ServerProcess;

/// Settings every scenario shares.
#[derive(Clone)]
pub struct Common {
    /// The `hallway` binary to start (a release build).
    pub server_bin: PathBuf,
    /// PostgreSQL to prepare and serve from; SQLite in a temporary directory when `None`.
    pub database_url: Option<String>,
}

/// A prepared store and the server running on it.
struct Setup {
    dir: TempDir,
    server: ServerProcess,
    prepared: Prepared,
}

impl Common {
    fn backend(&self) -> String {
        if self.database_url.is_some() {
            "postgresql"
        } else {
            "sqlite"
        }
        .to_owned()
    }

    async fn setup(&self, people: usize, rooms: usize) -> anyhow::Result<Setup> {
        let dir = tempfile::tempdir().context("a temporary directory")?;
        eprintln!(
            "preparing {people} people with sessions and {rooms} room(s) ({})",
            self.backend()
        );
        let store = open_store(self.database_url.as_deref(), dir.path()).await?;
        let prepared = prepare(&store, people, rooms).await?;
        drop(store);
        let server =
            ServerProcess::hallway(&self.server_bin, dir.path(), self.database_url.as_deref())
                .await?;
        eprintln!(
            "hallway serve is ready at {} (pid {})",
            server.url, server.pid
        );
        Ok(Setup {
            dir,
            server,
            prepared,
        })
    }

    fn report(&self, scenario: &str, setup: &Setup) -> Report {
        Report {
            machine: Some(Machine::now()),
            scenario: scenario.to_owned(),
            backend: self.backend(),
            server_open_files: setup.server.log_lines("open files limit"),
            ..Report::default()
        }
    }
}

/// `idle`: many sockets held open; the server's memory before and after.
pub async fn idle(
    common: &Common,
    connections: usize,
    people: usize,
    rooms: usize,
    hold: Duration,
) -> anyhow::Result<Report> {
    let setup = common
        .setup(people.min(connections).max(1), rooms.max(1))
        .await?;
    let mut report = common.report("idle", &setup);
    let rooms: Vec<i64> = setup.prepared.rooms.iter().map(|r| r.0).collect();
    let result = crate::idle::run(
        &setup.server,
        &setup.prepared.tokens,
        &rooms,
        connections,
        hold,
    )
    .await;
    setup.server.stop().await;
    report.idle = Some(result?);
    Ok(report)
}

/// What a fan-out run measures.
#[derive(Clone, Copy)]
pub struct FanoutPlan {
    pub listeners: usize,
    pub step: StepPlan,
    /// Raise the rate until the goal is missed, up to this rate.
    pub sweep_to: Option<f64>,
    pub p99_ms: f64,
    pub ceiling: bool,
}

/// `fanout` (and `ack`, with few or no listeners): Hallway, then the raw ceiling in the same run.
pub async fn fanout(common: &Common, plan: FanoutPlan, scenario: &str) -> anyhow::Result<Report> {
    let most = plan.sweep_to.unwrap_or(plan.step.rate).max(plan.step.rate);
    let senders = (most / plan.step.per_sender).ceil() as usize;
    let setup = common
        .setup(plan.listeners + senders.clamp(1, 400), 1)
        .await?;
    let mut report = common.report(scenario, &setup);
    let target = Target {
        url: setup.server.url.clone(),
        tokens: setup.prepared.tokens.clone(),
        room: setup.prepared.rooms[0].0,
    };
    let measured = measure(&target, plan, Some(&setup.server)).await;
    setup.server.stop().await;
    report.hallway = measured?;
    if plan.ceiling {
        let raw = ServerProcess::raw(setup.dir.path()).await?;
        eprintln!(
            "raw ceiling server is ready at {} (pid {})",
            raw.url, raw.pid
        );
        let target = Target {
            url: raw.url.clone(),
            ..target
        };
        let measured = measure(&target, plan, Some(&raw)).await;
        raw.stop().await;
        report.ceiling = measured?;
    }
    summarise(&mut report, plan);
    Ok(report)
}

async fn measure(
    target: &Target,
    plan: FanoutPlan,
    server: Option<&ServerProcess>,
) -> anyhow::Result<Vec<fanout::Step>> {
    eprintln!("connecting {} listeners", plan.listeners);
    let listeners = fanout::listen(target, plan.listeners).await?;
    match plan.sweep_to {
        Some(max) => fanout::sweep(target, &listeners, plan.step, max, plan.p99_ms, server).await,
        None => Ok(vec![
            fanout::step(target, &listeners, plan.step, server).await?,
        ]),
    }
}

fn summarise(report: &mut Report, plan: FanoutPlan) {
    report.best_hallway_rate = fanout::best(&report.hallway, plan.p99_ms).map(|s| s.target_rate);
    report.best_ceiling_rate = fanout::best(&report.ceiling, plan.p99_ms).map(|s| s.target_rate);
    report.ratio = if plan.sweep_to.is_some() {
        match (report.best_hallway_rate, report.best_ceiling_rate) {
            (Some(h), Some(c)) if c > 0.0 => Some(h / c),
            _ => None,
        }
    } else {
        match (report.hallway.first(), report.ceiling.first()) {
            (Some(h), Some(c)) if c.deliveries_per_sec > 0.0 => {
                Some(h.deliveries_per_sec / c.deliveries_per_sec)
            }
            _ => None,
        }
    };
}
