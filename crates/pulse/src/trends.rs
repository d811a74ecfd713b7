//! Week-over-week change between stored snapshots, from aggregates alone, so the server can
//! report whether ties formed without keeping anything about individuals.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::privacy::Cell;
use crate::snapshot::Snapshot;

/// What changed from one snapshot to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekChange {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub cross_team_ties: Cell<i64>,
    pub newcomers_without_cross_team_tie: Cell<i64>,
    /// Pairs of teams (shown in both weeks) that had no tie before and have one now.
    pub team_pairs_newly_tied: usize,
    /// Pairs of teams (shown in both weeks) that had a tie before and have none now.
    pub team_pairs_no_longer_tied: usize,
}

/// Changes between consecutive snapshots (give them oldest first).
pub fn week_changes(snapshots: &[Snapshot]) -> Vec<WeekChange> {
    snapshots
        .windows(2)
        .map(|pair| change(&pair[0], &pair[1]))
        .collect()
}

fn change(before: &Snapshot, after: &Snapshot) -> WeekChange {
    let delta = |a: &Cell<usize>, b: &Cell<usize>| match (a.shown(), b.shown()) {
        (Some(&a), Some(&b)) => Cell::Shown(b as i64 - a as i64),
        _ => Cell::Suppressed,
    };
    let shown_teams = |s: &Snapshot| -> HashSet<String> {
        s.teams
            .rows
            .iter()
            .filter(|r| !r.figures.is_suppressed())
            .map(|r| r.label.clone())
            .collect()
    };
    let both: HashSet<String> = shown_teams(before)
        .intersection(&shown_teams(after))
        .cloned()
        .collect();
    let tied = |s: &Snapshot| -> HashSet<(String, String)> {
        s.team_pairs
            .iter()
            .filter(|p| p.a != p.b && both.contains(&p.a) && both.contains(&p.b))
            .filter(|p| p.ties.shown().is_some_and(|&t| t > 0))
            .map(|p| (p.a.clone(), p.b.clone()))
            .collect()
    };
    let (was, is) = (tied(before), tied(after));
    WeekChange {
        from: before.as_of,
        to: after.as_of,
        cross_team_ties: delta(&before.ties.cross_team, &after.ties.cross_team),
        newcomers_without_cross_team_tie: delta(
            &before.newcomers.without_cross_team_tie,
            &after.newcomers.without_cross_team_tie,
        ),
        team_pairs_newly_tied: is.difference(&was).count(),
        team_pairs_no_longer_tied: was.difference(&is).count(),
    }
}
