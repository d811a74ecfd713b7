//! Pulse's latest pairing priorities as the engine's hints: newcomers without a cross-team tie
//! and team pairs with no tie between them are weighted up. The hints carry no reason: what
//! pulse infers about a person is shown to nobody else, so they never reach the reasons line.

use std::collections::BTreeMap;

use hallway_pairing as pairing;
use hallway_store::{Person, Store};

/// Points for a person boost of weight 1 (a newcomer's own bonus is 40, a cross-team pair's 60).
pub const PERSON_POINTS: f64 = 80.0;
/// Points for a team-pair boost of weight 1.
pub const TEAM_PAIR_POINTS: f64 = 60.0;

/// Hints for the round's `people` (engine id → person) from the stored priorities.
pub async fn load(
    store: &dyn Store,
    people: &BTreeMap<String, Person>,
) -> Result<pairing::PulseHints, crate::RoundError> {
    if !store.pulse_enabled().await? {
        return Ok(pairing::PulseHints::default());
    }
    let stored = store.pairing_priorities().await?;
    let person_boosts = stored
        .people
        .iter()
        .filter(|(person, _)| people.contains_key(&person.0.to_string()))
        .map(|(person, weight)| pairing::PersonBoost {
            person: pairing::PersonId(person.0.to_string()),
            points: (weight * PERSON_POINTS).round() as i64,
        })
        .collect();
    let team_pair_boosts = stored
        .team_pairs
        .iter()
        .map(|(a, b, weight)| pairing::TeamPairBoost {
            team_a: pairing::TeamId(a.to_string()),
            team_b: pairing::TeamId(b.to_string()),
            points: (weight * TEAM_PAIR_POINTS).round() as i64,
        })
        .collect();
    Ok(pairing::PulseHints {
        person_boosts,
        team_pair_boosts,
    })
}
