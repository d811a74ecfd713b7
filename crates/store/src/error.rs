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

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
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
