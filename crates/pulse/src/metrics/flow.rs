//! Flow: ties that formed and lapsed over the last week, and what pairings contributed.
//!
//! A figure here counts ties, but a tie is about two people ("1 lapsed" tells on two of
//! them), so each figure is shown only when the people behind it number at least k. The four
//! figures of a direction (all, cross-team, cross-team after a pairing, after a pairing) can
//! also be subtracted from each other ("all less cross-team" is the ties inside teams), so they
//! are chosen together: a set of figures is shown only if every piece that subtraction can
//! isolate (each cell of the partition the shown figures make) is about 0 or at least k people.

use std::collections::HashSet;

use crate::analysis::Facts;
use crate::privacy::Cell;
use crate::snapshot::FlowSummary;
use crate::ties::PairActivity;

/// A changed tie falls in one of four cells: bit 1 set when it crosses teams, bit 0 when a
/// pairing was behind it.
const CROSS: usize = 0b10;
const PAIRING: usize = 0b01;

/// The published figures of one direction, as sets of cells, in the order they are kept when
/// not all of them can be shown (the charts and the digest use the cross-team ones).
const CROSS_TEAM: u8 = 1 << (CROSS | PAIRING) | 1 << CROSS;
const CROSS_TEAM_FROM_PAIRINGS: u8 = 1 << (CROSS | PAIRING);
const ALL: u8 = 0b1111;
const FROM_PAIRINGS: u8 = 1 << (CROSS | PAIRING) | 1 << PAIRING;
const FIGURES: [u8; 4] = [CROSS_TEAM, CROSS_TEAM_FROM_PAIRINGS, ALL, FROM_PAIRINGS];

/// One direction's figures in [`FIGURES`] order, each shown or withheld.
pub(crate) type Shown = [Cell<usize>; 4];

/// Chooses which of a direction's figures to show. `ties(cells)` counts the ties in a set of
/// cells and `people(cells)` the people they involve (or a lower bound of them).
pub(crate) fn choose(k: usize, ties: impl Fn(u8) -> usize, people: impl Fn(u8) -> usize) -> Shown {
    let mut chosen: Vec<u8> = Vec::new();
    for figure in FIGURES {
        let mut trial = chosen.clone();
        trial.push(figure);
        let safe = pieces(&trial).into_iter().all(|piece| {
            let involved = people(piece);
            involved == 0 || involved >= k
        });
        if safe {
            chosen = trial;
        }
    }
    FIGURES.map(|figure| {
        if chosen.contains(&figure) {
            Cell::Shown(ties(figure))
        } else {
            Cell::Suppressed
        }
    })
}

/// The cells grouped by which of `figures` count them: each group is what subtracting and
/// adding the shown figures can isolate. Cells no figure counts are left out.
fn pieces(figures: &[u8]) -> Vec<u8> {
    let mut by_signature: Vec<(u32, u8)> = Vec::new();
    for cell in 0..4u8 {
        let signature = figures
            .iter()
            .enumerate()
            .filter(|(_, figure)| *figure & (1 << cell) != 0)
            .fold(0u32, |sig, (i, _)| sig | 1 << i);
        if signature == 0 {
            continue;
        }
        match by_signature.iter_mut().find(|(sig, _)| *sig == signature) {
            Some((_, cells)) => *cells |= 1 << cell,
            None => by_signature.push((signature, 1 << cell)),
        }
    }
    by_signature.into_iter().map(|(_, cells)| cells).collect()
}

/// The fewest people `ties` distinct ties can involve (n people hold at most n(n-1)/2 ties).
pub(crate) fn fewest_people(ties: usize) -> usize {
    if ties == 0 {
        return 0;
    }
    (2..)
        .find(|n| n * (n - 1) / 2 >= ties)
        .unwrap_or(usize::MAX)
}

/// A tie that formed or lapsed: its two people and its cell.
struct Change {
    people: [u32; 2],
    cell: usize,
}

fn figures_of(changes: &[Change], k: usize) -> Shown {
    let in_cells = |cells: u8| changes.iter().filter(move |c| cells & (1 << c.cell) != 0);
    choose(
        k,
        |cells| in_cells(cells).count(),
        |cells| {
            in_cells(cells)
                .flat_map(|c| c.people)
                .collect::<HashSet<_>>()
                .len()
        },
    )
}

