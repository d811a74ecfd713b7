//! Turning a matching into groups: a person the matching left single joins the group where they
//! add most (a trio for an odd count), and for groups of three or four, pairs are themselves
//! matched into foursomes by a second maximum-weight matching.

use std::collections::HashMap;

use crate::availability::Window;
use crate::candidates::FULL_SCAN_LIMIT;
use crate::matching::{solve_matching, SolveOptions, WeightedEdge};
use crate::model::{CircleSettings, Cycle};
use crate::roster::Roster;
use crate::slots::in_hours_start;
use crate::weights::{allowed_together, check_pair, pair_reasons, PairCheck};

/// A group before its slot is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub members: Vec<u32>,
    pub weight: i64,
    pub reasons: Vec<String>,
}

impl Draft {
    /// A matched pair with its reasons.
    pub fn pair(
        roster: &Roster,
        cycle: Cycle,
        a: u32,
        b: u32,
        points: i64,
        window: Window,
    ) -> Self {
        Self {
            members: vec![a, b],
            weight: points,
            reasons: pair_reasons(roster, cycle, a, b, window),
        }
    }
}

/// What adding `u` to `group` would bring: the summed points to members it is eligible with and
/// its best such member. `None` when `u` is excluded by or recently met anyone in the group, or
/// is eligible with nobody in it.
fn join_gain(
    roster: &Roster,
    settings: &CircleSettings,
    group: &[u32],
    u: u32,
) -> Option<(i64, u32, Window)> {
    let mut gain = 0;
    let mut best: Option<(i64, u32, Window)> = None;
    for &m in group {
        if !allowed_together(roster, settings, u, m) {
            return None;
        }
        if let PairCheck::Eligible { points, window } = check_pair(roster, settings, u, m) {
            gain += points;
            if best.is_none_or(|b| points > b.0) {
                best = Some((points, m, window));
            }
        }
    }
    best.map(|(_, m, w)| (gain, m, w))
}

/// Places each single person into the group where they add most, preferring groups that keep a
/// common in-hours slot, then groups of two. Returns those who fit nowhere.
pub fn place_singles(
    roster: &Roster,
    settings: &CircleSettings,
    cycle: Cycle,
    drafts: &mut [Draft],
    mut singles: Vec<u32>,
) -> Vec<u32> {
    let length = i64::from(settings.meeting_minutes);
    singles.sort_by_key(|&u| (std::cmp::Reverse(roster.members[u as usize].left_out), u));
    let mut left = Vec::new();
    for u in singles {
        let best = (0..drafts.len())
            .filter(|&i| drafts[i].members.len() < 4)
            .filter_map(|i| {
                let (gain, partner, window) = join_gain(roster, settings, &drafts[i].members, u)?;
                let mut with_u = drafts[i].members.clone();
                with_u.push(u);
                let in_hours = in_hours_start(roster, &with_u, length).is_some();
                let small = drafts[i].members.len() == 2;
                Some((
                    (in_hours, small, gain, std::cmp::Reverse(i)),
                    i,
                    partner,
                    window,
                ))
            })
            .max_by_key(|(key, ..)| *key);
        match best {
            Some(((_, _, gain, _), i, partner, window)) => {
                let d = &mut drafts[i];
                d.members.push(u);
                d.weight += gain;
                let mut joined = pair_reasons(roster, cycle, u, partner, window);
                joined.retain(|r| !r.contains(" overlap "));
                // Reasons are shown to people: name no one (the group lists its members).
                d.reasons
                    .push(format!("the third joins: {}", joined.join(", ")));
            }
            None => left.push(u),
        }
    }
    left
}

/// Points of merging two groups into one, or `None` when any cross pair is excluded or met
/// recently, or the merged group has no common in-hours slot.
fn merge_gain(roster: &Roster, settings: &CircleSettings, a: &[u32], b: &[u32]) -> Option<i64> {
    let mut gain = 0;
    for &x in a {
        for &y in b {
            if !allowed_together(roster, settings, x, y) {
                return None;
            }
            if let PairCheck::Eligible { points, .. } = check_pair(roster, settings, x, y) {
                gain += points;
            }
        }
    }
    let merged: Vec<u32> = a.iter().chain(b).copied().collect();
    in_hours_start(roster, &merged, i64::from(settings.meeting_minutes))?;
    Some(gain.max(1))
}

/// Matches pairs into groups of four (trios stay as they are); see [`crate::regroup`] for a
/// pair left over.
pub fn merge_pairs_into_fours(
    roster: &Roster,
    settings: &CircleSettings,
    drafts: Vec<Draft>,
    neighbours: &[Vec<u32>],
) -> Vec<Draft> {
    let (pairs, mut out): (Vec<Draft>, Vec<Draft>) =
        drafts.into_iter().partition(|d| d.members.len() == 2);
    let mut pair_of: HashMap<u32, u32> = HashMap::new();
    for (i, d) in pairs.iter().enumerate() {
        for &m in &d.members {
            pair_of.insert(m, i as u32);
        }
    }
    let mut edges: Vec<WeightedEdge> = Vec::new();
    for i in 0..pairs.len() as u32 {
        let others: Vec<u32> = if pairs.len() <= FULL_SCAN_LIMIT / 2 {
            (i + 1..pairs.len() as u32).collect()
        } else {
            let mut o: Vec<u32> = pairs[i as usize]
                .members
                .iter()
                .flat_map(|&m| neighbours[m as usize].iter())
                .filter_map(|v| pair_of.get(v).copied())
                .filter(|&j| j > i)
                .collect();
            o.sort_unstable();
            o.dedup();
            o
        };
        for j in others {
            if let Some(g) = merge_gain(
                roster,
                settings,
                &pairs[i as usize].members,
                &pairs[j as usize].members,
            ) {
                edges.push((i, j, g));
            }
        }
    }
    let matching = solve_matching(pairs.len(), &edges, SolveOptions::default());
    let mut taken = vec![false; pairs.len()];
    for (i, j) in matching.pairs() {
        let (a, b) = (&pairs[i as usize], &pairs[j as usize]);
        let gain = edges
            .iter()
            .find(|e| e.0 == i && e.1 == j)
            .map_or(0, |e| e.2);
        let mut reasons = a.reasons.clone();
        reasons.push(format!("with the other pair: {}", b.reasons.join(", ")));
        out.push(Draft {
            members: a.members.iter().chain(&b.members).copied().collect(),
            weight: a.weight + b.weight + gain,
            reasons,
        });
        taken[i as usize] = true;
        taken[j as usize] = true;
    }
    out.extend(
        pairs
            .into_iter()
            .zip(taken)
            .filter(|(_, t)| !t)
            .map(|(d, _)| d),
    );
    out
}
