//! One weekly analysis: validates input, applies the tie rule, detects communities and
//! computes every snapshot section. The per-person facts stay inside [`Analysis`]: they feed
//! pairing priorities and each person's own view, and are never part of the snapshot.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::community::{detect_communities, DetectionConfig, Partition};
use crate::config::PulseConfig;
use crate::error::PulseError;
use crate::graph::WeightedGraph;
use crate::metrics;
use crate::model::{Interaction, Organisation, PersonId, TeamId, Topic};
use crate::privacy::Cell;
use crate::snapshot::Snapshot;
use crate::ties::{pair_activity, Later, PairActivity};

/// A week's result: the shareable [`Snapshot`] plus the private facts behind it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub snapshot: Snapshot,
    pub(crate) facts: Facts,
}

/// Per-person facts; crate-private so no caller can list people from them.
#[derive(Clone)]
pub(crate) struct Facts {
    pub config: PulseConfig,
    pub ids: Vec<PersonId>,
    pub team: Vec<u32>,
    pub team_ids: Vec<TeamId>,
    pub team_names: Vec<String>,
    pub member: Vec<bool>,
    /// Members one week before the snapshot (last week's ties are counted among them).
    pub member_previous: Vec<bool>,
    /// Days since joining, for members who are newcomers.
    pub newcomer_age_days: Vec<Option<u32>>,
    /// Current ties among members, weighted by decayed strength.
    pub tie_graph: WeightedGraph,
    pub cross_team_ties: Vec<u32>,
    /// Had any interaction with someone from another team inside the window.
    pub met_outside_team: Vec<bool>,
    /// Ties between teams (lower team index first).
    pub team_pair_ties: HashMap<(u32, u32), usize>,
    pub members_per_team: Vec<usize>,
    pub partition: Partition,
}

/// Debug output never lists people: only sizes.
impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Facts")
            .field("people", &self.ids.len())
            .field("ties", &self.tie_graph.edge_count())
            .finish_non_exhaustive()
    }
}

impl Facts {
    pub fn members(&self) -> usize {
        self.member.iter().filter(|m| **m).count()
    }

    pub fn ties_of(&self, person: u32) -> usize {
        self.tie_graph.degree(person)
    }

    pub fn k(&self) -> usize {
        self.config.min_group_size
    }
}

/// Computes a weekly analysis at `as_of`. Rejects unknown people, future interactions,
/// bad weights and unsafe settings before computing anything.
pub fn analyse(
    org: &Organisation,
    interactions: &[Interaction],
    topics: &[Topic],
    as_of: DateTime<Utc>,
    config: &PulseConfig,
) -> Result<Analysis, PulseError> {
    analyse_with(org, interactions, topics, as_of, config, Later::Reject)
}

fn analyse_with(
    org: &Organisation,
    interactions: &[Interaction],
    topics: &[Topic],
    as_of: DateTime<Utc>,
    config: &PulseConfig,
    later: Later,
) -> Result<Analysis, PulseError> {
    config.validate()?;
    for topic in topics {
        if let Some(holding) = topic
            .holders
            .iter()
            .find(|h| org.index_of(h.person).is_none())
        {
            return Err(PulseError::UnknownTopicHolder {
                topic: topic.name.clone(),
                person: holding.person,
            });
        }
    }
    let pairs = pair_activity(org, interactions, as_of, config, later)?;
    let facts = build_facts(org, &pairs, as_of, config)?;
    let snapshot = Snapshot {
        privacy_rules: crate::snapshot::PRIVACY_RULES,
        as_of,
        min_group_size: config.min_group_size,
        people: Cell::for_group(facts.members(), facts.k(), facts.members()),
        ties: metrics::ties::tie_summary(&facts),
        teams: metrics::teams::team_table(&facts),
        team_pairs: Vec::new(),
        silos: metrics::silos::silo_summary(&facts)?,
        newcomers: metrics::newcomers::newcomer_summary(&facts),
        knowledge: metrics::knowledge::knowledge_summary(org, topics, as_of, config),
        flow: metrics::flow::flow_summary(&facts, &pairs),
    };
    let mut analysis = Analysis { snapshot, facts };
    analysis.snapshot.team_pairs = metrics::teams::team_pair_ties(&analysis);
    Ok(analysis)
}

