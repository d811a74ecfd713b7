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
