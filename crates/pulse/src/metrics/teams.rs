//! Per-team ties and the team-to-team tie counts behind the heat map.

use crate::analysis::{Analysis, Facts};
use crate::metrics::{hidden_teams, share};
use crate::privacy::{Cell, Group, GroupTable};
use crate::snapshot::{TeamFigures, TeamPairTies};

pub(crate) fn team_table(facts: &Facts) -> GroupTable<TeamFigures> {
    let teams = facts.team_names.len();
    let mut tie_ends = vec![0usize; teams];
    let mut cross_ends = vec![0usize; teams];
    for person in 0..facts.member.len() {
        if facts.member[person] {
            let team = facts.team[person] as usize;
            tie_ends[team] += facts.ties_of(person as u32);
            cross_ends[team] += facts.cross_team_ties[person] as usize;
        }
    }
    let mut linked = vec![0usize; teams];
    for &(a, b) in facts.team_pair_ties.keys() {
        linked[a as usize] += 1;
        linked[b as usize] += 1;
    }
    let groups = (0..teams)
        .map(|team| Group {
            label: facts.team_names[team].clone(),
            people: facts.members_per_team[team],
            value: TeamFigures {
                ties_per_person: share(tie_ends[team], facts.members_per_team[team]),
                cross_team_ties: cross_ends[team],
                cross_team_share: share(cross_ends[team], tie_ends[team]),
                teams_linked: linked[team],
            },
        })
        .collect();
    let members = facts.members();
    let total_ends: usize = tie_ends.iter().sum();
    let cross_ties = cross_ends.iter().sum::<usize>() / 2;
    let everyone = Group {
        label: "everyone".into(),
        people: members,
        value: TeamFigures {
            ties_per_person: share(total_ends, members),
            cross_team_ties: cross_ties,
            cross_team_share: share(cross_ties * 2, total_ends),
            teams_linked: facts.team_pair_ties.len(),
        },
    };
    GroupTable::build(groups, everyone, facts.k())
}

/// Tie counts between every pair of shown teams that has ties, within-team ties included.
pub(crate) fn team_pair_ties(analysis: &Analysis) -> Vec<TeamPairTies> {
    let facts = &analysis.facts;
    let hidden = hidden_teams(facts);
    let mut within = vec![0usize; facts.team_names.len()];
    for person in 0..facts.member.len() as u32 {
        for (other, _) in facts.tie_graph.neighbours(person) {
            let team = facts.team[person as usize];
            if other > person && facts.team[other as usize] == team {
                within[team as usize] += 1;
            }
        }
    }
    let mut pairs: Vec<(u32, u32, usize)> = facts
        .team_pair_ties
        .iter()
        .map(|(&(a, b), &ties)| (a, b, ties))
        .chain(
            within
                .iter()
                .enumerate()
                .filter(|(_, ties)| **ties > 0)
                .map(|(team, ties)| (team as u32, team as u32, *ties)),
        )
        .filter(|(a, b, _)| !hidden[*a as usize] && !hidden[*b as usize])
        .collect();
    pairs.sort_unstable();
    pairs
        .into_iter()
        .map(|(a, b, ties)| TeamPairTies {
            a: facts.team_names[a as usize].clone(),
            b: facts.team_names[b as usize].clone(),
            ties: Cell::Shown(ties),
        })
        .collect()
}
