//! Pulse in the server: what the Pulse page, its API and the hallway digest show. Everything
//! about the organisation comes from stored weekly snapshots (aggregates over at least k
//! people, suppressed by the engine before they were stored); the only figures about a person
//! are their own, computed on request from their own interactions and shown to them alone.
//! Nothing here lists people.

mod charts;
mod digest;
mod personal;

pub use charts::{chart_cards, ChartCard};
pub use digest::{digest, Digest};
pub use personal::personal_view;

use hallway_domain::PersonId;
use hallway_pulse::Snapshot;
use hallway_store::Store;

use crate::AppError;

/// How a snapshot is made, for pages that have none yet.
pub const HOW_SNAPSHOTS_ARE_MADE: &str = "The server takes one snapshot a week by itself; \
     an administrator can take one now with the command hallway pulse snapshot.";

/// Whether pulse is on for the organisation and whether the viewer takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub enabled: bool,
    pub viewer_left: bool,
}

impl Standing {
    pub async fn of(store: &dyn Store, viewer: PersonId) -> Result<Self, AppError> {
        Ok(Self {
            enabled: store.pulse_enabled().await?,
            viewer_left: store.left_pulse(viewer).await?,
        })
    }
}

/// Every stored snapshot, oldest first, as the engine's type.
pub async fn snapshots(store: &dyn Store) -> Result<Vec<Snapshot>, AppError> {
    store
        .pulse_snapshots()
        .await?
        .into_iter()
        .map(|stored| {
            Snapshot::from_stored(stored.snapshot).map_err(|error| {
                AppError::Internal(anyhow::anyhow!(
                    "reading the stored pulse snapshot of {}: {error}",
                    stored.week
                ))
            })
        })
        .collect()
}

/// The hallway's Pulse card for a member while pulse is on and a snapshot exists.
pub async fn hallway_digest(
    store: &dyn Store,
    viewer: &crate::auth::Viewer,
) -> Result<Option<Digest>, AppError> {
    if !viewer.role().sees_directory() || !store.pulse_enabled().await? {
        return Ok(None);
    }
    Ok(digest(&snapshots(store).await?))
}
