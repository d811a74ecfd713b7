//! The background task that keeps the index up to date: a sync about every second, and one
//! right after [`Finder::nudge`]. Failures are logged and retried on the next tick.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::Finder;

/// How often the index catches up when nobody nudges it.
pub const SYNC_EVERY: Duration = Duration::from_secs(1);

impl Finder {
    /// Asks the background task to sync now (after a write it should see soon).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Starts the background task; it stops when `shutdown` resolves.
    pub fn spawn(
        self: &Arc<Self>,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> tokio::task::JoinHandle<()> {
        let finder = self.clone();
        tokio::spawn(async move {
            tokio::pin!(shutdown);
            loop {
                match finder.sync().await {
                    Ok(report) if report.applied > 0 => {
                        tracing::debug!(
                            applied = report.applied,
                            rebuilt = report.rebuilt,
                            "memory index caught up"
                        );
                    }
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "memory index sync failed; retrying"),
                }
                tokio::select! {
                    () = &mut shutdown => break,
                    () = finder.wake.notified() => {}
                    () = tokio::time::sleep(SYNC_EVERY) => {}
                }
            }
        })
    }
}
