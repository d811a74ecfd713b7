//! The circle prepared for fast pair checks: time zones parsed, working hours in UTC windows,
//! names interned to small integers, history, exclusions and hints in hash maps keyed by pair.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::availability::{utc_windows, Window};
use crate::model::{PersonId, RoundRequest};
use crate::plan::{Unpaired, UnpairedReason};

/// One person who can take part, with everything a pair check needs.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: PersonId,
    pub tz: Tz,
    pub windows: Vec<Window>,
    pub team: u32,
    pub tags: Vec<u32>,
    pub newcomer: bool,
    pub left_out: u32,
    /// Off-hours slots carried above the circle's lowest count.
    pub off_hours_excess: u32,
    pub off_hours_total: u32,
    /// Pulse's boost: it weighs in the matching and is never explained to anyone.
    pub boost: i64,
}

/// The most recent meeting of a pair and how often they met.
#[derive(Debug, Clone, Copy)]
pub struct Met {
    /// Days between the meeting and the first day of the cycle.
    pub days_ago: i64,
    pub times: u32,
}

/// The circle, ready for pair checks. Members are indexed `0..members.len()`.
#[derive(Debug, Clone)]
pub struct Roster {
    pub members: Vec<Member>,
    pub tag_names: Vec<String>,
    pub excluded: HashSet<(u32, u32), PairHash>,
    pub met: HashMap<(u32, u32), Met, PairHash>,
    pub team_boosts: HashMap<(u32, u32), i64, PairHash>,
    /// People who cannot take part at all (bad zone, no hours, duplicates).
    pub rejected: Vec<Unpaired>,
}

/// A fast hasher for small integer keys (pairs of member indices); not DoS-resistant, which is
/// fine for keys the engine derives itself.
#[derive(Default, Clone, Copy)]
pub struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(26) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Hash builder for pair-keyed maps.
pub type PairHash = BuildHasherDefault<PairHasher>;

/// Key of an unordered pair.
pub fn pair_key(a: u32, b: u32) -> (u32, u32) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

fn intern(names: &mut HashMap<String, u32>, list: &mut Vec<String>, name: &str) -> u32 {
    if let Some(&i) = names.get(name) {
        return i;
    }
    let i = list.len() as u32;
    names.insert(name.to_owned(), i);
    list.push(name.to_owned());
    i
}

impl Roster {
    /// Prepares the circle of a request.
    pub fn prepare(req: &RoundRequest) -> Self {
        let cycle_start = req.cycle.start;
        let weights = &req.settings.weights;
        let mut seen: HashSet<&PersonId> = HashSet::new();
        let mut index: HashMap<&PersonId, u32> = HashMap::new();
        let mut team_names = HashMap::new();
        let mut team_list = Vec::new();
        let mut tag_index = HashMap::new();
        let mut tag_names = Vec::new();
        let mut members = Vec::new();
        let mut rejected = Vec::new();
        for p in &req.people {
            let reject = |reason| Unpaired {
                person: p.id.clone(),
                reason,
            };
            if !seen.insert(&p.id) {
                rejected.push(reject(UnpairedReason::DuplicatePerson));
                continue;
            }
            let Ok(tz) = p.time_zone.parse::<Tz>() else {
                rejected.push(reject(UnpairedReason::UnknownTimeZone {
                    zone: p.time_zone.clone(),
                }));
                continue;
            };
            let windows = utc_windows(tz, &p.working_hours, req.cycle);
            if windows.is_empty() {
                rejected.push(reject(UnpairedReason::NoWorkingHours));
                continue;
            }
            let mut tags: Vec<u32> = p
                .ask_me_about
                .iter()
                .map(|t| intern(&mut tag_index, &mut tag_names, &t.trim().to_lowercase()))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            index.insert(&p.id, members.len() as u32);
            members.push(Member {
                id: p.id.clone(),
                tz,
                windows,
                team: intern(&mut team_names, &mut team_list, &p.team.0),
                tags,
                newcomer: is_newcomer(p.joined_on, cycle_start, weights.newcomer_days),
                left_out: 0,
                off_hours_excess: 0,
                off_hours_total: 0,
                boost: 0,
            });
        }
        for f in &req.fairness {
            if let Some(&i) = index.get(&f.person) {
                let m = &mut members[i as usize];
                m.left_out = f.recent_rounds_left_out;
                m.off_hours_total = f.off_hours_slots;
            }
        }
        let min_off = members.iter().map(|m| m.off_hours_total).min().unwrap_or(0);
        for m in &mut members {
            m.off_hours_excess = m.off_hours_total - min_off;
        }
        for b in &req.hints.person_boosts {
            if let Some(&i) = index.get(&b.person) {
                let m = &mut members[i as usize];
                m.boost += b.points;
            }
        }
        let mut excluded: HashSet<(u32, u32), PairHash> = HashSet::default();
        for p in &req.people {
            let Some(&a) = index.get(&p.id) else { continue };
            for other in &p.do_not_pair_with {
                if let Some(&b) = index.get(other) {
                    excluded.insert(pair_key(a, b));
                }
            }
        }
        let mut met: HashMap<(u32, u32), Met, PairHash> = HashMap::default();
        for m in &req.history {
            let (Some(&a), Some(&b)) = (index.get(&m.a), index.get(&m.b)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let days_ago = (cycle_start - m.on).num_days();
            let entry = met
                .entry(pair_key(a, b))
                .or_insert(Met { days_ago, times: 0 });
            entry.days_ago = entry.days_ago.min(days_ago);
            entry.times += 1;
        }
        let mut team_boosts: HashMap<(u32, u32), i64, PairHash> = HashMap::default();
        for b in &req.hints.team_pair_boosts {
            let (Some(&a), Some(&c)) = (team_names.get(&b.team_a.0), team_names.get(&b.team_b.0))
            else {
                continue;
            };
            team_boosts.insert(pair_key(a, c), b.points);
        }
        Self {
            members,
            tag_names,
            excluded,
            met,
            team_boosts,
            rejected,
        }
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

fn is_newcomer(joined: NaiveDate, cycle_start: NaiveDate, newcomer_days: u32) -> bool {
    let days = (cycle_start - joined).num_days();
    (0..i64::from(newcomer_days)).contains(&days) || days < 0
}
