//! The demo's interactions beyond its messages, over the last [`PULSE_WEEKS`] weeks: voice
//! calls among each team's main members every week, people with a second team talking to it now and then, and
//! fortnightly pairing rounds from [`PAIRING_STARTED_WEEKS_AGO`] weeks ago whose pairs meet and
//! often follow up with a chat — so cross-team ties rise after the rounds start, and whoever
//! joined after the last round has no cross-team tie yet. Pure and deterministic.

use chrono::{DateTime, Duration, Utc};

use crate::org::DemoOrg;
use crate::rng::Rng;
use hallway_domain::Role;

/// How many weeks of interactions the demo has.
pub const PULSE_WEEKS: i64 = 12;
/// When the demo's pairing rounds began (every two weeks since).
pub const PAIRING_STARTED_WEEKS_AGO: i64 = 6;

/// What kind of contact (replies and mentions come from the demo's messages instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoInteractionKind {
    /// Time together in a room's voice, for `minutes`.
    Voice {
        minutes: u32,
    },
    PairingMet,
    Chat,
}

/// One contact between two people of [`DemoOrg::people`] (by index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoInteraction {
    pub at: DateTime<Utc>,
    pub a: usize,
    pub b: usize,
    pub kind: DemoInteractionKind,
}

fn joined_by(org: &DemoOrg, person: usize, days_ago: i64) -> bool {
    i64::from(org.people[person].joined_days_ago) > days_ago
}

fn main_team(org: &DemoOrg, person: usize) -> Option<usize> {
    org.people[person].team_indices.first().copied()
}

/// The demo's voice, pairing and chat interactions up to `now`, oldest first.
pub fn demo_interactions(org: &DemoOrg, now: DateTime<Utc>, seed: u64) -> Vec<DemoInteraction> {
    let mut rng = Rng::new(seed ^ 0x0070_756c_7365);
    let mut out = Vec::new();
    let at = |days_ago: i64, hour: i64| now - Duration::days(days_ago) - Duration::hours(hour);
    for week in (1..=PULSE_WEEKS).rev() {
        let week_days = week * 7;
        // Team calls: three a week per team, three or four people each.
        for team in 0..org.teams.len() {
            let members: Vec<usize> = (0..org.people.len())
                .filter(|&p| main_team(org, p) == Some(team))
                .collect();
            for call in 0..3 {
                let days_ago = week_days - 1 - 2 * call;
                let mut present: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&p| joined_by(org, p, days_ago) && !rng.chance(40))
                    .collect();
                present.truncate(4);
                let minutes = 10 + rng.below(30) as u32;
                for (i, &a) in present.iter().enumerate() {
                    for &b in &present[i + 1..] {
                        out.push(DemoInteraction {
                            at: at(days_ago, 3),
                            a,
                            b,
                            kind: DemoInteractionKind::Voice { minutes },
                        });
                    }
                }
            }
        }
        // People in a second team now and then chat with someone there.
        for person in 0..org.people.len() {
            let teams = &org.people[person].team_indices;
            let Some(&second) = teams.get(1) else {
                continue;
            };
            let days_ago = week_days - 3;
            let others: Vec<usize> = (0..org.people.len())
                .filter(|&p| main_team(org, p) == Some(second) && p != person)
                .filter(|&p| org.people[p].joined_days_ago >= 60)
                .collect();
            if let (true, Some(&other)) = (rng.chance(60), rng.pick(&others)) {
                out.push(DemoInteraction {
                    at: at(days_ago, 5),
                    a: person,
                    b: other,
                    kind: DemoInteractionKind::Chat,
                });
            }
        }
    }
    for round in (1..=PAIRING_STARTED_WEEKS_AGO / 2).rev() {
        pairing_round(org, &mut rng, round * 14, now, &mut out);
    }
    out.retain(|i| i.at <= now);
    out.sort_by_key(|i| i.at);
    out
}

/// A round `days_ago`: members (not guests) who had joined are paired across teams; each pair
/// meets two days later, and about two in three follow up with a chat within the fortnight.
fn pairing_round(
    org: &DemoOrg,
    rng: &mut Rng,
    days_ago: i64,
    now: DateTime<Utc>,
    out: &mut Vec<DemoInteraction>,
) {
    let mut pool: Vec<usize> = (0..org.people.len())
        .filter(|&p| org.people[p].role != Role::Guest && joined_by(org, p, days_ago))
        .collect();
    for i in (1..pool.len()).rev() {
        pool.swap(i, rng.below(i + 1));
    }
    while let Some(a) = pool.pop() {
        let Some(slot) = pool
            .iter()
            .position(|&b| main_team(org, b) != main_team(org, a))
        else {
            continue;
        };
        let b = pool.remove(slot);
        let met = now - Duration::days(days_ago - 2) - Duration::hours(4);
        out.push(DemoInteraction {
            at: met,
            a,
            b,
            kind: DemoInteractionKind::PairingMet,
        });
        if rng.chance(65) {
            out.push(DemoInteraction {
                at: met + Duration::days(3 + rng.below(8) as i64),
                a: b,
                b: a,
                kind: DemoInteractionKind::Chat,
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::demo::demo_org;

    #[test]
    fn cross_team_contact_rises_after_pairing_starts_and_the_newest_has_none() {
        let org = demo_org().unwrap();
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let all = demo_interactions(&org, now, 7);
        assert_eq!(all, demo_interactions(&org, now, 7), "deterministic");
        assert!(all.iter().all(|i| i.at <= now && i.a != i.b));
        let cross = |from: i64, to: i64| {
            all.iter()
                .filter(|i| main_team(&org, i.a) != main_team(&org, i.b))
                .filter(|i| i.at > now - Duration::weeks(from) && i.at <= now - Duration::weeks(to))
                .count()
        };
        let before = cross(PULSE_WEEKS, PAIRING_STARTED_WEEKS_AGO);
        let after = cross(PAIRING_STARTED_WEEKS_AGO, 0);
        assert!(after > 2 * before, "before {before}, after {after}");
        let newest = (0..org.people.len())
            .min_by_key(|&p| org.people[p].joined_days_ago)
            .unwrap();
        assert!(!all
            .iter()
            .any(|i| (i.a == newest || i.b == newest)
                && main_team(&org, i.a) != main_team(&org, i.b)));
    }
}
