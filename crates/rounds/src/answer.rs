//! The rules for answering an invitation: only one's own; another time must be in the future
//! and at most four hours long; "did you meet?" only once the meeting could have started.

use chrono::{DateTime, Duration, Utc};
use hallway_domain::{InvitationId, PersonId};
use hallway_store::{Interaction, InteractionKind, Invitation, InvitationState, Store, StoreError};

use crate::RoundError;

/// What a member answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Skip,
    ProposeTime {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// The answer to "did you meet?".
    Met(bool),
}

/// The longest meeting one may propose instead.
const LONGEST_PROPOSAL: Duration = Duration::hours(4);

/// Applies `person`'s answer to their invitation `id`; someone else's is `NotFound`.
pub async fn answer(
    store: &dyn Store,
    person: PersonId,
    id: InvitationId,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Invitation, RoundError> {
    let invitation = store.invitation(id).await?;
    if invitation.person != person {
        return Err(StoreError::NotFound(hallway_store::Missing::Invitation).into());
    }
    let state = match answer {
        Answer::Accept => InvitationState::Accepted,
        Answer::Skip => InvitationState::Skipped,
        Answer::ProposeTime { start, end } => {
            check_proposal(start, end, now)?;
            if start == invitation.slot_start && end == invitation.slot_end {
                return Err(RoundError::Answer(
                    "start: that is the time already planned; propose a different one or accept it"
                        .to_owned(),
                ));
            }
            InvitationState::ProposedOtherTime { start, end }
        }
        Answer::Met(met) => {
            let starts = match invitation.state {
                InvitationState::ProposedOtherTime { start, .. } => {
                    start.min(invitation.slot_start)
                }
                _ => invitation.slot_start,
            };
            if now < starts {
                return Err(RoundError::Answer(format!(
                    "met: the meeting starts at {} UTC; answer after it",
                    starts.format("%Y-%m-%d %H:%M")
                )));
            }
            let answered = store.set_invitation_met(id, person, met).await?;
            if met {
                record_meeting(store, &answered, starts, now).await?;
            }
            return Ok(answered);
        }
    };
    Ok(store.set_invitation_state(id, person, state).await?)
}

/// A meeting that happened is a tie for pulse (and history for the next rounds): one
/// interaction with each other member, keyed by the group, so both answers count once.
async fn record_meeting(
    store: &dyn Store,
    invitation: &Invitation,
    started: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), RoundError> {
    let met: Vec<Interaction> = invitation
        .group_members
        .iter()
        .filter(|other| **other != invitation.person)
        .map(|other| {
            let (a, b) = if invitation.person < *other {
                (invitation.person, *other)
            } else {
                (*other, invitation.person)
            };
            Interaction {
                at: started.min(now),
                a,
                b,
                kind: InteractionKind::PairingMet,
                weight: InteractionKind::PairingMet.default_weight(),
                source: format!("pairing-group-{}-{a}-{b}", invitation.group),
            }
        })
        .collect();
    store.record_interactions(&met, now).await?;
    Ok(())
}

fn check_proposal(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), RoundError> {
    if start <= now {
        return Err(RoundError::Answer(
            "start: the proposed time must be in the future".to_owned(),
        ));
    }
    if end <= start {
        return Err(RoundError::Answer(
            "end: the proposed end must be after its start".to_owned(),
        ));
    }
    if end - start > LONGEST_PROPOSAL {
        return Err(RoundError::Answer(
            "end: a proposed meeting may last at most 4 hours".to_owned(),
        ));
    }
    Ok(())
}
