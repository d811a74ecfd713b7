//! Silos: detected communities set against formal teams, the silo index (NMI of
//! communities vs teams) and teams hanging on a single tie.

use std::collections::HashMap;

use crate::analysis::Facts;
use crate::community::normalized_mutual_information;
use crate::error::PulseError;
use crate::metrics::{hidden_teams, share};
use crate::privacy::{Cell, Group, GroupTable};
use crate::snapshot::{CommunityFigures, SiloSummary};

/// Label of the community-table row for members without any tie.
pub const UNTIED_LABEL: &str = "people without ties";

pub(crate) fn silo_summary(facts: &Facts) -> Result<SiloSummary, PulseError> {
    let k = facts.k();
    let connected: Vec<u32> = (0..facts.member.len() as u32)
        .filter(|&p| facts.member[p as usize] && facts.ties_of(p) > 0)
        .collect();
    let communities: Vec<u32> = connected
        .iter()
        .map(|&p| facts.partition.membership[p as usize])
        .collect();
    let teams: Vec<u32> = connected.iter().map(|&p| facts.team[p as usize]).collect();
    let silo_index = normalized_mutual_information(&communities, &teams)?;
    let mut members_of: HashMap<u32, Vec<u32>> = HashMap::new();
    for (&community, &team) in communities.iter().zip(&teams) {
        members_of.entry(community).or_default().push(team);
    }
    let mut by_size: Vec<Vec<u32>> = members_of.into_values().collect();
    by_size.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let mut groups: Vec<Group<CommunityFigures>> = by_size
        .iter()
        .enumerate()
        .map(|(rank, member_teams)| Group {
            label: format!("Community {}", rank + 1),
            people: member_teams.len(),
            value: composition(member_teams),
        })
        .collect();
    // People without ties are a group of their own, so the table partitions all members
    // and "members minus people with ties" cannot reveal a group smaller than k.
    let all_teams: Vec<u32> = (0..facts.member.len())
        .filter(|&p| facts.member[p])
        .map(|p| facts.team[p])
        .collect();
    let untied: Vec<u32> = (0..facts.member.len() as u32)
        .filter(|&p| facts.member[p as usize] && facts.ties_of(p) == 0)
        .map(|p| facts.team[p as usize])
        .collect();
    groups.push(Group {
        label: UNTIED_LABEL.into(),
        people: untied.len(),
        value: composition(&untied),
    });
    let everyone = Group {
        label: "everyone".into(),
        people: all_teams.len(),
        value: composition(&all_teams),
    };
    let shown = connected.len();
    Ok(SiloSummary {
        algorithm: facts.config.algorithm,
        communities: Cell::for_group(shown, k, by_size.len()),
        modularity: Cell::for_group(shown, k, facts.partition.modularity),
        silo_index: Cell::for_group(shown, k, silo_index),
        community_table: GroupTable::build(groups, everyone, k),
        teams_joined_by_single_tie: teams_with_cross_ties(facts, |ties| ties == 1),
        teams_without_cross_team_ties: teams_with_cross_ties(facts, |ties| ties == 0),
    })
}

/// How many teams a group of people spans and the share of its largest team.
fn composition(member_teams: &[u32]) -> CommunityFigures {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for &team in member_teams {
        *counts.entry(team).or_default() += 1;
    }
    let largest = counts.values().copied().max().unwrap_or(0);
    CommunityFigures {
        teams_spanned: counts.len(),
        largest_team_share: share(largest, member_teams.len()),
    }
}

/// Names of shown teams whose number of cross-team ties satisfies `rule`.
fn teams_with_cross_ties(facts: &Facts, rule: impl Fn(usize) -> bool) -> Vec<String> {
    let hidden = hidden_teams(facts);
    let mut cross = vec![0usize; facts.team_names.len()];
    for (&(a, b), &ties) in &facts.team_pair_ties {
        cross[a as usize] += ties;
        cross[b as usize] += ties;
    }
    let mut names: Vec<String> = (0..facts.team_names.len())
        .filter(|&team| !hidden[team] && rule(cross[team]))
        .map(|team| facts.team_names[team].clone())
        .collect();
    names.sort();
    names
}
