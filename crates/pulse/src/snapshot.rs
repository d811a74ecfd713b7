//! The weekly snapshot: every figure pulse shows, aggregated over at least k people.
//! It is serialisable so the server can store one per week and draw trends; it never holds
//! a person's id or a list of people.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::community::Algorithm;
use crate::config::MIN_GROUP_SIZE_FLOOR;
use crate::privacy::{table_is_safe, Cell, GroupTable};

/// One week's community-health figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Which suppression rules made it ([`PRIVACY_RULES`] for new snapshots; 0 for those
    /// stored before flow counted people and topics stopped counting holders).
    #[serde(default)]
    pub privacy_rules: u32,
    pub as_of: DateTime<Utc>,
    /// k: the smallest group any figure here is computed over.
    pub min_group_size: usize,
    /// Current members of the organisation.
    pub people: Cell<usize>,
    pub ties: TieSummary,
    /// One row per formal team.
    pub teams: GroupTable<TeamFigures>,
    /// Ties between pairs of shown teams (pairs with no tie are left out).
    pub team_pairs: Vec<TeamPairTies>,
    pub silos: SiloSummary,
    pub newcomers: NewcomerSummary,
    pub knowledge: KnowledgeSummary,
    pub flow: FlowSummary,
}

/// How connected people are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TieSummary {
    pub total: Cell<usize>,
    pub cross_team: Cell<usize>,
    pub cross_team_share: Cell<f64>,
    pub mean_per_person: Cell<f64>,
    pub median_per_person: Cell<f64>,
    /// People by number of ties; the figure is the share of people in the bucket.
    pub distribution: GroupTable<f64>,
}

/// A team's ties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamFigures {
    pub ties_per_person: f64,
    /// Ties from this team's members to people in other teams.
    pub cross_team_ties: usize,
    /// Share of the team's ties that leave the team.
    pub cross_team_share: f64,
    /// Other teams reached by at least one tie.
    pub teams_linked: usize,
}

/// Ties between two teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPairTies {
    pub a: String,
    pub b: String,
    pub ties: Cell<usize>,
}

/// Detected communities set against the org chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiloSummary {
    pub algorithm: Algorithm,
    pub communities: Cell<usize>,
    pub modularity: Cell<f64>,
    /// NMI of detected communities vs formal teams (people with ties): 1 means the
    /// communities repeat the org chart exactly, 0 means they ignore it.
    pub silo_index: Cell<f64>,
    /// Detected communities, largest first, then the people without ties; groups of fewer
    /// than k people (and their complements) are suppressed.
    pub community_table: GroupTable<CommunityFigures>,
    /// Shown teams linked to the rest of the organisation by exactly one tie.
    pub teams_joined_by_single_tie: Vec<String>,
    /// Shown teams with no tie to any other team.
    pub teams_without_cross_team_ties: Vec<String>,
}

/// One detected community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityFigures {
    /// Formal teams its members come from.
    pub teams_spanned: usize,
    /// Share of its members from its largest team (1.0: a silo that is one team).
    pub largest_team_share: f64,
}

/// People in their first days, and whether they have ties outside their team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewcomerSummary {
    pub newcomer_days: u32,
    pub newcomers: Cell<usize>,
    pub without_cross_team_tie: Cell<usize>,
    pub without_cross_team_tie_share: Cell<f64>,
    /// Newcomers by team; the figure is how many have no tie outside their team.
    pub by_team: GroupTable<usize>,
    /// Newcomers by weeks since joining (the newcomer curve).
    pub curve: GroupTable<CurvePoint>,
}

/// One point of the newcomer curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// First week of the bucket (weeks since joining).
    pub from_week: u32,
    pub with_cross_team_tie_share: f64,
    pub mean_ties: f64,
}

/// Knowledge per topic. Topics come from public "ask me about" tags, so any count of a topic's
/// holders that are active, quiet or gone would tell on the named people behind the tag: a
/// topic says only whether at least k active people hold it, and how many list it when that
/// is k or more (the tags show as much).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeSummary {
    pub quiet_after_days: u32,
    pub topics: Vec<TopicRow>,
    /// Topics fewer than k active people hold.
    pub at_risk: usize,
}

