//! Closing the loop: what the analysis found becomes boosts for the pairing engine, and a
//! later analysis reports, as counts, whether the boosted ties formed.
//!
//! [`PairingPriorities`] carries person ids because the pairing engine needs them; it is a
//! machine interface and must never be shown to anyone.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::metrics::share;
use crate::model::{PersonId, TeamId};
use crate::privacy::Cell;

/// Boosts for the pairing engine (ids and weights in 0..=1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairingPriorities {
    pub as_of: DateTime<Utc>,
    /// Newcomers without a tie outside their team.
    pub people: Vec<PersonBoost>,
    /// Team pairs with no tie between them.
    pub team_pairs: Vec<TeamPairBoost>,
}

/// Pair this person across teams sooner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonBoost {
    pub person: PersonId,
    pub weight: f64,
}

/// Pair people from these two teams sooner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPairBoost {
    pub a: TeamId,
    pub b: TeamId,
    pub weight: f64,
}

/// Whether the boosted ties formed, one week later (counts only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpWeek {
    pub as_of: DateTime<Utc>,
    pub boosted_people: Cell<usize>,
    /// Boosted newcomers who now have a tie outside their team.
    pub boosted_people_now_connected: Cell<usize>,
    pub boosted_team_pairs: usize,
    /// Boosted team pairs that now have at least one tie.
    pub team_pairs_now_tied: usize,
}

impl Analysis {
    /// Boosts for newcomers without cross-team ties and for team pairs without ties.
    pub fn pairing_priorities(&self) -> PairingPriorities {
        let facts = &self.facts;
        let newcomer_days = f64::from(facts.config.newcomer_days);
        let people = facts
            .newcomer_age_days
            .iter()
            .enumerate()
            .filter_map(|(person, age)| age.map(|days| (person, days)))
            .filter(|(person, _)| facts.cross_team_ties[*person] == 0)
            .map(|(person, days)| PersonBoost {
                person: facts.ids[person],
                weight: (1.0 - 0.5 * f64::from(days) / newcomer_days).clamp(0.5, 1.0),
            })
            .collect();
        PairingPriorities {
            as_of: self.snapshot.as_of,
            people,
            team_pairs: self.team_pair_boosts(),
        }
    }

    /// Team pairs without ties, most siloed teams first, at most `max_team_pair_boosts`.
    fn team_pair_boosts(&self) -> Vec<TeamPairBoost> {
        let facts = &self.facts;
        let teams = facts.team_names.len();
        let mut cross = vec![0usize; teams];
        for (&(a, b), &ties) in &facts.team_pair_ties {
            cross[a as usize] += ties;
            cross[b as usize] += ties;
        }
        let mut ends = vec![0usize; teams];
        for person in 0..facts.member.len() {
            ends[facts.team[person] as usize] += facts.ties_of(person as u32);
        }
        let openness: Vec<f64> = (0..teams).map(|t| share(cross[t], ends[t])).collect();
        let mut order: Vec<usize> = (0..teams)
            .filter(|&t| facts.members_per_team[t] > 0)
            .collect();
        order.sort_by(|&a, &b| openness[a].total_cmp(&openness[b]).then(a.cmp(&b)));
        let mut boosts = Vec::new();
        let limit = facts.config.max_team_pair_boosts;
        'outer: for (rank, &a) in order.iter().enumerate() {
            for &b in &order[rank + 1..] {
                if boosts.len() >= limit {
                    break 'outer;
                }
                let key = (a.min(b) as u32, a.max(b) as u32);
                if !facts.team_pair_ties.contains_key(&key) {
                    boosts.push(TeamPairBoost {
                        a: facts.team_ids[a],
                        b: facts.team_ids[b],
                        weight: (1.0 - (openness[a] + openness[b]) / 2.0).clamp(0.1, 1.0),
                    });
                }
            }
        }
        boosts
    }
}

/// For each later analysis, how many boosted newcomers and team pairs now have ties.
pub fn follow_up(priorities: &PairingPriorities, later: &[Analysis]) -> Vec<FollowUpWeek> {
    later
        .iter()
        .map(|analysis| {
            let facts = &analysis.facts;
            let boosted: HashSet<PersonId> = priorities.people.iter().map(|b| b.person).collect();
            let connected = facts
                .ids
                .iter()
                .enumerate()
                .filter(|(index, id)| boosted.contains(id) && facts.cross_team_ties[*index] > 0)
                .count();
            let team_index = |id: TeamId| facts.team_ids.iter().position(|t| *t == id);
            let tied = priorities
                .team_pairs
                .iter()
                .filter_map(|pair| Some((team_index(pair.a)?, team_index(pair.b)?)))
                .filter(|(a, b)| {
                    let key = (*a.min(b) as u32, *a.max(b) as u32);
                    facts.team_pair_ties.contains_key(&key)
                })
                .count();
            let k = facts.k();
            FollowUpWeek {
                as_of: analysis.snapshot.as_of,
                boosted_people: Cell::for_group(boosted.len(), k, boosted.len()),
                boosted_people_now_connected: Cell::for_group(boosted.len(), k, connected),
                boosted_team_pairs: priorities.team_pairs.len(),
                team_pairs_now_tied: tied,
            }
        })
        .collect()
}
