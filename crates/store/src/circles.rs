//! Circle records: circles, their members (with the confidential don't-pair list) and the
//! pairing rounds they ran.

use chrono::{DateTime, NaiveDate, Utc};
use hallway_domain::{Cadence, CircleId, CircleName, CircleShape, PersonId, RoundId, TeamId};
use serde::Serialize;

/// A circle to create.
#[derive(Debug, Clone)]
pub struct NewCircle {
    pub name: CircleName,
    pub description: String,
    pub cadence: Cadence,
    pub shape: CircleShape,
    pub cooldown_days: u32,
    pub created_by: Option<PersonId>,
    /// Who may join: `None` for everyone, or the members of this team.
    pub team: Option<TeamId>,
}

/// A circle as stored; `created_by` is cleared when that person's account is deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Circle {
    pub id: CircleId,
    pub name: CircleName,
    pub description: String,
    pub cadence: Cadence,
    pub shape: CircleShape,
    pub cooldown_days: u32,
    pub created_by: Option<PersonId>,
    /// Who may join: `None` for everyone, or the members of this team.
    pub team: Option<TeamId>,
}

/// What a member chose for one circle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberSettings {
    pub opted_in: bool,
    /// Left out of rounds whose cycle starts before this date.
    pub snoozed_until: Option<NaiveDate>,
    pub preferred_frequency: Option<Cadence>,
}

impl MemberSettings {
    /// Opted in, not snoozed, the circle's own cadence.
    pub fn joined() -> Self {
        Self {
            opted_in: true,
            snoozed_until: None,
            preferred_frequency: None,
        }
    }
}

/// A member of a circle with their confidential "don't pair me with" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CircleMember {
    pub circle: CircleId,
    pub person: PersonId,
    pub settings: MemberSettings,
    pub do_not_pair_with: Vec<PersonId>,
}

/// One group of a round: its members, the proposed slot and the reasons line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundGroup {
    pub members: Vec<PersonId>,
    pub slot_start: DateTime<Utc>,
    pub slot_end: DateTime<Utc>,
    pub reasons: String,
}

/// Someone the round could not place, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundUnpaired {
    pub person: PersonId,
    pub reason: String,
}

/// A round to save; at most one per circle and cycle start.
#[derive(Debug, Clone)]
pub struct NewRound {
    pub circle: CircleId,
    pub cycle_start: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub seed: u64,
    pub groups: Vec<RoundGroup>,
    pub unpaired: Vec<RoundUnpaired>,
}

/// A stored round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    pub id: RoundId,
    pub circle: CircleId,
    pub cycle_start: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub seed: u64,
    pub groups: Vec<RoundGroup>,
    pub unpaired: Vec<RoundUnpaired>,
}

/// A person's membership of one circle, as their export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CircleMembershipExport {
    pub circle: String,
    pub settings: MemberSettings,
    pub do_not_pair_with: Vec<PersonId>,
}
