//! For groups of three or four: a pair left over after pairs were matched into fours is merged
//! with a four and the six are split into the two best trios, so the round keeps the promised
//! shape whenever the rules (exclusions, cooldown, a common in-hours slot) allow it.

use crate::groups::Draft;
use crate::model::{CircleSettings, Cycle};
use crate::roster::Roster;
use crate::slots::in_hours_start;
use crate::weights::{allowed_together, check_pair, pair_reasons, PairCheck};

/// Weight and reasons of a group, or `None` if two members may not meet or there is no common
/// in-hours slot. Reasons: the strongest pair's, then what each other member brings.
fn weigh_group(
    roster: &Roster,
    settings: &CircleSettings,
    cycle: Cycle,
    members: &[u32],
) -> Option<Draft> {
    let mut weight = 0;
    let mut best: Option<(i64, u32, u32, crate::availability::Window)> = None;
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            if !allowed_together(roster, settings, a, b) {
                return None;
            }
            if let PairCheck::Eligible { points, window } = check_pair(roster, settings, a, b) {
                weight += points;
                if best.is_none_or(|x| points > x.0) {
                    best = Some((points, a, b, window));
                }
            }
        }
    }
    in_hours_start(roster, members, i64::from(settings.meeting_minutes))?;
    let (_, a, b, window) = best?;
    let mut reasons = pair_reasons(roster, cycle, a, b, window);
    for &m in members.iter().filter(|&&m| m != a && m != b) {
        let partner = if matches!(
            check_pair(roster, settings, m, a),
            PairCheck::Eligible { .. }
        ) {
            a
        } else {
            b
        };
        if let PairCheck::Eligible { window, .. } = check_pair(roster, settings, m, partner) {
            let mut joined = pair_reasons(roster, cycle, m, partner, window);
            joined.retain(|r| !r.contains(" overlap "));
            // Reasons are shown to people: name no one (the group lists its members).
            reasons.push(format!("the third joins: {}", joined.join(", ")));
        }
    }
    Some(Draft {
        members: members.to_vec(),
        weight,
        reasons,
    })
}

/// The best split of six people into two trios, if any split is allowed.
fn best_split(
    roster: &Roster,
    settings: &CircleSettings,
    cycle: Cycle,
    six: &[u32],
) -> Option<(Draft, Draft)> {
    let mut best: Option<(Draft, Draft)> = None;
    for i in 1..6 {
        for j in i + 1..6 {
            let first = [six[0], six[i], six[j]];
            let second: Vec<u32> = (1..6)
                .filter(|&k| k != i && k != j)
                .map(|k| six[k])
                .collect();
            let (Some(x), Some(y)) = (
                weigh_group(roster, settings, cycle, &first),
                weigh_group(roster, settings, cycle, &second),
            ) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(a, b)| x.weight + y.weight > a.weight + b.weight)
            {
                best = Some((x, y));
            }
        }
    }
    best
}

/// Replaces each leftover pair and one group of four by two trios, choosing the four that loses
/// least weight. Pairs that cannot be split this way stay pairs.
pub fn split_leftover_pairs(
    roster: &Roster,
    settings: &CircleSettings,
    cycle: Cycle,
    mut drafts: Vec<Draft>,
) -> Vec<Draft> {
    let leftover: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].members.len() == 2)
        .collect();
    let mut remove = Vec::new();
    let mut added = Vec::new();
    for p in leftover {
        let pair = drafts[p].clone();
        let choice = (0..drafts.len())
            .filter(|&q| drafts[q].members.len() == 4 && !remove.contains(&q))
            .filter_map(|q| {
                let six: Vec<u32> = pair
                    .members
                    .iter()
                    .chain(&drafts[q].members)
                    .copied()
                    .collect();
                let (x, y) = best_split(roster, settings, cycle, &six)?;
                let change = x.weight + y.weight - pair.weight - drafts[q].weight;
                Some((change, std::cmp::Reverse(q), x, y))
            })
            .max_by_key(|(change, q, ..)| (*change, *q));
        if let Some((_, std::cmp::Reverse(q), x, y)) = choice {
            remove.push(p);
            remove.push(q);
            added.push(x);
            added.push(y);
        }
    }
    remove.sort_unstable();
    for i in remove.into_iter().rev() {
        drafts.remove(i);
    }
    drafts.extend(added);
    drafts
}
