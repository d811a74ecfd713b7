//! The Pulse page's charts: the engine's SVG renderings of stored snapshots, each with a
//! one-line caption in plain language. Every figure comes from a snapshot, already suppressed
//! below k people; a suppressed figure reads "not enough people to show this", never 0.

use hallway_pulse::render::{
    bus_factor_table, flow_chart, heat_map, newcomer_curve, ties_chart, trend_chart,
};
use hallway_pulse::{Snapshot, SUPPRESSED_TEXT};

/// Most teams drawn in the heat map, and most topics in the bus-factor table.
const MAX_TEAMS: usize = 16;
const MAX_TOPICS: usize = 12;

/// One chart on the page: an id for anchors and tests, a title, a caption and the SVG.
pub struct ChartCard {
    pub id: &'static str,
    pub title: &'static str,
    pub caption: String,
    /// Drawn by the engine, which escapes every piece of text it contains.
    pub svg: String,
}

/// The page's charts from snapshots given oldest first; empty when there are none.
pub fn chart_cards(snapshots: &[Snapshot]) -> Vec<ChartCard> {
    let Some(latest) = snapshots.last() else {
        return Vec::new();
    };
    let previous = snapshots.len().checked_sub(2).map(|i| &snapshots[i]);
    vec![
        ChartCard {
            id: "ties",
            title: "Ties per person",
            caption: ties_caption(latest),
            svg: ties_chart(snapshots),
        },
        ChartCard {
            id: "cross-team",
            title: "Cross-team share",
            caption: share_caption(latest, previous),
            svg: trend_chart(snapshots),
        },
        ChartCard {
            id: "flow",
            title: "New and lapsed cross-team ties",
            caption: flow_caption(latest),
            svg: flow_chart(snapshots),
        },
        ChartCard {
            id: "heat-map",
            title: "Ties between teams",
            caption: heat_map_caption(latest),
            svg: heat_map(latest, MAX_TEAMS),
        },
        ChartCard {
            id: "bus-factor",
            title: "Knowledge at risk",
            caption: bus_factor_caption(latest),
            svg: bus_factor_table(latest, MAX_TOPICS),
        },
        ChartCard {
            id: "newcomers",
            title: "Newcomers",
            caption: newcomer_caption(latest),
            svg: newcomer_curve(latest),
        },
    ]
}

/// "Ties per person: not enough people to show this." for a withheld figure.
fn withheld(what: &str) -> String {
    format!("{what}: {SUPPRESSED_TEXT}.")
}

fn ties_caption(s: &Snapshot) -> String {
    match (
        s.ties.mean_per_person.shown(),
        s.ties.median_per_person.shown(),
    ) {
        (Some(mean), Some(median)) => format!(
            "A person has {mean:.1} ties on average (half have {median:.0} or more): \
             a tie is two people who talked at least twice in four weeks."
        ),
        _ => withheld("Ties per person"),
    }
}

fn share_caption(s: &Snapshot, previous: Option<&Snapshot>) -> String {
    let Some(share) = s.ties.cross_team_share.shown() else {
        return withheld("Cross-team share of ties");
    };
    let change = previous
        .and_then(|p| p.ties.cross_team_share.shown())
        .map(|before| format!(", against {:.0}% the week before", before * 100.0))
        .unwrap_or_default();
    format!(
        "{:.0}% of ties cross team lines this week{change}.",
        share * 100.0
    )
}

fn flow_caption(s: &Snapshot) -> String {
    match (
        s.flow.new_cross_team_ties.shown(),
        s.flow.lapsed_cross_team_ties.shown(),
    ) {
        (Some(new), Some(lapsed)) => {
            let pairings = match s.flow.new_cross_team_ties_from_pairings.shown() {
                Some(n) => format!(" ({n} of the new ones after a pairing)"),
                None => String::new(),
            };
            format!("{new} new cross-team ties formed this week{pairings} and {lapsed} lapsed.")
        }
        _ => withheld("New and lapsed ties"),
    }
}

fn heat_map_caption(s: &Snapshot) -> String {
    let alone = &s.silos.teams_without_cross_team_ties;
    let single = &s.silos.teams_joined_by_single_tie;
    let mut caption = String::from("Darker squares mean more ties between two teams.");
    if !alone.is_empty() {
        caption.push_str(&format!(" No ties to other teams: {}.", alone.join(", ")));
    } else if !single.is_empty() {
        caption.push_str(&format!(
            " Held to the rest by a single tie: {}.",
            single.join(", ")
        ));
    }
    caption
}

fn bus_factor_caption(s: &Snapshot) -> String {
    let k = &s.knowledge;
    if k.topics.is_empty() {
        return "No topics yet: they come from people's \"ask me about\" tags.".into();
    }
    format!(
        "Of {} topics, {} are known to fewer than {} active people: a note or a show-and-tell \
         would keep them around.",
        k.topics.len(),
        k.at_risk,
        s.min_group_size
    )
}

fn newcomer_caption(s: &Snapshot) -> String {
    let days = s.newcomers.newcomer_days;
    match s.newcomers.without_cross_team_tie_share.shown() {
        Some(share) => format!(
            "{:.0}% of people who joined in the last {days} days have no tie outside their team yet.",
            share * 100.0
        ),
        None => withheld(&format!("Newcomers (last {days} days)")),
    }
}
