//! Invitations from pairing rounds: one per member of each group, with that member's answer
//! (accept, skip, propose another time) and, after the slot, whether the group met.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use hallway_domain::{CircleId, InvitationId, PersonId, RoundGroupId, RoundId};
use serde::Serialize;

use crate::{NewRound, Round, StoreResult};

/// A member's answer to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Accepted,
    Skipped,
    /// The member asked for another time; the others in the group see it.
    ProposedOtherTime {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
}

impl InvitationState {
    /// The stored name of the state.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Skipped => "skipped",
            Self::ProposedOtherTime { .. } => "proposed_other_time",
        }
    }
}

/// One person's invitation to meet their group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub id: InvitationId,
    pub circle: CircleId,
    pub circle_name: String,
    pub round: RoundId,
    pub cycle_start: NaiveDate,
    pub group: RoundGroupId,
    /// Whose invitation this is.
    pub person: PersonId,
    /// Everyone in the group, this person included, in the round's order.
    pub group_members: Vec<PersonId>,
    pub slot_start: DateTime<Utc>,
    pub slot_end: DateTime<Utc>,
    pub reasons: String,
    #[serde(flatten)]
    pub state: InvitationState,
    /// The answer to "did you meet?", once given.
    pub met: Option<bool>,
}

/// A round saved together with the invitations it created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedRound {
    pub round: Round,
    pub invitations: Vec<Invitation>,
}

/// The storage for invitations; part of every [`crate::Store`].
#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// Saves a round (like [`crate::Store::save_round`]) and one pending invitation per member
    /// of each group, in one transaction; a second round for the same cycle is `Conflict`.
    async fn save_round_with_invitations(&self, round: NewRound) -> StoreResult<SavedRound>;
    /// A person's invitations, newest slot first.
    async fn invitations_of(&self, person: PersonId) -> StoreResult<Vec<Invitation>>;
    /// The invitations of everyone in a group.
    async fn group_invitations(&self, group: RoundGroupId) -> StoreResult<Vec<Invitation>>;
    /// One invitation; `NotFound(Missing::Invitation)` when missing.
    async fn invitation(&self, id: InvitationId) -> StoreResult<Invitation>;
    /// Sets the person's answer; an invitation that is not theirs is `NotFound(Missing::Invitation)`.
    async fn set_invitation_state(
        &self,
        id: InvitationId,
        person: PersonId,
        state: InvitationState,
    ) -> StoreResult<Invitation>;
    /// Records the person's answer to "did you meet?"; not theirs is `NotFound(Missing::Invitation)`.
    async fn set_invitation_met(
        &self,
        id: InvitationId,
        person: PersonId,
        met: bool,
    ) -> StoreResult<Invitation>;
}
