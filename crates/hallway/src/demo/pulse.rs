//! The demo's pulse: the seeded voice, pairing and chat interactions of the last twelve weeks,
//! the replies and mentions of the demo conversation (by the same backfill imports use), and a
//! snapshot for each of those weeks — so every chart shows something that happened.

use chrono::{DateTime, Days, Utc};
use hallway_seed::{DemoInteractionKind, DemoOrg, DEMO_SEED, PULSE_WEEKS};
use hallway_store::{Interaction, InteractionKind, Store};

use crate::pulse::{backfill, weekly};

/// What seeding pulse stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeededPulse {
    pub interactions: u64,
    pub snapshots: usize,
}

/// Records the demo's interactions and takes the snapshots of the last [`PULSE_WEEKS`] weeks.
pub async fn seed_pulse(
    store: &dyn Store,
    org: &DemoOrg,
    now: DateTime<Utc>,
) -> anyhow::Result<SeededPulse> {
    let people = super::rooms::person_ids(store, org).await?;
    let seeded: Vec<Interaction> = hallway_seed::demo_interactions(org, now, DEMO_SEED)
        .into_iter()
        .map(|i| {
            let (a, b) = (people[i.a], people[i.b]);
            let (kind, weight) = match i.kind {
                DemoInteractionKind::Voice { minutes } => {
                    let scale = 1.0 + f64::from(minutes.clamp(3, 60) - 3) / 57.0;
                    (InteractionKind::Voice, 2.0 * scale)
                }
                DemoInteractionKind::PairingMet => (InteractionKind::PairingMet, 3.0),
                DemoInteractionKind::Chat => (InteractionKind::Chat, 2.0),
            };
            let source = format!(
                "demo:{}:{}:{}:{}",
                kind.as_str(),
                a.min(b),
                a.max(b),
                i.at.timestamp_millis()
            );
            Interaction {
                at: i.at,
                a,
                b,
                kind,
                weight,
                source,
            }
        })
        .collect();
    let mut interactions = 0;
    for chunk in seeded.chunks(500) {
        interactions += store.record_interactions(chunk, now).await?;
    }
    interactions += backfill::run(store).await?.recorded;
    let mut snapshots = 0;
    let last = weekly::last_full_week(now);
    for back in (0..PULSE_WEEKS as u64).rev() {
        let week = last - Days::new(7 * back);
        if let weekly::Outcome::Taken(_) = weekly::take(store, week, "demo", now).await? {
            snapshots += 1;
        }
    }
    Ok(SeededPulse {
        interactions,
        snapshots,
    })
}
