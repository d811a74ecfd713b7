//! Records for pulse (community health): interactions (metadata only, never text), weekly
//! snapshots (aggregates, stored once per week), the latest pairing priorities (ids, for the
//! pairing engine only), each person's "left pulse" choice and the organisation-wide switch.
//!
//! Recording is idempotent per source key ("reply:<message id>", "voice:<room>:<a>:<b>:<start>"):
//! recording the same key twice stores it once. Interactions of people who left pulse, and any
//! interaction while pulse is off, are never stored. Leaving pulse forgets what was recorded.

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hallway_domain::{Invalid, PersonId, TeamId};
use serde::{Deserialize, Serialize};

use crate::{StoreError, StoreResult};

/// The heaviest weight one interaction may carry.
pub const MAX_INTERACTION_WEIGHT: f64 = 10.0;
/// How far ahead of "now" an interaction's time may be (clock skew between nodes).
pub const INTERACTION_CLOCK_SKEW: Duration = Duration::seconds(60);

/// What kind of contact an interaction records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// A reply to someone else's message in a room both can read.
    Reply,
    /// An @mention in a room both can read.
    Mention,
    /// Time together in a room's voice (a few minutes or more).
    Voice,
    /// A pairing that met.
    PairingMet,
    /// A 9-minute chat.
    Chat,
}

impl InteractionKind {
    /// The suggested weight of one interaction of this kind (a mention counts half a reply;
    /// voice and a chat twice; a pairing that met three times).
    pub fn default_weight(self) -> f64 {
        match self {
            InteractionKind::Mention => 0.5,
            InteractionKind::Reply => 1.0,
            InteractionKind::Voice | InteractionKind::Chat => 2.0,
            InteractionKind::PairingMet => 3.0,
        }
    }

    pub const ALL: [InteractionKind; 5] = [
        InteractionKind::Reply,
        InteractionKind::Mention,
        InteractionKind::Voice,
        InteractionKind::PairingMet,
        InteractionKind::Chat,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::Reply => "reply",
            InteractionKind::Mention => "mention",
            InteractionKind::Voice => "voice",
            InteractionKind::PairingMet => "pairing_met",
            InteractionKind::Chat => "chat",
        }
    }

    pub fn parse(text: &str) -> StoreResult<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown interaction kind {text:?}")))
    }
}

/// One contact between two people: when, who, what kind, how much it counts, and the key of
/// what it came from (so recording it again changes nothing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    pub at: DateTime<Utc>,
    pub a: PersonId,
    pub b: PersonId,
    pub kind: InteractionKind,
    pub weight: f64,
    pub source: String,
}

impl Interaction {
    /// Refuses an interaction that cannot be true: one person with themselves, a time after
    /// `now`, a weight outside `0 < w <= 10`, an empty or overlong source key.
    pub fn check(&self, now: DateTime<Utc>) -> StoreResult<()> {
        let invalid = |field, message: &str| Err(StoreError::Invalid(Invalid::new(field, message)));
        if self.a == self.b {
            return invalid("b", "an interaction needs two different people");
        }
        if self.at > now + INTERACTION_CLOCK_SKEW {
            return invalid("at", "is in the future");
        }
        if !(self.weight > 0.0 && self.weight <= MAX_INTERACTION_WEIGHT) {
            return invalid("weight", "must be above 0 and at most 10");
        }
        if self.source.trim().is_empty() || self.source.len() > 200 {
            return invalid("source", "must be 1 to 200 characters");
        }
        Ok(())
    }
}

/// A week's snapshot: the engine's privacy-suppressed `Snapshot` as JSON (aggregates only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulseSnapshot {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub computed_at: DateTime<Utc>,
    pub snapshot: serde_json::Value,
}

/// Boosts for the pairing engine from the latest snapshot. Never shown to anyone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairingPriorities {
    /// The week of the snapshot they came from (`None` before the first one).
    pub week: Option<NaiveDate>,
    pub people: Vec<(PersonId, f64)>,
    pub team_pairs: Vec<(TeamId, TeamId, f64)>,
}

/// What the export holds about a person's part in pulse.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct PulseExport {
    pub left_pulse: bool,
    /// Interactions they are part of, oldest first.
    pub interactions: Vec<Interaction>,
}

/// The storage pulse needs; part of every [`crate::Store`].
#[async_trait]
pub trait PulseStore: Send + Sync {
    // Interactions
    /// Records interactions in one transaction, each checked ([`Interaction::check`]) first:
    /// one bad interaction refuses the batch, an unknown person is `NotFound(Missing::Person)`.
    /// Already-recorded source keys, people who left pulse and everything while pulse is off
    /// are skipped. Returns how many were stored.
    async fn record_interactions(
        &self,
        interactions: &[Interaction],
        now: DateTime<Utc>,
    ) -> StoreResult<u64>;
    /// Interactions with `from <= at < to`, oldest first.
    async fn interactions(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<Interaction>>;

    // Weekly snapshots
    /// Claims the right to compute `week`'s snapshot for `node`: `false` when the week is
    /// stored or another node claimed it less than `stale_after` ago.
    async fn claim_pulse_snapshot(
        &self,
        week: NaiveDate,
        node: &str,
        now: DateTime<Utc>,
        stale_after: Duration,
    ) -> StoreResult<bool>;
    /// Stores a week's snapshot (and ends its claim); a second one for the week is `Conflict`.
    async fn save_pulse_snapshot(&self, snapshot: &PulseSnapshot) -> StoreResult<()>;
    /// A stored week; `NotFound(Missing::PulseSnapshot)` when none.
    async fn pulse_snapshot(&self, week: NaiveDate) -> StoreResult<PulseSnapshot>;
    /// Every stored snapshot, oldest week first.
    async fn pulse_snapshots(&self) -> StoreResult<Vec<PulseSnapshot>>;

    // Pairing priorities (the latest only)
    /// Replaces the stored priorities; an unknown person or team is `NotFound`.
    async fn save_pairing_priorities(&self, priorities: &PairingPriorities) -> StoreResult<()>;
    async fn pairing_priorities(&self) -> StoreResult<PairingPriorities>;

    // Choices
    /// Whether the person left pulse; unknown person is `NotFound(Missing::Person)`.
    async fn left_pulse(&self, person: PersonId) -> StoreResult<bool>;
    /// Leaves (forgetting their interactions and priority) or rejoins pulse.
    async fn set_left_pulse(&self, person: PersonId, left: bool) -> StoreResult<()>;
    /// Everyone who left pulse.
    async fn pulse_leavers(&self) -> StoreResult<Vec<PersonId>>;
    /// Whether pulse is on for the organisation (on unless switched off).
    async fn pulse_enabled(&self) -> StoreResult<bool>;
    async fn set_pulse_enabled(&self, enabled: bool) -> StoreResult<()>;
}
