//! Pulse: community health from interaction metadata, shown only as aggregates.
//!
//! Input is an [`Organisation`] (people, teams), [`Interaction`]s (time, two people, kind,
//! weight — never content) and [`Topic`]s. [`analyse`] turns them into an [`Analysis`]:
//! its [`Snapshot`] holds only aggregates over at least k people and is safe to store and
//! show; the analysis also feeds [`PairingPriorities`] to the pairing engine and answers
//! each person's private [`PersonalView`].
//!
//! ```
//! use chrono::{Duration, TimeZone, Utc};
//! use hallway_pulse::{
//!     analyse, render, Interaction, InteractionKind, Organisation, Person, PersonId,
//!     PulseConfig, Team, TeamId,
//! };
//! # fn main() -> Result<(), hallway_pulse::PulseError> {
//! let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).single().unwrap_or_default();
//! let teams = vec![
//!     Team { id: TeamId(0), name: "Platform".into() },
//!     Team { id: TeamId(1), name: "Design".into() },
//! ];
//! let people = (0..12)
//!     .map(|i| Person {
//!         id: PersonId(i),
//!         team: TeamId((i % 2) as u32),
//!         joined: now - Duration::days(400),
//!         left: None,
//!     })
//!     .collect();
//! let org = Organisation::new(teams, people)?;
//! let chat = |a, b, days| Interaction {
//!     at: now - Duration::days(days),
//!     a: PersonId(a),
//!     b: PersonId(b),
//!     kind: InteractionKind::Chat,
//!     weight: 1.0,
//! };
//! let interactions = vec![chat(0, 1, 2), chat(0, 1, 9), chat(2, 4, 1), chat(2, 4, 3)];
//! let analysis = analyse(&org, &interactions, &[], now, &PulseConfig::default())?;
//! assert_eq!(analysis.snapshot.ties.total.shown(), Some(&2));
//! println!("{}", render::text(&analysis.snapshot));
//! let boosts = analysis.pairing_priorities(); // for the pairing engine, never shown
//! let mine = analysis.personal_view(PersonId(0))?; // for person 0 only
//! assert_eq!(mine.teams_bridged, vec!["Design".to_string()]);
//! # let _ = boosts;
//! # Ok(())
//! # }
//! ```

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
    Interaction, InteractionKind, Organisation, Person, PersonId, Team, TeamId, Topic,
    TopicHolding, MIN_VOICE_MINUTES,
};
pub use privacy::{Cell, Figures, GroupRow, GroupTable, SUPPRESSED_TEXT};

mod analysis;
mod metrics;
pub mod personal;
pub mod priorities;
pub mod snapshot;
pub mod synthetic;
mod ties;
pub mod trends;

pub use analysis::{analyse, analyse_weeks, Analysis};
pub use personal::PersonalView;
pub use priorities::{follow_up, FollowUpWeek, PairingPriorities, PersonBoost, TeamPairBoost};
pub use snapshot::{
    CommunityFigures, CurvePoint, FlowSummary, KnowledgeSummary, NewcomerSummary, SiloSummary,
    Snapshot, TeamFigures, TeamPairTies, TieSummary, TopicRow, TopicStatus, PRIVACY_RULES,
};
pub use trends::{week_changes, WeekChange};
