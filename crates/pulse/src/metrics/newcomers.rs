//! Newcomers: people in their first days, how many have no tie outside their own team,
//! by team and by weeks since joining (the newcomer curve).

use crate::analysis::Facts;
use crate::metrics::share;
use crate::privacy::{merge_ordered, Cell, Group, GroupTable};
use crate::snapshot::{CurvePoint, NewcomerSummary};

/// Weeks per bucket of the newcomer curve.
const CURVE_BUCKET_WEEKS: u32 = 2;

pub(crate) fn newcomer_summary(facts: &Facts) -> NewcomerSummary {
    let k = facts.k();
    let newcomers: Vec<(usize, u32)> = facts
        .newcomer_age_days
        .iter()
        .enumerate()
        .filter_map(|(person, age)| age.map(|days| (person, days)))
        .collect();
    let isolated = |person: usize| facts.cross_team_ties[person] == 0;
    let without = newcomers.iter().filter(|(p, _)| isolated(*p)).count();
    let mut per_team: Vec<(usize, usize)> = vec![(0, 0); facts.team_names.len()];
    for &(person, _) in &newcomers {
        let slot = &mut per_team[facts.team[person] as usize];
        slot.0 += 1;
        slot.1 += usize::from(isolated(person));
    }
    let team_groups = per_team
        .iter()
        .enumerate()
        .filter(|(_, (count, _))| *count > 0)
        .map(|(team, &(count, isolated))| Group {
            label: facts.team_names[team].clone(),
            people: count,
            value: isolated,
        })
        .collect();
    let total = Group {
        label: "all newcomers".into(),
        people: newcomers.len(),
        value: without,
    };
    NewcomerSummary {
        newcomer_days: facts.config.newcomer_days,
        newcomers: Cell::for_group(newcomers.len(), k, newcomers.len()),
        without_cross_team_tie: Cell::for_group(newcomers.len(), k, without),
        without_cross_team_tie_share: Cell::for_group(
            newcomers.len(),
            k,
            share(without, newcomers.len()),
        ),
        by_team: GroupTable::build(team_groups, total, k),
        curve: curve(facts, &newcomers),
    }
}

fn curve(facts: &Facts, newcomers: &[(usize, u32)]) -> GroupTable<CurvePoint> {
    let weeks = facts.config.newcomer_days.div_ceil(7);
    let buckets = weeks.div_ceil(CURVE_BUCKET_WEEKS);
    let point = |members: &[usize], from_week: u32| CurvePoint {
        from_week,
        with_cross_team_tie_share: share(
            members
                .iter()
                .filter(|&&p| facts.cross_team_ties[p] > 0)
                .count(),
            members.len(),
        ),
        mean_ties: share(
            members.iter().map(|&p| facts.ties_of(p as u32)).sum(),
            members.len(),
        ),
    };
    let week_range = |bucket: u32| {
        let from = bucket * CURVE_BUCKET_WEEKS;
        (from, (from + CURVE_BUCKET_WEEKS).min(weeks))
    };
    let in_weeks = |from: u32, to: u32| -> Vec<usize> {
        newcomers
            .iter()
            .filter(|(_, days)| (from..to).contains(&(days / 7)))
            .map(|(p, _)| *p)
            .collect()
    };
    let fine: Vec<usize> = (0..buckets)
        .map(|bucket| {
            let (from, to) = week_range(bucket);
            in_weeks(from, to).len()
        })
        .collect();
    let groups = merge_ordered(&fine, facts.k())
        .into_iter()
        .map(|range| {
            let from = week_range(range.start as u32).0;
            let to = week_range(range.end as u32 - 1).1;
            let members = in_weeks(from, to);
            Group {
                label: week_label(from, to),
                people: members.len(),
                value: point(&members, from),
            }
        })
        .collect();
    let everyone: Vec<usize> = newcomers.iter().map(|(p, _)| *p).collect();
    let total = Group {
        label: "all newcomers".into(),
        people: everyone.len(),
        value: point(&everyone, 0),
    };
    GroupTable::build(groups, total, facts.k())
}

/// "week 8", "weeks 0–1" (weeks since joining, `to` exclusive).
fn week_label(from: u32, to: u32) -> String {
    if to <= from + 1 {
        format!("week {from}")
    } else {
        format!("weeks {}–{}", from, to - 1)
    }
}
