//! The finder for the memory commands (`ask`, `reindex`, `import`): opening the node's index in
//! `<data-dir>/memory`, catching it up with progress bars, and the bars themselves.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use hallway_finder::{Finder, FinderError, RebuildProgress, INDEX_DIR};
use hallway_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;

/// A bar for `total` units (a spinner when the total is unknown), drawn on standard error
/// only when it is a terminal.
pub fn bar(total: Option<u64>, message: &'static str) -> ProgressBar {
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{msg:>12} [{bar:40}] {human_pos}/{human_len} ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {msg} {human_pos}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_message(message);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The node's finder, able to write the index. A running server keeps the index: then this
/// fails, saying so.
pub fn open_writable(config: &Config, store: Arc<dyn Store>) -> anyhow::Result<Finder> {
    let dir = config.data_dir.join(INDEX_DIR);
    Finder::open(store, &dir).map_err(|error| match error {
        FinderError::Busy => anyhow::anyhow!(
            "the memory index in {} is kept by a running `hallway serve`; stop it first",
            dir.display()
        ),
        other => anyhow::Error::new(other).context(format!("opening {}", dir.display())),
    })
}

/// The node's finder for asking: writable when possible, else (a running server keeps the
/// index) read-only, as the server last committed it.
pub fn open_for_asking(config: &Config, store: Arc<dyn Store>) -> anyhow::Result<Finder> {
    let dir = config.data_dir.join(INDEX_DIR);
    match Finder::open(store.clone(), &dir) {
        Err(FinderError::Busy) => Finder::open_read_only(store, &dir)
            .with_context(|| format!("reading the memory index in {}", dir.display())),
        other => other.with_context(|| format!("opening {}", dir.display())),
    }
}

/// Rebuilds the index from the store with a progress bar; returns the records read.
pub async fn rebuild(finder: &Finder) -> anyhow::Result<u64> {
    let shown = bar(None, "indexing");
    let reporter = shown.clone();
    let records = finder
        .rebuild(move |p: RebuildProgress| {
            if let Some(total) = p.total {
                reporter.set_length(total.max(p.done));
                reporter.set_style(bar_style());
            }
            reporter.set_position(p.done);
        })
        .await
        .context("rebuilding the memory index")?;
    shown.finish_and_clear();
    Ok(records)
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg:>12} [{bar:40}] {human_pos}/{human_len} ({per_sec})")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// Brings a writable index up to date (rebuilding it if it has never been built), with a
/// progress indicator; a read-only one is left as it is.
pub async fn catch_up(finder: &Finder) -> anyhow::Result<()> {
    if finder.is_read_only() {
        return Ok(());
    }
    if finder.needs_rebuild().await {
        rebuild(finder).await?;
        return Ok(());
    }
    let shown = bar(None, "indexing");
    let reporter = shown.clone();
    finder
        .sync_reporting(move |applied| reporter.set_position(applied))
        .await
        .context("updating the memory index")?;
    shown.finish_and_clear();
    Ok(())
}

/// The background task that keeps a serving node's index up to date.
pub struct Worker {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Worker {
    /// Stops the task after its current sync.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Opens this node's finder and starts keeping its index up to date. Without an index (it
/// cannot be opened, or another process keeps it) the server still runs: the finder is off,
/// which is logged.
pub fn start(config: &Config, store: Arc<dyn Store>) -> Option<(Arc<Finder>, Worker)> {
    let finder = match open_writable(config, store) {
        Ok(finder) => Arc::new(finder),
        Err(error) => {
            tracing::error!(
                error = format!("{error:#}"),
                "the finder is off on this node"
            );
            return None;
        }
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = finder.spawn(async {
        let _ = stopped.await;
    });
    Some((finder, Worker { stop, task }))
}
