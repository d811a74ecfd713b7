//! The snapshot as plain text for a terminal. Long tables are cut to their first rows.

use std::fmt::Write as _;

use crate::privacy::{Cell, GroupTable};
use crate::snapshot::{Snapshot, TopicStatus};

/// Rows shown per table before "… and N more".
const MAX_ROWS: usize = 25;

/// Renders a snapshot as plain text.
pub fn text(snapshot: &Snapshot) -> String {
    let mut out = String::new();
    let _ = write_snapshot(&mut out, snapshot);
    out
}

fn percent(cell: &Cell<f64>) -> String {
    cell.map(|v| format!("{:.1} %", v * 100.0)).to_string()
}

fn decimal(cell: &Cell<f64>) -> String {
    cell.map(|v| format!("{v:.2}")).to_string()
}

fn write_table<T>(
    out: &mut String,
    table: &GroupTable<T>,
    line: impl Fn(usize, &T) -> String,
) -> std::fmt::Result {
    for row in table.rows.iter().take(MAX_ROWS) {
        match row.figures.shown() {
            Some(f) => writeln!(out, "  {}: {}", row.label, line(f.people, &f.value))?,
            None => writeln!(out, "  {}: {}", row.label, Cell::<u8>::Suppressed)?,
        }
    }
    if table.rows.len() > MAX_ROWS {
        writeln!(out, "  … and {} more", table.rows.len() - MAX_ROWS)?;
    }
    Ok(())
}

fn write_snapshot(out: &mut String, s: &Snapshot) -> std::fmt::Result {
    writeln!(
        out,
        "Pulse for the week ending {} (every figure covers at least {} people)",
        s.as_of.format("%Y-%m-%d"),
        s.min_group_size
    )?;
    writeln!(out, "People: {}", s.people)?;
    let t = &s.ties;
    writeln!(
        out,
        "\nTies: {} (cross-team: {}, {}); per person: mean {}, median {}",
        t.total,
        t.cross_team,
        percent(&t.cross_team_share),
        decimal(&t.mean_per_person),
        decimal(&t.median_per_person)
    )?;
    write_table(out, &t.distribution, |people, share| {
        format!("{people} people ({:.1} %)", share * 100.0)
    })?;
    writeln!(out, "\nTeams:")?;
    write_table(out, &s.teams, |people, f| {
        format!(
            "{people} people, {:.1} ties per person, {:.0} % of ties cross-team, linked to {} teams",
            f.ties_per_person,
            f.cross_team_share * 100.0,
            f.teams_linked
        )
    })?;
    let silos = &s.silos;
    writeln!(
        out,
        "\nSilos ({:?}): {} communities, modularity {}, silo index (NMI of communities vs teams) {}",
        silos.algorithm,
        silos.communities,
        decimal(&silos.modularity),
        decimal(&silos.silo_index)
    )?;
    let list = |names: &[String]| {
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    writeln!(
        out,
        "  Teams joined to the rest by a single tie: {}",
        list(&silos.teams_joined_by_single_tie)
    )?;
    writeln!(
        out,
        "  Teams with no tie to another team: {}",
        list(&silos.teams_without_cross_team_ties)
    )?;
    write_table(out, &silos.community_table, |people, f| {
        format!(
            "{people} people from {} {}, {:.0} % from its largest team",
            f.teams_spanned,
            if f.teams_spanned == 1 {
                "team"
            } else {
                "teams"
            },
            f.largest_team_share * 100.0
        )
    })?;
    let n = &s.newcomers;
    writeln!(
        out,
        "\nNewcomers (first {} days): {}; without a tie outside their team: {} ({})",
        n.newcomer_days,
        n.newcomers,
        n.without_cross_team_tie,
        percent(&n.without_cross_team_tie_share)
    )?;
    write_table(out, &n.curve, |people, p| {
        format!(
            "{people} newcomers, {:.0} % with a cross-team tie, {:.1} ties on average",
            p.with_cross_team_tie_share * 100.0,
            p.mean_ties
        )
    })?;
    let k = &s.knowledge;
    writeln!(
        out,
        "\nKnowledge: {} topics held by fewer than {} active people (quiet after {} days)",
        k.at_risk, s.min_group_size, k.quiet_after_days
    )?;
    for topic in k
        .topics
        .iter()
        .filter(|t| t.status == TopicStatus::AtRisk)
        .take(MAX_ROWS)
    {
        writeln!(
            out,
            "  {}: fewer than {} active people know this",
            topic.topic, s.min_group_size
        )?;
    }
    let f = &s.flow;
    writeln!(
        out,
        "\nThis week: {} new ties ({} cross-team, {} of them from pairings); {} lapsed ({} cross-team, {} had pairings)",
        f.new_ties,
        f.new_cross_team_ties,
        f.new_cross_team_ties_from_pairings,
        f.lapsed_ties,
        f.lapsed_cross_team_ties,
        f.lapsed_cross_team_ties_from_pairings
    )
}
