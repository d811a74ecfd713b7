//! Tunable rules: minimum group size, the tie rule, newcomer and quiet periods, detection seed.

use serde::{Deserialize, Serialize};

use crate::community::Algorithm;
use crate::error::PulseError;

/// The smallest minimum group size pulse accepts: no aggregate is ever shown over fewer people.
pub const MIN_GROUP_SIZE_FLOOR: usize = 5;

/// Settings for one pulse computation. `PulseConfig::default()` follows the product rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulseConfig {
    /// k: every figure about people is an aggregate over at least this many (never below 5).
    pub min_group_size: usize,
    /// A tie needs `tie_min_interactions` within this many days.
    pub tie_window_days: u32,
    /// Interactions needed inside the window for a tie.
    pub tie_min_interactions: u32,
    /// Half-life in days of an interaction's contribution to a tie's strength.
    pub tie_half_life_days: f64,
    /// People who joined within this many days are newcomers.
    pub newcomer_days: u32,
    /// A topic holder not active for this many days has gone quiet.
    pub quiet_after_days: u32,
    /// Community detection algorithm.
    pub algorithm: Algorithm,
    /// Seed for community detection (same seed, same input: same result).
    pub seed: u64,
    /// Most team pairs boosted in one set of pairing priorities.
    pub max_team_pair_boosts: usize,
}

impl Default for PulseConfig {
    fn default() -> Self {
        Self {
            min_group_size: MIN_GROUP_SIZE_FLOOR,
            tie_window_days: 28,
            tie_min_interactions: 2,
            tie_half_life_days: 14.0,
            newcomer_days: 60,
            quiet_after_days: 90,
            algorithm: Algorithm::Leiden,
            seed: 42,
            max_team_pair_boosts: 500,
        }
    }
}

impl PulseConfig {
    /// Refuses settings that would weaken privacy or make the rules meaningless.
    pub fn validate(&self) -> Result<(), PulseError> {
        if self.min_group_size < MIN_GROUP_SIZE_FLOOR {
            return Err(PulseError::GroupSizeTooSmall(self.min_group_size));
        }
        if self.tie_window_days == 0 {
            return Err(PulseError::InvalidConfig(
                "tie_window_days must be at least 1".into(),
            ));
        }
        if self.tie_min_interactions == 0 {
            return Err(PulseError::InvalidConfig(
                "tie_min_interactions must be at least 1".into(),
            ));
        }
        if !(self.tie_half_life_days.is_finite() && self.tie_half_life_days > 0.0) {
            return Err(PulseError::InvalidConfig(
                "tie_half_life_days must be positive".into(),
            ));
        }
        if self.newcomer_days == 0 {
            return Err(PulseError::InvalidConfig(
                "newcomer_days must be at least 1".into(),
            ));
        }
        Ok(())
    }
}
