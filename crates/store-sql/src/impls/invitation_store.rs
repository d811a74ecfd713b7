//! The [`InvitationStore`] implementation, each method one transaction.

use async_trait::async_trait;
use hallway_domain::{InvitationId, PersonId, RoundGroupId};
use hallway_store::{
    Invitation, InvitationState, InvitationStore, NewRound, SavedRound, StoreResult,
};

use crate::backend::{commit, SqlStore};
use crate::{invitations, rounds};

#[async_trait]
impl InvitationStore for SqlStore {
    async fn save_round_with_invitations(&self, round: NewRound) -> StoreResult<SavedRound> {
        let mut tx = self.write().await?;
        let round = rounds::save(tx.conn(), &round).await?;
        let invitations = invitations::create_for(tx.conn(), &round).await?;
        commit(tx, SavedRound { round, invitations }).await
    }

    async fn invitations_of(&self, person: PersonId) -> StoreResult<Vec<Invitation>> {
        let mut tx = self.read().await?;
        let found = invitations::select(tx.conn(), "i.person_id = $1", person.0).await?;
        commit(tx, found).await
    }

    async fn group_invitations(&self, group: RoundGroupId) -> StoreResult<Vec<Invitation>> {
        let mut tx = self.read().await?;
        let found = invitations::select(tx.conn(), "i.group_id = $1", group.0).await?;
        commit(tx, found).await
    }

    async fn invitation(&self, id: InvitationId) -> StoreResult<Invitation> {
        let mut tx = self.read().await?;
        let found = invitations::get(tx.conn(), id).await?;
        commit(tx, found).await
    }

    async fn set_invitation_state(
        &self,
        id: InvitationId,
        person: PersonId,
        state: InvitationState,
    ) -> StoreResult<Invitation> {
        let mut tx = self.write().await?;
        let changed = invitations::set_state(tx.conn(), id, person, state).await?;
        commit(tx, changed).await
    }

    async fn set_invitation_met(
        &self,
        id: InvitationId,
        person: PersonId,
        met: bool,
    ) -> StoreResult<Invitation> {
        let mut tx = self.write().await?;
        let changed = invitations::set_met(tx.conn(), id, person, met).await?;
        commit(tx, changed).await
    }
}
