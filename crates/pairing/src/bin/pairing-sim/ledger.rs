//! What a simulation remembers across rounds, per strategy: who met whom and when, who was left
//! out, who carried off-hours slots; and the figures reported at the end.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use hallway_pairing::{FairnessRecord, PastMeeting, Person, PersonId};

/// Rounds looked back on for "recently left out".
const RECENT_ROUNDS: usize = 4;

/// Running record of one strategy.
#[derive(Default)]
pub struct Ledger {
    pub history: Vec<PastMeeting>,
    last_met: HashMap<(usize, usize), NaiveDate>,
    left_out_rounds: Vec<Vec<bool>>,
    off_hours: Vec<u32>,
    met: Vec<HashSet<usize>>,
    cross_met: Vec<HashSet<usize>>,
    meetings: Vec<u32>,
    pairs: u64,
    cross_pairs: u64,
    pub repeats_within_cooldown: u64,
    pub seconds: f64,
}

/// The figures of one strategy after all rounds.
pub struct Report {
    pub max_left_out: usize,
    pub max_consecutive_left_out: usize,
    pub off_hours_spread: u32,
    pub fairest_spread: u32,
    pub off_hours_total: u32,
    pub distinct_met_mean: f64,
    pub distinct_met_min: usize,
    pub cross_met_mean: f64,
    pub cross_met_min: usize,
    pub meetings_mean: f64,
    pub cross_share: f64,
    pub repeats: u64,
    pub seconds_per_round: f64,
}

impl Ledger {
    pub fn new(people: usize) -> Self {
        Self {
            off_hours: vec![0; people],
            met: vec![HashSet::new(); people],
            cross_met: vec![HashSet::new(); people],
            meetings: vec![0; people],
            ..Self::default()
        }
    }

    /// Fairness records as the server would compute them from past rounds.
    pub fn fairness(&self, people: &[Person]) -> Vec<FairnessRecord> {
        people
            .iter()
            .enumerate()
            .map(|(i, p)| FairnessRecord {
                person: p.id.clone(),
                recent_rounds_left_out: self
                    .left_out_rounds
                    .iter()
                    .rev()
                    .take(RECENT_ROUNDS)
                    .filter(|r| r[i])
                    .count() as u32,
                off_hours_slots: self.off_hours[i],
            })
            .collect()
    }

    /// Records one round: groups (member indices with their off-hours flags) on a date.
    pub fn record(
        &mut self,
        people: &[Person],
        groups: &[Vec<(usize, bool)>],
        on: NaiveDate,
        cooldown_days: i64,
    ) {
        let mut placed = vec![false; people.len()];
        for g in groups {
            for &(a, off) in g {
                placed[a] = true;
                self.off_hours[a] += u32::from(off);
            }
            for (i, &(a, _)) in g.iter().enumerate() {
                for &(b, _) in &g[i + 1..] {
                    let key = (a.min(b), a.max(b));
                    if let Some(last) = self.last_met.get(&key) {
                        if (on - *last).num_days() < cooldown_days {
                            self.repeats_within_cooldown += 1;
                        }
                    }
                    self.last_met.insert(key, on);
                    self.history.push(PastMeeting {
                        a: people[a].id.clone(),
                        b: people[b].id.clone(),
                        on,
                    });
                    self.pairs += 1;
                    self.meetings[a] += 1;
                    self.meetings[b] += 1;
                    self.met[a].insert(b);
                    self.met[b].insert(a);
                    if people[a].team != people[b].team {
                        self.cross_pairs += 1;
                        self.cross_met[a].insert(b);
                        self.cross_met[b].insert(a);
                    }
                }
            }
        }
        self.left_out_rounds
            .push(placed.iter().map(|p| !p).collect());
    }

    pub fn report(&self, rounds: usize) -> Report {
        let n = self.off_hours.len().max(1);
        let left: Vec<usize> = (0..n)
            .map(|i| self.left_out_rounds.iter().filter(|r| r[i]).count())
            .collect();
        let consecutive = (0..n)
            .map(|i| {
                let (mut best, mut run) = (0, 0);
                for r in &self.left_out_rounds {
                    run = if r[i] { run + 1 } else { 0 };
                    best = best.max(run);
                }
                best
            })
            .max()
            .unwrap_or(0);
        let total: u32 = self.off_hours.iter().sum();
        let max = self.off_hours.iter().copied().max().unwrap_or(0);
        let min = self.off_hours.iter().copied().min().unwrap_or(0);
        let mean = |sets: &[HashSet<usize>]| {
            sets.iter().map(HashSet::len).sum::<usize>() as f64 / n as f64
        };
        let min_of = |sets: &[HashSet<usize>]| sets.iter().map(HashSet::len).min().unwrap_or(0);
        Report {
            max_left_out: left.iter().copied().max().unwrap_or(0),
            max_consecutive_left_out: consecutive,
            off_hours_spread: max - min,
            fairest_spread: u32::from(!total.is_multiple_of(n as u32)),
            off_hours_total: total,
            distinct_met_mean: mean(&self.met),
            distinct_met_min: min_of(&self.met),
            cross_met_mean: mean(&self.cross_met),
            cross_met_min: min_of(&self.cross_met),
            meetings_mean: self.meetings.iter().map(|&m| f64::from(m)).sum::<f64>() / n as f64,
            cross_share: self.cross_pairs as f64 / self.pairs.max(1) as f64,
            repeats: self.repeats_within_cooldown,
            seconds_per_round: self.seconds / rounds.max(1) as f64,
        }
    }
}

/// Index of each person id.
pub fn index_of(people: &[Person]) -> HashMap<PersonId, usize> {
    people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect()
}