/// Analyses `weeks` consecutive weeks ending at `end`, oldest first (for trend charts).
/// The whole history is checked against `end`; each earlier week ignores what came after it.
pub fn analyse_weeks(
    org: &Organisation,
    interactions: &[Interaction],
    topics: &[Topic],
    end: DateTime<Utc>,
    weeks: u32,
    config: &PulseConfig,
) -> Result<Vec<Analysis>, PulseError> {
    (0..weeks)
        .rev()
        .map(|back| {
            let as_of = end - Duration::weeks(i64::from(back));
            let later = if back == 0 {
                Later::Reject
            } else {
                Later::Ignore
            };
            if back == weeks - 1 && back > 0 {
                pair_activity(org, interactions, end, config, Later::Reject)?;
            }
            analyse_with(org, interactions, topics, as_of, config, later)
        })
        .collect()
}

fn build_facts(
    org: &Organisation,
    pairs: &[PairActivity],
    as_of: DateTime<Utc>,
    config: &PulseConfig,
) -> Result<Facts, PulseError> {
    let people = org.people();
    let team = org.person_teams().to_vec();
    let member_at = |at: DateTime<Utc>| -> Vec<bool> {
        people
            .iter()
            .map(|p| p.joined <= at && p.left.is_none_or(|left| left > at))
            .collect()
    };
    let member = member_at(as_of);
    let member_previous = member_at(as_of - Duration::weeks(1));
    let newcomer_age_days = people
        .iter()
        .zip(&member)
        .map(|(person, &is_member)| {
            let days = (as_of - person.joined).num_days();
            (is_member && days < i64::from(config.newcomer_days)).then_some(days.max(0) as u32)
        })
        .collect();
    let mut edges = Vec::new();
    let mut cross_team_ties = vec![0u32; people.len()];
    let mut met_outside_team = vec![false; people.len()];
    let mut team_pair_ties: HashMap<(u32, u32), usize> = HashMap::new();
    for pair in pairs {
        let (a, b) = (pair.a as usize, pair.b as usize);
        let both_members = member[a] && member[b];
        let cross = team[a] != team[b];
        if both_members && cross && pair.now_count > 0 {
            met_outside_team[a] = true;
            met_outside_team[b] = true;
        }
        if !(both_members && pair.is_tie(config)) {
            continue;
        }
        edges.push((pair.a, pair.b, pair.strength.max(f64::MIN_POSITIVE)));
        if cross {
            cross_team_ties[a] += 1;
            cross_team_ties[b] += 1;
            let key = (team[a].min(team[b]), team[a].max(team[b]));
            *team_pair_ties.entry(key).or_default() += 1;
        }
    }
    let tie_graph = WeightedGraph::from_edges(people.len(), &edges)?;
    let detection = DetectionConfig {
        algorithm: config.algorithm,
        seed: config.seed,
        ..DetectionConfig::default()
    };
    let partition = detect_communities(&tie_graph, &detection)?;
    let mut members_per_team = vec![0usize; org.teams().len()];
    for (index, is_member) in member.iter().enumerate() {
        if *is_member {
            members_per_team[team[index] as usize] += 1;
        }
    }
    Ok(Facts {
        config: config.clone(),
        ids: people.iter().map(|p| p.id).collect(),
        team,
        team_ids: org.teams().iter().map(|t| t.id).collect(),
        team_names: org.teams().iter().map(|t| t.name.clone()).collect(),
        member,
        member_previous,
        newcomer_age_days,
        tie_graph,
        cross_team_ties,
        met_outside_team,
        team_pair_ties,
        members_per_team,
        partition,
    })
}

impl Analysis {
    /// The weighted tie graph behind the communities (node i is the organisation's i-th
    /// person). For benchmarks and comparisons with other graph tools only: it is per-person
    /// data, so never show it or derive lists of people from it.
    #[doc(hidden)]
    pub fn tie_graph(&self) -> &WeightedGraph {
        &self.facts.tie_graph
    }
}
