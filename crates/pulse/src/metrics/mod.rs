//! Snapshot sections, each computed from the private facts and returned already suppressed.

pub(crate) mod flow;
pub(crate) mod knowledge;
pub(crate) mod newcomers;
pub(crate) mod silos;
pub(crate) mod teams;
pub(crate) mod ties;

use crate::analysis::Facts;
use crate::privacy::suppression_mask;

/// Which teams may be shown: the same mask the team table applies.
pub(crate) fn hidden_teams(facts: &Facts) -> Vec<bool> {
    suppression_mask(&facts.members_per_team, facts.k())
}

/// Share as a fraction, 0 when the denominator is 0.
pub(crate) fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}
