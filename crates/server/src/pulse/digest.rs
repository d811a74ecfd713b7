//! The weekly digest card on the hallway: a line or two from the latest snapshot, aggregates
//! only ("12 new cross-team ties this week; 2 newcomers still without one").

use hallway_pulse::{Snapshot, SUPPRESSED_TEXT};

/// What the hallway's Pulse card says.
pub struct Digest {
    /// The week the snapshot describes, e.g. "23 Nov".
    pub week: String,
    pub lines: Vec<String>,
}

/// The digest of the latest snapshot (given oldest first), if there is one.
pub fn digest(snapshots: &[Snapshot]) -> Option<Digest> {
    let latest = snapshots.last()?;
    let mut parts = Vec::new();
    if let Some(new) = latest.flow.new_cross_team_ties.shown() {
        parts.push(format!(
            "{new} new cross-team {} this week",
            plural(*new, "tie", "ties")
        ));
    }
    if let Some(without) = latest.newcomers.without_cross_team_tie.shown() {
        parts.push(format!(
            "{without} {} still without a tie outside their team",
            plural(*without, "newcomer", "newcomers")
        ));
    }
    let mut lines = Vec::new();
    if parts.is_empty() {
        lines.push(format!("This week's figures: {SUPPRESSED_TEXT}."));
    } else {
        lines.push(format!("{}.", capitalised(&parts.join("; "))));
    }
    if let Some(share) = latest.ties.cross_team_share.shown() {
        lines.push(format!("{:.0}% of ties cross team lines.", share * 100.0));
    }
    Some(Digest {
        week: latest.as_of.format("%-d %b").to_string(),
        lines,
    })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
