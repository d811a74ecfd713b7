//! The command line (clap): `serve`, `demo`, `admin`, `circle`, `pair`, `pulse`, `ask`, `reindex`,
//! `import`, `config example`, `--version`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;

#[derive(Parser)]
#[command(
    name = "hallway",
    version,
    about = "Hallway: a self-hosted place where remote teams run into each other."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Settings every command accepts; each overrides the config file and `HALLWAY_*` variables.
#[derive(Args, Clone, Default)]
pub struct GlobalArgs {
    /// A TOML configuration file (see `hallway config example`).
    #[arg(long, global = true, env = "HALLWAY_CONFIG")]
    pub config: Option<PathBuf>,
    /// Directory for Hallway's files.
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// postgres://… for PostgreSQL; empty for SQLite in the data directory.
    #[arg(long, global = true)]
    pub database_url: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(ServeArgs),
    /// Run a demo with a realistic team on an embedded database.
    Demo(DemoArgs),
    /// Administer people and invites from the shell.
    #[command(subcommand)]
    Admin(crate::admin::AdminCommand),
    /// Circles: create them and manage who is in them.
    #[command(subcommand)]
    Circle(crate::circles::CircleCommand),
    /// Plan a circle's pairing round, print it and save it (unless --dry-run).
    Pair(crate::pair::PairArgs),
    /// Pulse: print the latest weekly snapshot, take one by hand, or backfill interactions.
    Pulse(crate::pulse::PulseArgs),
    /// Ask who has been here before (as someone, within what they may read).
    Ask(crate::ask::AskArgs),
    /// Rebuild the memory index from the store.
    Reindex,
    /// Import a team's history: Slack, Mattermost, Zulip, mbox or Stack Exchange.
    Import(crate::import::ImportArgs),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Args, Clone, Default)]
pub struct ServeArgs {
    /// Address and port to listen on, e.g. 0.0.0.0:8080.
    #[arg(long)]
    pub bind: Option<String>,
    /// The URL people use to reach Hallway (for links; https turns on secure cookies).
    #[arg(long)]
    pub public_url: Option<String>,
    /// nats://host:4222 to share live events with other nodes; empty for one node.
    #[arg(long)]
    pub nats_url: Option<String>,
}

#[derive(Args, Clone)]
pub struct DemoArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Start over: delete the demo's data directory first.
    #[arg(long)]
    pub reset: bool,
    /// Do not run the simulated colleagues (the demo people who move through the rooms).
    #[arg(long)]
    pub no_colleagues: bool,
}

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Print a commented example configuration with every default.
    Example,
}

impl Cli {
    /// The configuration from every layer, with this command's flags on top.
    pub fn config(&self, serve: Option<&ServeArgs>) -> anyhow::Result<Config> {
        let mut config = Config::load(self.global.config.as_deref(), std::env::vars())?;
        if let Some(dir) = &self.global.data_dir {
            config.data_dir = dir.clone();
        }
        if let Some(url) = &self.global.database_url {
            config.database_url = url.clone();
        }
        if let Some(serve) = serve {
            if let Some(bind) = &serve.bind {
                config.bind = bind.clone();
            }
            if let Some(url) = &serve.public_url {
                config.public_url = url.clone();
            }
            if let Some(url) = &serve.nats_url {
                config.nats_url = url.clone();
            }
        }
        config.check()?;
        Ok(config)
    }
}

/// Parses the command line, runs the command and turns failures into a message and exit code 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
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
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Config(ConfigCommand::Example) => {
            crate::output::text(format_args!("{}", crate::config::example()));
            Ok(())
        }
        Command::Serve(args) => {
            let config = cli.config(Some(args))?;
            crate::serve::init_logging(&config);
            crate::serve::run(config).await
        }
        Command::Demo(args) => {
            let mut config = cli.config(None)?;
            if cli.global.data_dir.is_none() {
                config.data_dir = PathBuf::from("hallway-demo-data");
            }
            config.bind = args.bind.clone();
            config.check()?;
            crate::serve::init_logging(&config);
            crate::demo::run(config, args.reset, !args.no_colleagues).await
        }
        Command::Admin(command) => {
            let config = cli.config(None)?;
            crate::admin::run(&config, command).await
        }
        Command::Circle(command) => {
            let config = cli.config(None)?;
            crate::circles::run(&config, command).await
        }
        Command::Pair(args) => {
            let config = cli.config(None)?;
            crate::pair::run(&config, args).await
        }
        Command::Pulse(args) => crate::pulse::run(&cli.config(None)?, args).await,
        Command::Ask(args) => crate::ask::run(&cli.config(None)?, args).await,
        Command::Reindex => crate::reindex::run(&cli.config(None)?).await,
        Command::Import(args) => crate::import::run(&cli.config(None)?, args).await,
    }
}
