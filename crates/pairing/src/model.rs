//! Input types for one pairing round: the people of a circle, the coming cycle, the circle's
//! settings, what happened before (history and fairness) and hints from the pulse engine.
//!
//! Everything here is plain data the server loads from its store; the engine never does I/O.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Stable identifier of a person, as the caller spells it (a UUID string, a handle …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub String);

/// Identifier of a formal team.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TeamId(pub String);

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for TeamId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One stretch of working time on a weekday, in minutes after the person's local midnight:
/// `start_minute < end_minute <= 1440` (1440 is the end of the day, "24:00"), the same shape
/// as the domain's working-hours intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalSpan {
    pub start_minute: u16,
    pub end_minute: u16,
}

impl LocalSpan {
    /// A span in minutes after local midnight; `None` when empty or past 24:00.
    pub fn new(start_minute: u16, end_minute: u16) -> Option<Self> {
        (start_minute < end_minute && end_minute <= 1440).then_some(Self {
            start_minute,
            end_minute,
        })
    }

    /// A span from `start_hour:start_min` to `end_hour:end_min` (`24:00` allowed as the end).
    pub fn hm(start_hour: u32, start_min: u32, end_hour: u32, end_min: u32) -> Option<Self> {
        if start_min >= 60 || end_min >= 60 {
            return None;
        }
        let start = u16::try_from(start_hour * 60 + start_min).ok()?;
        let end = u16::try_from(end_hour * 60 + end_min).ok()?;
        Self::new(start, end)
    }

    /// True when the span is well formed (fields are public, so it is checked where used).
    pub fn is_valid(&self) -> bool {
        self.start_minute < self.end_minute && self.end_minute <= 1440
    }
}

/// Weekly working hours in local time; index 0 is Monday, 6 is Sunday.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeeklyHours {
    pub days: [Vec<LocalSpan>; 7],
}

impl WeeklyHours {
    /// The same span Monday to Friday, nothing at the weekend.
    pub fn weekdays(span: LocalSpan) -> Self {
        let mut days: [Vec<LocalSpan>; 7] = Default::default();
        for day in days.iter_mut().take(5) {
            day.push(span);
        }
        Self { days }
    }

    /// True when no day has any working time.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(|d| d.is_empty())
    }
}

/// A member of the circle as the engine sees them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub team: TeamId,
    /// IANA time zone name, e.g. `Europe/Berlin`. Unknown names are reported, not guessed.
    pub time_zone: String,
    pub working_hours: WeeklyHours,
    /// "Ask me about" tags; compared case-insensitively.
    pub ask_me_about: Vec<String>,
    /// First day in the company (drives the newcomer preference).
    pub joined_on: NaiveDate,
    /// Confidential "don't pair me with" list; respected in both directions, never revealed.
    pub do_not_pair_with: Vec<PersonId>,
}

/// The dates of the coming cycle: `days` consecutive days starting at `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    pub start: NaiveDate,
    pub days: u32,
}

/// How people are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupShape {
    /// Pairs; an odd person out joins the pair where they add most (a trio).
    Pairs,
    /// Groups of three or four, built from two levels of matching.
    SmallGroups,
}

/// Points used to build explainable weights. All weights are whole points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightSettings {
    /// Two people who never met.
    pub never_met: i64,
    /// Half-life of a past meeting: a meeting this many days ago gives back half of `never_met`.
    pub history_half_life_days: u32,
    /// Different formal teams.
    pub different_teams: i64,
    /// At least one shared "ask me about" tag.
    pub shared_tag: i64,
    /// Each newcomer (see `newcomer_days`) in the pair.
    pub newcomer: i64,
    /// A person counts as a newcomer for this many days after joining.
    pub newcomer_days: u32,
    /// Per person, per recent round they were left out.
    pub left_out_debt: i64,
    /// Per person, per off-hours slot carried above the circle's lowest count (capped at 5).
    pub off_hours_debt: i64,
    /// Per full hour of the longest common window (capped at 4 hours).
    pub overlap_per_hour: i64,
}

impl Default for WeightSettings {
    fn default() -> Self {
        Self {
            never_met: 150,
            history_half_life_days: 365,
            different_teams: 60,
            shared_tag: 30,
            newcomer: 40,
            newcomer_days: 60,
            left_out_debt: 80,
            off_hours_debt: 15,
            overlap_per_hour: 3,
        }
    }
}

/// Settings of one circle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CircleSettings {
    /// Two people who met within this many days before the cycle are not paired again.
    pub cooldown_days: u32,
    /// Length of the proposed meeting.
    pub meeting_minutes: u32,
    /// Minimum common working time on one day for a pair to be eligible.
    pub min_overlap_minutes: u32,
    pub shape: GroupShape,
    /// Sparsification: the best `candidates_per_person` eligible partners of each person are kept.
    pub candidates_per_person: usize,
    /// Seed for tie-breaking and sampling; the same input and seed give the same round.
    pub seed: u64,
    pub weights: WeightSettings,
}

impl Default for CircleSettings {
    fn default() -> Self {
        Self {
            cooldown_days: 90,
            meeting_minutes: 30,
            min_overlap_minutes: 30,
            shape: GroupShape::Pairs,
            candidates_per_person: 12,
            seed: 0,
            weights: WeightSettings::default(),
        }
    }
}

/// Two people met (in a previous round or otherwise) on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastMeeting {
    pub a: PersonId,
    pub b: PersonId,
    pub on: NaiveDate,
}

/// What fairness owes a person, as counted by the caller from past rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FairnessRecord {
    pub person: PersonId,
    /// Rounds this person was left out among the recent ones (the caller picks the window).
    pub recent_rounds_left_out: u32,
    /// Off-hours slots this person has carried so far.
    pub off_hours_slots: u32,
}

/// Pulse hint: raise everyone's weights towards this person (e.g. a newcomer with no
/// cross-team tie). It carries no reason: what pulse infers about a person is never shown to
/// anyone else, so a boost steers the matching without ever appearing in the reasons line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonBoost {
    pub person: PersonId,
    pub points: i64,
}

/// Pulse hint: raise weights of pairs across these two teams (e.g. teams with no ties). Like a
/// person boost it is never explained in the reasons line (a small team's ties are about a few
/// people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPairBoost {
    pub team_a: TeamId,
    pub team_b: TeamId,
    pub points: i64,
}

/// Everything the pulse engine feeds back into pairing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulseHints {
    pub person_boosts: Vec<PersonBoost>,
    pub team_pair_boosts: Vec<TeamPairBoost>,
}

/// One round to plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoundRequest {
    pub people: Vec<Person>,
    pub cycle: Cycle,
    pub settings: CircleSettings,
    pub history: Vec<PastMeeting>,
    pub fairness: Vec<FairnessRecord>,
    pub hints: PulseHints,
}