pub(crate) fn flow_summary(facts: &Facts, pairs: &[PairActivity]) -> FlowSummary {
    let config = &facts.config;
    let (mut formed, mut lapsed) = (Vec::new(), Vec::new());
    for pair in pairs {
        let (a, b) = (pair.a as usize, pair.b as usize);
        let now = facts.member[a] && facts.member[b] && pair.is_tie(config);
        let before = facts.member_previous[a] && facts.member_previous[b] && pair.was_tie(config);
        let cross = if facts.team[a] != facts.team[b] {
            CROSS
        } else {
            0
        };
        if now && !before {
            let pairing = if pair.pairing_now { PAIRING } else { 0 };
            formed.push(Change {
                people: [pair.a, pair.b],
                cell: cross | pairing,
            });
        }
        if before && !now {
            let pairing = if pair.pairing_previous { PAIRING } else { 0 };
            lapsed.push(Change {
                people: [pair.a, pair.b],
                cell: cross | pairing,
            });
        }
    }
    let k = facts.k();
    if facts.members() < k {
        return summary([Cell::Suppressed; 4], [Cell::Suppressed; 4]);
    }
    summary(figures_of(&formed, k), figures_of(&lapsed, k))
}

/// Builds the summary from each direction's figures in [`FIGURES`] order.
pub(crate) fn summary(new: Shown, lapsed: Shown) -> FlowSummary {
    let [new_cross, new_cross_pairing, new_all, new_pairing] = new;
    let [lapsed_cross, lapsed_cross_pairing, lapsed_all, lapsed_pairing] = lapsed;
    FlowSummary {
        new_ties: new_all,
        lapsed_ties: lapsed_all,
        new_cross_team_ties: new_cross,
        lapsed_cross_team_ties: lapsed_cross,
        new_cross_team_ties_from_pairings: new_cross_pairing,
        lapsed_cross_team_ties_from_pairings: lapsed_cross_pairing,
        new_ties_from_pairings: new_pairing,
        lapsed_ties_from_pairings: lapsed_pairing,
    }
}

/// A flow summary stored before these rules, re-suppressed from its own figures: the cells
/// are recovered by subtraction and each counts at least [`fewest_people`] of its ties.
pub(crate) fn resuppress(stored: &FlowSummary, k: usize) -> FlowSummary {
    let direction =
        |all: &Cell<usize>, cross: &Cell<usize>, both: &Cell<usize>, pairing: &Cell<usize>| {
            let (Some(&all), Some(&cross), Some(&both), Some(&pairing)) =
                (all.shown(), cross.shown(), both.shown(), pairing.shown())
            else {
                return [Cell::Suppressed; 4];
            };
            let cell_ties = [
                all.saturating_sub(cross + pairing.saturating_sub(both)),
                pairing.saturating_sub(both),
                cross.saturating_sub(both),
                both,
            ];
            let ties = move |cells: u8| -> usize {
                (0..4)
                    .filter(|c| cells & (1 << c) != 0)
                    .map(|c| cell_ties[c])
                    .sum()
            };
            choose(k, ties, |cells| fewest_people(ties(cells)))
        };
    let f = stored;
    summary(
        direction(
            &f.new_ties,
            &f.new_cross_team_ties,
            &f.new_cross_team_ties_from_pairings,
            &f.new_ties_from_pairings,
        ),
        direction(
            &f.lapsed_ties,
            &f.lapsed_cross_team_ties,
            &f.lapsed_cross_team_ties_from_pairings,
            &f.lapsed_ties_from_pairings,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_ties_are_about_too_few_people() {
        assert_eq!(fewest_people(1), 2);
        assert_eq!(fewest_people(6), 4);
        assert_eq!(fewest_people(7), 5);
        assert_eq!(fewest_people(0), 0);
    }

    #[test]
    fn a_figure_whose_difference_isolates_few_people_is_withheld() {
        // 12 cross-team ties over 10 people, 1 tie inside a team (2 people), none from
        // pairings: "all" less "cross-team" would single out the one tie inside a team.
        let cell_ties = [1usize, 0, 12, 0];
        let cell_people = [2usize, 0, 10, 0];
        let sum = |values: [usize; 4], cells: u8| -> usize {
            (0..4)
                .filter(|c| cells & (1 << c) != 0)
                .map(|c| values[c])
                .sum()
        };
        let shown = choose(5, |c| sum(cell_ties, c), |c| sum(cell_people, c));
        assert_eq!(shown[0], Cell::Shown(12), "cross-team is shown");
        assert_eq!(
            shown[1],
            Cell::Shown(0),
            "none from pairings: nobody's secret"
        );
        assert_eq!(shown[2], Cell::Suppressed, "all ties would isolate the two");
        assert_eq!(shown[3], Cell::Shown(0));
    }
}
