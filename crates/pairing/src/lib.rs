//! The serendipity engine: pairing rounds per circle, chosen by maximum-weight matching.
//!
//! A pure library — no I/O, no database, no web. The server loads a [`RoundRequest`] (people,
//! the coming cycle, settings, history, fairness records and pulse hints) and calls
//! [`plan_round`]; the [`RoundPlan`] lists groups with a proposed slot and one-line reasons, and
//! everyone who could not be placed with the reason why.
//!
//! Pipeline: [`roster`] (prepare) → [`weights`] (eligibility and explainable points) →
//! [`candidates`] (top-k sparsified graph) → [`matching`] (blossom, exact or in blocks) →
//! [`groups`] (trios, fours) → [`slots`] (meeting times in UTC and local time).
//!
//! ```
//! use chrono::NaiveDate;
//! use hallway_pairing::{plan_round, CircleSettings, Cycle, LocalSpan, Person, PersonId,
//!     RoundRequest, TeamId, WeeklyHours};
//!
//! let hours = WeeklyHours::weekdays(LocalSpan::hm(9, 0, 17, 0).unwrap());
//! let person = |id: &str, team: &str, zone: &str| Person {
//!     id: PersonId(id.into()),
//!     team: TeamId(team.into()),
//!     time_zone: zone.into(),
//!     working_hours: hours.clone(),
//!     ask_me_about: vec!["rust".into()],
//!     joined_on: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
//!     do_not_pair_with: vec![],
//! };
//! let request = RoundRequest {
//!     people: vec![
//!         person("ana", "design", "Europe/Lisbon"),
//!         person("bo", "platform", "America/New_York"),
//!         person("chen", "sales", "Europe/Berlin"),
//!     ],
//!     cycle: Cycle { start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(), days: 5 },
//!     settings: CircleSettings::default(),
//!     history: vec![],
//!     fairness: vec![],
//!     hints: Default::default(),
//! };
//! let plan = plan_round(&request).unwrap();
//! assert_eq!(plan.groups.len(), 1); // three people: one trio
//! let trio = &plan.groups[0];
//! assert_eq!(trio.members.len(), 3);
//! assert!(trio.reasons.contains("different teams"));
//! assert!(trio.slot.off_hours_for().is_empty());
//! ```

pub mod availability;
mod blocks;
pub mod blossom;
pub mod candidates;
pub mod groups;
pub mod matching;
pub mod model;
mod parallel;
pub mod plan;
mod regroup;
pub mod roster;
pub mod round;
pub mod slots;
pub mod synthetic;
pub mod weights;

pub use matching::{exact_matching, solve_matching, Matcher, Matching, SolveOptions, WeightedEdge};
pub use model::{
    CircleSettings, Cycle, FairnessRecord, GroupShape, LocalSpan, PastMeeting, Person, PersonBoost,
    PersonId, PulseHints, RoundRequest, TeamId, TeamPairBoost, WeeklyHours, WeightSettings,
};
pub use plan::{
    Group, MemberTime, PairingError, RoundPlan, RoundStats, Slot, Unpaired, UnpairedReason,
};
pub use round::{plan_round, plan_round_with, solver_instance};
