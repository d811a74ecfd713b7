//! The [`PulseStore`] implementation: each method one transaction, calling into [`crate::pulse`].

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hallway_domain::PersonId;
use hallway_store::{
    Interaction, PairingPriorities, PulseSnapshot, PulseStore, StoreError, StoreResult,
};
use sqlx::{Postgres, Transaction};

use crate::{pulse, PostgresStore};

async fn commit<T>(tx: Transaction<'static, Postgres>, value: T) -> StoreResult<T> {
    tx.commit().await.map_err(StoreError::unavailable)?;
    Ok(value)
}

#[async_trait]
impl PulseStore for PostgresStore {
    async fn record_interactions(
        &self,
        interactions: &[Interaction],
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let stored = pulse::record(&mut tx, interactions, now).await?;
        commit(tx, stored).await
    }

    async fn interactions(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<Interaction>> {
        let mut tx = self.read().await?;
        let found = pulse::between(&mut tx, from, to).await?;
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
        let claimed = pulse::claim(&mut tx, week, node, now, stale_after).await?;
        commit(tx, claimed).await
    }

    async fn save_pulse_snapshot(&self, snapshot: &PulseSnapshot) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::save_snapshot(&mut tx, snapshot).await?;
        commit(tx, ()).await
    }

    async fn pulse_snapshot(&self, week: NaiveDate) -> StoreResult<PulseSnapshot> {
        let mut tx = self.read().await?;
        let found = pulse::snapshot_of(&mut tx, week).await?;
        commit(tx, found).await
    }

    async fn pulse_snapshots(&self) -> StoreResult<Vec<PulseSnapshot>> {
        let mut tx = self.read().await?;
        let found = pulse::snapshots(&mut tx).await?;
        commit(tx, found).await
    }

    async fn save_pairing_priorities(&self, priorities: &PairingPriorities) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::save_priorities(&mut tx, priorities).await?;
        commit(tx, ()).await
    }

    async fn pairing_priorities(&self) -> StoreResult<PairingPriorities> {
        let mut tx = self.read().await?;
        let found = pulse::priorities(&mut tx).await?;
        commit(tx, found).await
    }

    async fn left_pulse(&self, person: PersonId) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let left = pulse::left(&mut tx, person).await?;
        commit(tx, left).await
    }

    async fn set_left_pulse(&self, person: PersonId, left: bool) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::set_left(&mut tx, person, left).await?;
        commit(tx, ()).await
    }

    async fn pulse_leavers(&self) -> StoreResult<Vec<PersonId>> {
        let mut tx = self.read().await?;
        let all = pulse::leavers(&mut tx).await?;
        commit(tx, all).await
    }

    async fn pulse_enabled(&self) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let on = pulse::enabled(&mut tx).await?;
        commit(tx, on).await
    }

    async fn set_pulse_enabled(&self, enabled: bool) -> StoreResult<()> {
        let mut tx = self.write().await?;
        pulse::set_enabled(&mut tx, enabled).await?;
        commit(tx, ()).await
    }
}