/// A topic and whether its knowledge is safe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredTopicRow")]
pub struct TopicRow {
    pub topic: String,
    /// People who list the topic, when at least k do.
    pub holders: Cell<usize>,
    pub status: TopicStatus,
}

/// Whether a topic's knowledge is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicStatus {
    /// At least k active people hold it.
    Healthy,
    /// Fewer than k active people hold it (perhaps none).
    #[serde(alias = "lost")]
    AtRisk,
}

/// A topic row as stored: the current shape, or the shape of snapshots stored before topics
/// stopped counting holders (read back with only what the current shape may show).
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredTopicRow {
    Current {
        topic: String,
        holders: Cell<usize>,
        status: TopicStatus,
    },
    Counted {
        topic: String,
        holders: usize,
        active_holders: usize,
    },
}

impl From<StoredTopicRow> for TopicRow {
    fn from(stored: StoredTopicRow) -> Self {
        match stored {
            StoredTopicRow::Current {
                topic,
                holders,
                status,
            } => Self {
                topic,
                holders,
                status,
            },
            StoredTopicRow::Counted {
                topic,
                holders,
                active_holders,
            } => Self::new(topic, holders, active_holders, MIN_GROUP_SIZE_FLOOR),
        }
    }
}

impl TopicRow {
    /// A topic listed by `holders` people, `active` of whom are still active.
    pub(crate) fn new(topic: String, holders: usize, active: usize, k: usize) -> Self {
        Self {
            topic,
            holders: Cell::for_group(holders, k, holders),
            status: if active >= k {
                TopicStatus::Healthy
            } else {
                TopicStatus::AtRisk
            },
        }
    }
}

/// Ties formed and lapsed over the last week, and what pairings contributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowSummary {
    pub new_ties: Cell<usize>,
    pub lapsed_ties: Cell<usize>,
    pub new_cross_team_ties: Cell<usize>,
    pub lapsed_cross_team_ties: Cell<usize>,
    /// New cross-team ties with a pairing that met in the window.
    pub new_cross_team_ties_from_pairings: Cell<usize>,
    /// Lapsed cross-team ties that had a pairing in last week's window.
    pub lapsed_cross_team_ties_from_pairings: Cell<usize>,
    pub new_ties_from_pairings: Cell<usize>,
    pub lapsed_ties_from_pairings: Cell<usize>,
}

/// A table's name, its shown total population and each row's shown population.
pub type TablePopulations = (&'static str, Option<usize>, Vec<Option<usize>>);

/// The suppression rules new snapshots follow.
pub const PRIVACY_RULES: u32 = 2;

impl Snapshot {
    /// A snapshot read back from storage. One stored under older rules is brought under the
    /// current ones: topic rows keep only whether k active people hold them (see
    /// [`TopicRow`]), and flow figures are re-suppressed from their own values.
    pub fn from_stored(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        let mut snapshot: Snapshot = serde_json::from_value(value)?;
        if snapshot.privacy_rules < PRIVACY_RULES {
            snapshot.flow =
                crate::metrics::flow::resuppress(&snapshot.flow, snapshot.min_group_size);
            snapshot.privacy_rules = PRIVACY_RULES;
        }
        Ok(snapshot)
    }

    /// Every group table with its shown populations, for privacy audits.
    pub fn group_tables(&self) -> Vec<TablePopulations> {
        let mut tables = Vec::new();
        let (total, rows) = self.ties.distribution.populations();
        tables.push(("ties per person", total, rows));
        let (total, rows) = self.teams.populations();
        tables.push(("teams", total, rows));
        let (total, rows) = self.silos.community_table.populations();
        tables.push(("communities", total, rows));
        let (total, rows) = self.newcomers.by_team.populations();
        tables.push(("newcomers by team", total, rows));
        let (total, rows) = self.newcomers.curve.populations();
        tables.push(("newcomer curve", total, rows));
        tables
    }

    /// Whether every table shows only groups of k or more and hides 0 or k or more people.
    pub fn passes_privacy_audit(&self) -> bool {
        self.group_tables()
            .iter()
            .all(|(_, total, rows)| table_is_safe(*total, rows, self.min_group_size))
    }
}
