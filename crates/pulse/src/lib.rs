//! Pulse: community health from interaction metadata, shown only as aggregates.
//!
//! Input is an [`Organisation`] (people, teams), [`Interaction`]s (time, two people, kind,
//! weight — never content) and [`Topic`]s. [`analyse`] turns them into an [`Analysis`]:
//! its [`Snapshot`] holds only aggregates over at least k people and is safe to store and
//! show; the analysis also feeds [`PairingPriorities`] to the pairing engine and answers
//! each person's private [`PersonalView`].

pub mod community;
pub mod config;
pub mod error;
pub mod graph;
pub mod model;
pub mod privacy;
pub mod render;

pub use community::{detect_communities, Algorithm, DetectionConfig, Partition};
pub use config::PulseConfig;
pub use error::PulseError;
pub use graph::WeightedGraph;
pub use model::{
    Interaction, InteractionKind, Organisation, Person, PersonId, Team, TeamId, Topic, TopicHolding,
};
pub use privacy::{Cell, Figures, GroupRow, GroupTable, SUPPRESSED_TEXT};

mod analysis;
mod metrics;
pub mod personal;
pub mod priorities;
pub mod snapshot;
pub mod synthetic;
mod ties;

pub use analysis::{analyse, analyse_weeks, Analysis};
pub use personal::PersonalView;
pub use priorities::{follow_up, FollowUpWeek, PairingPriorities, PersonBoost, TeamPairBoost};
pub use snapshot::{
    CommunityFigures, CurvePoint, FlowSummary, KnowledgeSummary, NewcomerSummary, SiloSummary,
    Snapshot, TeamFigures, TeamPairTies, TieSummary, TopicRow, TopicStatus,
};
