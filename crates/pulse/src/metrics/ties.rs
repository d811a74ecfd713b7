//! Ties per person: totals, the cross-team share, mean, median and the distribution.

use crate::analysis::Facts;
use crate::metrics::share;
use crate::privacy::{merge_ordered, Cell, Group, GroupTable};
use crate::snapshot::TieSummary;

/// Finest buckets of the ties-per-person distribution (fewest, most ties); neighbours are
/// merged until each bucket holds at least k people.
const BUCKETS: [(usize, usize); 6] = [(0, 0), (1, 1), (2, 3), (4, 7), (8, 15), (16, usize::MAX)];

/// "0 ties", "1 tie", "2–3 ties", "16 or more ties".
fn bucket_label(low: usize, high: usize) -> String {
    match (low, high) {
        (1, 1) => "1 tie".into(),
        (low, usize::MAX) => format!("{low} or more ties"),
        (low, high) if low == high => format!("{low} ties"),
        (low, high) => format!("{low}–{high} ties"),
    }
}

pub(crate) fn tie_summary(facts: &Facts) -> TieSummary {
    let k = facts.k();
    let members = facts.members();
    let total = facts.tie_graph.edge_count();
    let cross: usize = facts
        .cross_team_ties
        .iter()
        .map(|&c| c as usize)
        .sum::<usize>()
        / 2;
    let mut degrees: Vec<usize> = (0..facts.member.len() as u32)
        .filter(|&p| facts.member[p as usize])
        .map(|p| facts.ties_of(p))
        .collect();
    degrees.sort_unstable();
    let mean = share(degrees.iter().sum(), degrees.len());
    let median = median(&degrees);
    let fine: Vec<usize> = BUCKETS
        .iter()
        .map(|&(low, high)| degrees.iter().filter(|&&d| d >= low && d <= high).count())
        .collect();
    let groups = merge_ordered(&fine, k)
        .into_iter()
        .map(|range| {
            let people: usize = fine[range.clone()].iter().sum();
            let (low, high) = (BUCKETS[range.start].0, BUCKETS[range.end - 1].1);
            Group {
                label: bucket_label(low, high),
                people,
                value: share(people, members),
            }
        })
        .collect();
    let everyone = Group {
        label: "everyone".into(),
        people: members,
        value: 1.0,
    };
    TieSummary {
        total: Cell::for_group(members, k, total),
        cross_team: Cell::for_group(members, k, cross),
        cross_team_share: Cell::for_group(members, k, share(cross, total)),
        mean_per_person: Cell::for_group(members, k, mean),
        median_per_person: Cell::for_group(members, k, median),
        distribution: GroupTable::build(groups, everyone, k),
    }
}

fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}
