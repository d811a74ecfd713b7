//! The [`PulseStore`] implementation: each method one transaction, calling into [`crate::pulse`].

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hallway_domain::PersonId;
use hallway_store::{Interaction, PairingPriorities, PulseSnapshot, PulseStore, StoreResult};

use crate::backend::{commit, SqlStore};
use crate::pulse;

#[async_trait]
impl PulseStore for SqlStore {
    async fn record_interactions(
        &self,
        interactions: &[Interaction],
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let stored = pulse::record(tx.conn(), interactions, now).await?;
        commit(tx, stored).await
    }

    async fn interactions(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<Interaction>> {
        let mut tx = self.read().await?;
        let found = pulse::between(tx.conn(), from, to).await?;
        commit(tx, found).await
    }

    async fn claim_pulse_snapshot(
        &self,
        week: NaiveDate,
        node: &str,
        now: DateTime<Utc>,
        stale_after: Duration,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let claimed = pulse::claim(tx.conn(), week, node, now, stale_after).await?;
        commit(tx, claimed).await
    }

    async fn save_pulse_snapshot(&self, snapshot: &PulseSnapshot) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::save_snapshot(tx.conn(), snapshot).await?;
        commit(tx, ()).await
    }

    async fn pulse_snapshot(&self, week: NaiveDate) -> StoreResult<PulseSnapshot> {
        let mut tx = self.read().await?;
        let found = pulse::snapshot_of(tx.conn(), week).await?;
        commit(tx, found).await
    }

    async fn pulse_snapshots(&self) -> StoreResult<Vec<PulseSnapshot>> {
        let mut tx = self.read().await?;
        let found = pulse::snapshots(tx.conn()).await?;
        commit(tx, found).await
    }

    async fn save_pairing_priorities(&self, priorities: &PairingPriorities) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::save_priorities(tx.conn(), priorities).await?;
        commit(tx, ()).await
    }

    async fn pairing_priorities(&self) -> StoreResult<PairingPriorities> {
        let mut tx = self.read().await?;
        let found = pulse::priorities(tx.conn()).await?;
        commit(tx, found).await
    }

    async fn left_pulse(&self, person: PersonId) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let left = pulse::left(tx.conn(), person).await?;
        commit(tx, left).await
    }

    async fn set_left_pulse(&self, person: PersonId, left: bool) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::set_left(tx.conn(), person, left).await?;
        commit(tx, ()).await
    }

    async fn pulse_leavers(&self) -> StoreResult<Vec<PersonId>> {
        let mut tx = self.read().await?;
        let all = pulse::leavers(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn pulse_enabled(&self) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let on = pulse::enabled(tx.conn()).await?;
        commit(tx, on).await
    }

    async fn set_pulse_enabled(&self, enabled: bool) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::set_enabled(tx.conn(), enabled).await?;
        commit(tx, ()).await
    }
}
