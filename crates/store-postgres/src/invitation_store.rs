//! The [`InvitationStore`] implementation, each method one transaction.

use async_trait::async_trait;
use hallway_domain::{InvitationId, PersonId, RoundGroupId};
use hallway_store::{
    Invitation, InvitationState, InvitationStore, NewRound, SavedRound, StoreError, StoreResult,
};
use sqlx::{Postgres, Transaction};

use crate::{invitations, rounds, PostgresStore};

async fn commit<T>(tx: Transaction<'static, Postgres>, value: T) -> StoreResult<T> {
    tx.commit().await.map_err(StoreError::unavailable)?;
    Ok(value)
}

#[async_trait]
impl InvitationStore for PostgresStore {
    async fn save_round_with_invitations(&self, round: NewRound) -> StoreResult<SavedRound> {
        let mut tx = self.write().await?;
        let round = rounds::save(&mut tx, &round).await?;
        let invitations = invitations::create_for(&mut tx, &round).await?;
        commit(tx, SavedRound { round, invitations }).await
    }

    async fn invitations_of(&self, person: PersonId) -> StoreResult<Vec<Invitation>> {
        let mut tx = self.read().await?;
        let found = invitations::select(&mut tx, "i.person_id = $1", person.0).await?;
        commit(tx, found).await
    }

    async fn group_invitations(&self, group: RoundGroupId) -> StoreResult<Vec<Invitation>> {
        let mut tx = self.read().await?;
        let found = invitations::select(&mut tx, "i.group_id = $1", group.0).await?;
        commit(tx, found).await
    }

    async fn invitation(&self, id: InvitationId) -> StoreResult<Invitation> {
        let mut tx = self.read().await?;
        let found = invitations::get(&mut tx, id).await?;
        commit(tx, found).await
    }

    async fn set_invitation_state(
        &self,
        id: InvitationId,
        person: PersonId,
        state: InvitationState,
    ) -> StoreResult<Invitation> {
        let mut tx = self.write().await?;
        let changed = invitations::set_state(&mut tx, id, person, state).await?;
        commit(tx, changed).await
    }

    async fn set_invitation_met(
        &self,
        id: InvitationId,
        person: PersonId,
        met: bool,
    ) -> StoreResult<Invitation> {
        let mut tx = self.write().await?;
        let changed = invitations::set_met(&mut tx, id, person, met).await?;
        commit(tx, changed).await
    }
}
