//! Errors raised by pulse: every one names what is wrong so a caller can fix its input.

use chrono::{DateTime, Utc};

use crate::model::{PersonId, TeamId};

/// Why a pulse computation was refused. Nothing is half-computed: an error means no result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PulseError {
    /// The organisation has no people, so there is nothing to measure.
    #[error("the organisation is empty: pulse needs at least one person")]
    EmptyOrganisation,
    /// The same person id appears twice in the organisation.
    #[error("person {0} is listed twice in the organisation")]
    DuplicatePerson(PersonId),
    /// The same team id appears twice in the organisation.
    #[error("team {0} is listed twice in the organisation")]
    DuplicateTeam(TeamId),
    /// A person belongs to a team that is not in the organisation.
    #[error("person {person} belongs to team {team}, which is not in the organisation")]
    UnknownTeam { person: PersonId, team: TeamId },
    /// An interaction names someone who is not in the organisation.
    #[error("interaction #{index} names person {person}, who is not in the organisation")]
    UnknownPerson { index: usize, person: PersonId },
    /// An interaction is dated after the moment the snapshot is taken.
    #[error("interaction #{index} is dated {at}, after the snapshot time {as_of}")]
    FutureInteraction {
        index: usize,
        at: DateTime<Utc>,
        as_of: DateTime<Utc>,
    },
    /// An interaction links a person with themselves.
    #[error("interaction #{index} links person {person} with themselves")]
    SelfInteraction { index: usize, person: PersonId },
    /// An interaction weight is zero, negative or not a number.
    #[error("interaction #{index} has weight {weight}; weights must be positive and finite")]
    InvalidWeight { index: usize, weight: f32 },
    /// A personal view was asked for someone who is not in the analysed organisation.
    #[error("person {0} is not in this organisation")]
    NotInOrganisation(PersonId),
    /// A topic names a holder who is not in the organisation.
    #[error("topic {topic:?} names holder {person}, who is not in the organisation")]
    UnknownTopicHolder { topic: String, person: PersonId },
    /// The minimum group size is below the floor of 5.
    #[error("minimum group size {0} is too small: it must be at least 5")]
    GroupSizeTooSmall(usize),
    /// A configuration value is out of range.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// A graph edge names a node outside the graph.
    #[error("edge ({a}, {b}) names a node outside a graph of {nodes} nodes")]
    EdgeOutOfRange { a: u32, b: u32, nodes: usize },
    /// A graph edge weight is zero, negative or not a number.
    #[error("edge ({a}, {b}) has weight {weight}; weights must be positive and finite")]
    InvalidEdgeWeight { a: u32, b: u32, weight: f64 },
    /// Two label lists that should describe the same nodes differ in length.
    #[error("label lists differ in length: {0} and {1}")]
    LabelLengthMismatch(usize, usize),
}
