//! The tie rule: two people have a tie when they interacted at least `tie_min_interactions`
//! times within the last `tie_window_days`. Ties decay: a tie's strength sums its
//! interactions' weights halved every `tie_half_life_days`, and the tie lapses once too few
//! interactions remain in the window. The same rule a week earlier gives last week's ties,
//! so the weekly flow (new and lapsed ties) comes from one pass.

use chrono::{DateTime, Duration, Utc};

use crate::config::PulseConfig;
use crate::error::PulseError;
use crate::model::{Interaction, InteractionKind, Organisation};

const WEEK_SECONDS: i64 = 7 * 24 * 3600;

/// Activity of one pair of people in this week's window and last week's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PairActivity {
    pub a: u32,
    pub b: u32,
    /// Interactions in the window ending at the snapshot time.
    pub now_count: u32,
    /// Interactions in the window ending one week earlier.
    pub previous_count: u32,
    /// Decayed weight of the interactions in the current window.
    pub strength: f64,
    /// A pairing met within the current window.
    pub pairing_now: bool,
    /// A pairing met within last week's window.
    pub pairing_previous: bool,
}

impl PairActivity {
    /// Whether the pair has a tie now.
    pub fn is_tie(&self, config: &PulseConfig) -> bool {
        self.now_count >= config.tie_min_interactions
    }

    /// Whether the pair had a tie a week ago.
    pub fn was_tie(&self, config: &PulseConfig) -> bool {
        self.previous_count >= config.tie_min_interactions
    }
}

/// One interaction inside the windows, reduced to what the rule needs.
#[derive(Clone, Copy)]
struct Record {
    key: u64,
    at: i64,
    weight: f32,
    pairing: bool,
}

/// Checks every interaction and groups those inside the windows by pair.
/// What to do with interactions dated after the snapshot time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Later {
    /// Refuse them: a snapshot of "now" cannot contain the future.
    Reject,
    /// Skip them: a snapshot of a past week, from a history checked up to a later time.
    Ignore,
}

pub(crate) fn pair_activity(
    org: &Organisation,
    interactions: &[Interaction],
    as_of: DateTime<Utc>,
    config: &PulseConfig,
    later: Later,
) -> Result<Vec<PairActivity>, PulseError> {
    let window = i64::from(config.tie_window_days) * 24 * 3600;
    let end = as_of.timestamp();
    let earliest = as_of - Duration::seconds(window + WEEK_SECONDS);
    let mut records = Vec::new();
    for (index, interaction) in interactions.iter().enumerate() {
        if later == Later::Ignore && interaction.at > as_of {
            continue;
        }
        let (a, b) = check(org, index, interaction, as_of)?;
        if interaction.at > earliest {
            let (low, high) = (a.min(b), a.max(b));
            records.push(Record {
                key: (u64::from(low) << 32) | u64::from(high),
                at: interaction.at.timestamp(),
                weight: interaction.weight,
                pairing: interaction.kind == InteractionKind::PairingMet,
            });
        }
    }
    records.sort_unstable_by_key(|r| r.key);
    let decay = std::f64::consts::LN_2 / (config.tie_half_life_days * 24.0 * 3600.0);
    let mut pairs: Vec<PairActivity> = Vec::new();
    for record in records {
        let (a, b) = ((record.key >> 32) as u32, record.key as u32);
        if pairs.last().is_none_or(|p| (p.a, p.b) != (a, b)) {
            pairs.push(PairActivity {
                a,
                b,
                now_count: 0,
                previous_count: 0,
                strength: 0.0,
                pairing_now: false,
                pairing_previous: false,
            });
        }
        let Some(pair) = pairs.last_mut() else {
            continue;
        };
        let age = end - record.at;
        if age < window {
            pair.now_count += 1;
            pair.strength += f64::from(record.weight) * (-(age as f64) * decay).exp();
            pair.pairing_now |= record.pairing;
        }
        if age >= WEEK_SECONDS && age < WEEK_SECONDS + window {
            pair.previous_count += 1;
            pair.pairing_previous |= record.pairing;
        }
    }
    Ok(pairs)
}

/// Validates one interaction and returns its people's dense indexes.
fn check(
    org: &Organisation,
    index: usize,
    interaction: &Interaction,
    as_of: DateTime<Utc>,
) -> Result<(u32, u32), PulseError> {
    let a = org
        .index_of(interaction.a)
        .ok_or(PulseError::UnknownPerson {
            index,
            person: interaction.a,
        })?;
    let b = org
        .index_of(interaction.b)
        .ok_or(PulseError::UnknownPerson {
            index,
            person: interaction.b,
        })?;
    if a == b {
        return Err(PulseError::SelfInteraction {
            index,
            person: interaction.a,
        });
    }
    if interaction.at > as_of {
        return Err(PulseError::FutureInteraction {
            index,
            at: interaction.at,
            as_of,
        });
    }
    if !(interaction.weight.is_finite() && interaction.weight > 0.0) {
        return Err(PulseError::InvalidWeight {
            index,
            weight: interaction.weight,
        });
    }
    Ok((a, b))
}
