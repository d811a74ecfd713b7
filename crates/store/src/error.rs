//! Storage errors. `NotFound` is first-class; an outage is never mistaken for it.

/// Why an invite could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteProblem {
    Expired,
    UsedUp,
    Revoked,
}

impl std::fmt::Display for InviteProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InviteProblem::Expired => "this invite link has expired",
            InviteProblem::UsedUp => "this invite link has already been used",
            InviteProblem::Revoked => "this invite link was revoked",
        })
    }
}

/// What a [`StoreError::NotFound`] did not find. Callers match on it (a missing room and a
/// missing message mean different things to a client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Missing {
    Person,
    Password,
    Team,
    Session,
    /// A sign-up link.
    Invite,
    SignInFailure,
    Room,
    RoomMember,
    RoomEvent,
    Message,
    Reaction,
    Status,
    ChatRequest,
    Circle,
    CircleMember,
    CircleExclusion,
    Round,
    RoundGroup,
    RoundClaim,
    /// A round invitation.
    Invitation,
    Note,
    SuggestionChoice,
    EvidenceChange,
    ImportMapping,
    ImportSettings,
    Interaction,
    PulseSnapshot,
    PulseSnapshotClaim,
    PulseChoice,
    PulseSettings,
    PairingPriorities,
    PersonOrTeam,
    CircleOrPerson,
}

impl Missing {
    /// The thing in words, as error messages name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Missing::Person => "person",
            Missing::Password => "password",
            Missing::Team => "team",
            Missing::Session => "session",
            Missing::Invite => "invite",
            Missing::SignInFailure => "sign-in failure",
            Missing::Room => "room",
            Missing::RoomMember => "room member",
            Missing::RoomEvent => "room event",
            Missing::Message => "message",
            Missing::Reaction => "reaction",
            Missing::Status => "status",
            Missing::ChatRequest => "chat request",
            Missing::Circle => "circle",
            Missing::CircleMember => "circle member",
            Missing::CircleExclusion => "circle exclusion",
            Missing::Round => "round",
            Missing::RoundGroup => "round group",
            Missing::RoundClaim => "round claim",
            Missing::Invitation => "invitation",
            Missing::Note => "note",
            Missing::SuggestionChoice => "suggestion choice",
            Missing::EvidenceChange => "evidence change",
            Missing::ImportMapping => "import mapping",
            Missing::ImportSettings => "import settings",
            Missing::Interaction => "interaction",
            Missing::PulseSnapshot => "pulse snapshot",
            Missing::PulseSnapshotClaim => "pulse snapshot claim",
            Missing::PulseChoice => "pulse choice",
            Missing::PulseSettings => "pulse settings",
            Missing::PairingPriorities => "pairing priorities",
            Missing::PersonOrTeam => "person or team",
            Missing::CircleOrPerson => "circle or person",
        }
    }
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(Missing),
    /// A uniqueness rule was broken, e.g. an email or team name already in use.
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invite(InviteProblem),
    /// Input the store refuses, naming the field (e.g. an interaction in the future).
    #[error("{0}")]
    Invalid(hallway_domain::Invalid),
    #[error("Hallway is already set up: an owner exists")]
    AlreadySetUp,
    /// The database could not be reached or failed; the source says why (logged, not shown).
    #[error("the database is unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Stored data that cannot be read back (a bug or manual tampering).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub fn unavailable(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        StoreError::Unavailable(Box::new(error))
    }
}
