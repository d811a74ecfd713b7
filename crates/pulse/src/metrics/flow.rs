//! Flow: ties that formed and lapsed over the last week, and what pairings contributed.

use crate::analysis::Facts;
use crate::privacy::Cell;
use crate::snapshot::FlowSummary;
use crate::ties::PairActivity;

#[derive(Default)]
struct Counts {
    new: usize,
    lapsed: usize,
    new_cross: usize,
    lapsed_cross: usize,
    new_cross_pairing: usize,
    lapsed_cross_pairing: usize,
    new_pairing: usize,
    lapsed_pairing: usize,
}

pub(crate) fn flow_summary(facts: &Facts, pairs: &[PairActivity]) -> FlowSummary {
    let config = &facts.config;
    let mut counts = Counts::default();
    for pair in pairs {
        let (a, b) = (pair.a as usize, pair.b as usize);
        let now = facts.member[a] && facts.member[b] && pair.is_tie(config);
        let before = facts.member_previous[a] && facts.member_previous[b] && pair.was_tie(config);
        let cross = facts.team[a] != facts.team[b];
        if now && !before {
            counts.new += 1;
            counts.new_pairing += usize::from(pair.pairing_now);
            if cross {
                counts.new_cross += 1;
                counts.new_cross_pairing += usize::from(pair.pairing_now);
            }
        }
        if before && !now {
            counts.lapsed += 1;
            counts.lapsed_pairing += usize::from(pair.pairing_previous);
            if cross {
                counts.lapsed_cross += 1;
                counts.lapsed_cross_pairing += usize::from(pair.pairing_previous);
            }
        }
    }
    let members = facts.members();
    let k = facts.k();
    let cell = |value: usize| Cell::for_group(members, k, value);
    FlowSummary {
        new_ties: cell(counts.new),
        lapsed_ties: cell(counts.lapsed),
        new_cross_team_ties: cell(counts.new_cross),
        lapsed_cross_team_ties: cell(counts.lapsed_cross),
        new_cross_team_ties_from_pairings: cell(counts.new_cross_pairing),
        lapsed_cross_team_ties_from_pairings: cell(counts.lapsed_cross_pairing),
        new_ties_from_pairings: cell(counts.new_pairing),
        lapsed_ties_from_pairings: cell(counts.lapsed_pairing),
    }
}
