//! Output of a round: groups with a proposed slot and one-line reasons, and everyone who could
//! not be placed with the reason why. Nobody disappears silently.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::PersonId;

/// A member's view of the proposed slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberTime {
    pub person: PersonId,
    pub time_zone: String,
    pub local_start: NaiveDateTime,
    /// True when the slot falls outside this member's working hours.
    pub off_hours: bool,
}

/// The proposed meeting time of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    pub members: Vec<MemberTime>,
}

impl Slot {
    /// People for whom the slot is outside working hours (empty unless no in-hours slot existed).
    pub fn off_hours_for(&self) -> Vec<PersonId> {
        self.members
            .iter()
            .filter(|m| m.off_hours)
            .map(|m| m.person.clone())
            .collect()
    }
}

/// One group of the round (a pair, a trio, or a group of four).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub members: Vec<PersonId>,
    pub slot: Slot,
    /// Sum of the explainable pair weights inside the group, in points.
    pub weight: i64,
    /// One line, e.g. "different teams; 2 h overlap Tue 15:00-17:00 UTC; never met".
    pub reasons: String,
}

/// Why someone is not in any group this round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnpairedReason {
    /// The time zone name is not a known IANA zone.
    UnknownTimeZone { zone: String },
    /// No working hours fall on any day of the cycle.
    NoWorkingHours,
    /// Nobody's working hours overlap theirs by the minimum on any day of the cycle.
    NoOverlappingHours,
    /// Everyone with overlapping hours is on a confidential don't-pair list (theirs or the other's).
    ExcludedEveryone,
    /// Everyone with overlapping hours was met within the circle's cooldown.
    MetEveryoneRecently,
    /// Everyone with overlapping hours is excluded or was met within the cooldown.
    ExcludedOrMetEveryone,
    /// Eligible partners exist but all were placed in groups this person could not join.
    NoPartnerLeft,
    /// Listed twice in the circle; the first entry is used.
    DuplicatePerson,
    /// The group found for them had no meeting time at all.
    NoMeetingTime,
}

impl std::fmt::Display for UnpairedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownTimeZone { zone } => write!(f, "unknown or invalid time zone {zone:?}"),
            Self::NoWorkingHours => f.write_str("no working hours on any day of the cycle"),
            Self::NoOverlappingHours => {
                f.write_str("no overlapping working hours with anyone in the circle")
            }
            Self::ExcludedEveryone => {
                f.write_str("everyone with overlapping hours is on a don't-pair list")
            }
            Self::MetEveryoneRecently => {
                f.write_str("met everyone with overlapping hours within the cooldown")
            }
            Self::ExcludedOrMetEveryone => f.write_str(
                "everyone with overlapping hours is on a don't-pair list or was met within the cooldown",
            ),
            Self::NoPartnerLeft => {
                f.write_str("every eligible partner was already placed in a full group")
            }
            Self::DuplicatePerson => f.write_str("listed twice in the circle"),
            Self::NoMeetingTime => f.write_str("no meeting time found for their group"),
        }
    }
}

/// A person left out of the round, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unpaired {
    pub person: PersonId,
    pub reason: UnpairedReason,
}

/// Figures about how the round was solved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundStats {
    pub people: usize,
    pub candidate_edges: usize,
    /// True when every connected component of the candidate graph was solved exactly (large
    /// circles are searched in blocks, each its own component, so this is usually true).
    pub exact: bool,
}

/// The planned round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundPlan {
    pub groups: Vec<Group>,
    pub unpaired: Vec<Unpaired>,
    pub total_weight: i64,
    pub stats: RoundStats,
}

impl RoundPlan {
    /// Every two people who meet in this round, as history for the next rounds (feed them back
    /// in [`crate::RoundRequest::history`] with the date the meetings happen).
    pub fn meetings(&self, on: chrono::NaiveDate) -> Vec<crate::model::PastMeeting> {
        let mut out = Vec::new();
        for g in &self.groups {
            for (i, a) in g.members.iter().enumerate() {
                for b in &g.members[i + 1..] {
                    out.push(crate::model::PastMeeting {
                        a: a.clone(),
                        b: b.clone(),
                        on,
                    });
                }
            }
        }
        out
    }

    /// People whose proposed slot is outside their working hours (to count in fairness records).
    pub fn off_hours_people(&self) -> Vec<PersonId> {
        self.groups
            .iter()
            .flat_map(|g| g.slot.off_hours_for())
            .collect()
    }
}

/// A round that cannot be planned at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    #[error("fewer than two eligible people in the circle ({eligible} eligible)")]
    TooFewEligible {
        eligible: usize,
        unpaired: Vec<Unpaired>,
    },
    #[error("invalid circle settings: {0}")]
    InvalidSettings(String),
}
