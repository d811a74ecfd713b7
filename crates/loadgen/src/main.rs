//! `hallway-load`: see `hallway-load --help` and `docs/benchmarks/live.md`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use hallway_loadgen::fanout::StepPlan;
use hallway_loadgen::scenarios::{self, Common, FanoutPlan};

#[derive(Parser)]
#[command(
    name = "hallway-load",
    about = "Drives a real Hallway server over loopback WebSockets and measures it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Shared {
    /// The `hallway` binary to test (default: the one beside this binary).
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// postgres://… to prepare and serve from (an existing, preferably empty, database);
    /// SQLite in a temporary directory otherwise.
    #[arg(long)]
    database_url: Option<String>,
    /// Also write the results as JSON here.
    #[arg(long)]
    json: Option<PathBuf>,
}

#[derive(Args, Clone, Copy)]
struct Sending {
    /// Messages per second, over all senders.
    #[arg(long, default_value_t = 100.0)]
    rate: f64,
    /// Seconds of sending (per step).
    #[arg(long, default_value_t = 20.0)]
    secs: f64,
    /// Messages per second per sender socket (the server allows 5/s per connection).
    #[arg(long, default_value_t = 4.0)]
    per_sender: f64,
    /// Bytes per message body.
    #[arg(long, default_value_t = 100)]
    body_bytes: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Open many sockets (hello + join), hold them, and report the server's memory per socket.
    Idle {
        #[command(flatten)]
        shared: Shared,
        #[arg(long, default_value_t = 10_000)]
        connections: usize,
        #[arg(long, default_value_t = 600)]
        hold_secs: u64,
        /// People the sockets belong to (each has several tabs open).
        #[arg(long, default_value_t = 2_000)]
        people: usize,
        /// Rooms the sockets join, one each, round robin.
        #[arg(long, default_value_t = 100)]
        rooms: usize,
    },
    /// Listeners in one room, senders posting: deliveries, order, latency; then the raw ceiling.
    Fanout {
        #[command(flatten)]
        shared: Shared,
        #[command(flatten)]
        sending: Sending,
        #[arg(long, default_value_t = 1_000)]
        listeners: usize,
        /// Double the rate until p99 exceeds --p99-ms or a message goes missing.
        #[arg(long)]
        sweep: bool,
        /// The highest rate a sweep tries.
        #[arg(long, default_value_t = 25_600.0)]
        max_rate: f64,
        #[arg(long, default_value_t = 50.0)]
        p99_ms: f64,
        /// Skip the raw broadcast ceiling.
        #[arg(long)]
        no_ceiling: bool,
    },
    /// Send→durable-ack latency at a moderate rate.
    Ack {
        #[command(flatten)]
        shared: Shared,
        #[command(flatten)]
        sending: Sending,
        /// Sockets listening in the room meanwhile.
        #[arg(long, default_value_t = 0)]
        listeners: usize,
    },
    /// The ceiling server on its own (started by `fanout`).
    #[command(hide = true)]
    RawServer {
        #[arg(long)]
        bind: String,
    },
}

fn main() -> ExitCode {
    let limit = hallway_loadgen::raise_open_files_limit();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(Cli::parse(), limit)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli, limit: u64) -> anyhow::Result<()> {
    let (shared, report) = match cli.command {
        Command::RawServer { bind } => return hallway_loadgen::raw::serve(&bind).await,
        Command::Idle {
            shared,
            connections,
            hold_secs,
            people,
            rooms,
        } => {
            eprintln!("generator open files limit: {limit}");
            let common = common(&shared)?;
            let hold = Duration::from_secs(hold_secs);
            let report = scenarios::idle(&common, connections, people, rooms, hold).await?;
            (shared, report)
        }
        Command::Fanout {
            shared,
            sending,
            listeners,
            sweep,
            max_rate,
            p99_ms,
            no_ceiling,
        } => {
            eprintln!("generator open files limit: {limit}");
            let plan = FanoutPlan {
                listeners,
                step: step_plan(sending),
                sweep_to: sweep.then_some(max_rate),
                p99_ms,
                ceiling: !no_ceiling,
            };
            let report = scenarios::fanout(&common(&shared)?, plan, "fanout").await?;
            (shared, report)
        }
        Command::Ack {
            shared,
            sending,
            listeners,
        } => {
            let plan = FanoutPlan {
                listeners,
                step: step_plan(sending),
                sweep_to: None,
                p99_ms: f64::INFINITY,
                ceiling: false,
            };
            let report = scenarios::fanout(&common(&shared)?, plan, "ack").await?;
            (shared, report)
        }
    };
    report.print();
    if let Some(path) = &shared.json {
        report.write_json(path)?;
    }
    Ok(())
}

fn step_plan(sending: Sending) -> StepPlan {
    StepPlan {
        rate: sending.rate,
        secs: sending.secs,
        per_sender: sending.per_sender,
        body_bytes: sending.body_bytes,
    }
}

fn common(shared: &Shared) -> anyhow::Result<Common> {
    let server_bin = match &shared.server_bin {
        Some(path) => path.clone(),
        None => std::env::current_exe()
            .context("this binary's path")?
            .with_file_name("hallway"),
    };
    anyhow::ensure!(server_bin.exists(), "no server binary at {} (build it with `cargo build --release -p hallway`, or pass --server-bin)", server_bin.display());
    Ok(Common {
        server_bin,
        database_url: shared.database_url.clone(),
    })
}
