//! Claims on scheduled rounds: with several nodes on one database, the node that claims a
//! circle's cycle is the only one that runs (and mails) its round.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use hallway_domain::CircleId;

use crate::StoreResult;

/// A node asking to run one circle's round for one cycle.
#[derive(Debug, Clone)]
pub struct RoundClaim {
    pub circle: CircleId,
    pub cycle_start: NaiveDate,
    /// Which node asks (for logs and the claim row; not personal data).
    pub node: String,
    pub at: DateTime<Utc>,
    /// An unfinished claim taken before this instant is abandoned (its node died mid-round)
    /// and may be taken over.
    pub stale_before: DateTime<Utc>,
}

/// The storage scheduled rounds need; part of every [`crate::Store`].
#[async_trait]
pub trait RoundClaimStore: Send + Sync {
    /// Takes the claim in one transaction. `true`: this node now holds it (nobody had, or the
    /// holder's unfinished claim is stale). `false`: another node holds a live claim or the round
    /// is finished. An unknown circle is `NotFound(Missing::Circle)`.
    async fn claim_round(&self, claim: &RoundClaim) -> StoreResult<bool>;
    /// Marks `node`'s claim finished (the round ran), so it is never taken again.
    async fn finish_round_claim(
        &self,
        circle: CircleId,
        cycle_start: NaiveDate,
        node: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
}
