//! `hallway serve`: logging, the store, the listener, and a clean shutdown on Ctrl-C or SIGTERM.

use anyhow::Context;
use hallway_server::AppState;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::config::Config;

/// Structured logs: pretty for people, JSON for collectors. `RUST_LOG` overrides the level.
pub fn init_logging(config: &Config) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(config.log_level.as_str()));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if config.log_format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Raises the open-files limit to the hard limit: every live socket is a file descriptor,
/// and the usual soft limit (1,024) would refuse connections long before memory runs out.
pub fn raise_open_files_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(limit, "open files limit"),
        Err(error) => tracing::warn!(%error, "could not raise the open files limit"),
    }
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    raise_open_files_limit();
    let store = crate::storage::open(&config).await?;
    serve_with(config, store, |_| {}).await
}

/// Binds, then serves `store`; `on_ready` gets the public URL once the port is open.
pub async fn serve_with(
    config: Config,
    store: std::sync::Arc<dyn hallway_store::Store>,
    on_ready: impl FnOnce(&str),
) -> anyhow::Result<()> {
    serve_with_extras(config, store, on_ready, |_| async { Ok(()) }).await
}

/// Like [`serve_with`], and `extras` runs once the app (and its live hub) is up, before the
/// port opens — the demo starts its simulated colleagues there.
pub async fn serve_with_extras<F, Fut>(
    config: Config,
    store: std::sync::Arc<dyn hallway_store::Store>,
    on_ready: impl FnOnce(&str),
    extras: F,
) -> anyhow::Result<()>
where
    F: FnOnce(AppState) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let bus = crate::bus::open_bus(&config).await?;
    tracing::info!(bus = bus.kind(), "live updates travel over the bus");
    let listener = TcpListener::bind(&config.bind).await.with_context(|| {
        format!(
            "listening on {} (is another program using that port?)",
            config.bind
        )
    })?;
    let public_url = config.effective_public_url();
    tracing::info!(bind = %config.bind, public_url = %public_url, database = store.backend(), "Hallway is listening");
    let finder = crate::memory::start(&config, store.clone());
    let node = format!(
        "node-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_millis()
    );
    crate::pulse::spawn_schedule(store.clone(), node);
    let mut state = AppState::start(
        store,
        config.server_config()?,
        bus,
        hallway_live::LiveConfig::default(),
    )
    .await
    .context("starting the live hub")?;
    if let Some((finder, _)) = &finder {
        state = state.with_finder(finder.clone());
    }
    let scheduler = crate::schedule::start(&config, state.store.clone(), &public_url)?;
    extras(state.clone()).await?;
    if !config.metrics_bind.is_empty() {
        let metrics = TcpListener::bind(&config.metrics_bind)
            .await
            .with_context(|| format!("listening for /metrics on {}", config.metrics_bind))?;
        tracing::info!(metrics_bind = %config.metrics_bind, "/metrics has its own listener");
        let metrics_state = state.clone();
        tokio::spawn(async move {
            if let Err(error) =
                hallway_server::serve_metrics(metrics, metrics_state, shutdown_signal()).await
            {
                tracing::warn!(%error, "the /metrics listener stopped");
            }
        });
    }
    on_ready(&public_url);
    let served = hallway_server::serve(listener, state, shutdown_signal()).await;
    if let Some((_, worker)) = finder {
        worker.stop().await;
    }
    if let Some(worker) = scheduler {
        worker.stop().await;
    }
    served.context("serving HTTP")
}
