//! SVG charts of snapshots: trend lines over weeks, the team-to-team heat map, the
//! bus-factor table and the newcomer curve. Suppressed figures are drawn as gaps or grey
//! cells labelled "not enough people to show this", never as zero.

use std::collections::HashMap;

use crate::privacy::{Cell, SUPPRESSED_TEXT};
use crate::render::svg::{blue_scale, Svg};
use crate::snapshot::{Snapshot, TopicStatus};

const GREY: &str = "#d0d0d0";

/// One line of a line chart; `None` points are suppressed and leave a gap.
struct Series<'a> {
    name: &'a str,
    colour: &'a str,
    points: Vec<Option<f64>>,
}

/// Weekly trend of the cross-team share of ties and of newcomers without a cross-team tie.
pub fn trend_chart(snapshots: &[Snapshot]) -> String {
    let percent = |cell: &Cell<f64>| cell.shown().map(|v| v * 100.0);
    let series = [
        Series {
            name: "cross-team share of ties (%)",
            colour: "#1f77b4",
            points: snapshots
                .iter()
                .map(|s| percent(&s.ties.cross_team_share))
                .collect(),
        },
        Series {
            name: "newcomers without a cross-team tie (%)",
            colour: "#d62728",
            points: snapshots
                .iter()
                .map(|s| percent(&s.newcomers.without_cross_team_tie_share))
                .collect(),
        },
    ];
    line_chart(
        "Cross-team ties over time",
        &week_labels(snapshots),
        &series,
        100.0,
    )
}

/// Weekly mean and median ties per person.
pub fn ties_chart(snapshots: &[Snapshot]) -> String {
    let series = [
        Series {
            name: "mean ties per person",
            colour: "#1f77b4",
            points: snapshots
                .iter()
                .map(|s| s.ties.mean_per_person.shown().copied())
                .collect(),
        },
        Series {
            name: "median ties per person",
            colour: "#8c564b",
            points: snapshots
                .iter()
                .map(|s| s.ties.median_per_person.shown().copied())
                .collect(),
        },
    ];
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().flatten())
        .fold(1.0f64, |a, &b| a.max(b))
        .ceil();
    line_chart("Ties per person", &week_labels(snapshots), &series, top)
}

/// Weekly new and lapsed cross-team ties, and new ones that came from pairings.
pub fn flow_chart(snapshots: &[Snapshot]) -> String {
    let count = |cell: &Cell<usize>| cell.shown().map(|&v| v as f64);
    let series = [
        Series {
            name: "new cross-team ties",
            colour: "#2ca02c",
            points: snapshots
                .iter()
                .map(|s| count(&s.flow.new_cross_team_ties))
                .collect(),
        },
        Series {
            name: "lapsed cross-team ties",
            colour: "#ff7f0e",
            points: snapshots
                .iter()
                .map(|s| count(&s.flow.lapsed_cross_team_ties))
                .collect(),
        },
        Series {
            name: "new, from pairings",
            colour: "#9467bd",
            points: snapshots
                .iter()
                .map(|s| count(&s.flow.new_cross_team_ties_from_pairings))
                .collect(),
        },
    ];
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().flatten())
        .fold(1.0f64, |a, &b| a.max(b));
    line_chart(
        "Ties formed and lapsed per week",
        &week_labels(snapshots),
        &series,
        top,
    )
}

fn week_labels(snapshots: &[Snapshot]) -> Vec<String> {
    snapshots
        .iter()
        .map(|s| s.as_of.format("%d %b").to_string())
        .collect()
}

fn line_chart(title: &str, labels: &[String], series: &[Series<'_>], y_max: f64) -> String {
    let (left, top, plot_w, plot_h) = (60.0, 40.0, 460.0, 220.0);
    let mut svg = Svg::new(800.0, 320.0, title);
    svg.line((left, top + plot_h), (left + plot_w, top + plot_h), "#888");
    svg.line((left, top), (left, top + plot_h), "#888");
    for tick in 0..=4 {
        let value = y_max * f64::from(tick) / 4.0;
        let y = top + plot_h - plot_h * f64::from(tick) / 4.0;
        svg.text(
            left - 6.0,
            y + 4.0,
            &format!("{value:.0}"),
            "end",
            11.0,
            "#444",
        );
    }
    let step = plot_w / (labels.len().max(2) - 1) as f64;
    let x_of = |i: usize| left + step * i as f64;
    for (i, label) in labels.iter().enumerate() {
        svg.text(x_of(i), top + plot_h + 16.0, label, "middle", 10.0, "#444");
    }
    let mut any_gap = false;
    for (rank, line) in series.iter().enumerate() {
        let mut segment = Vec::new();
        for (i, point) in line.points.iter().enumerate() {
            match point {
                Some(v) => segment.push((x_of(i), top + plot_h - plot_h * (v / y_max).min(1.0))),
                None => {
                    any_gap = true;
                    svg.polyline(&segment, line.colour);
                    segment.clear();
                }
            }
        }
        svg.polyline(&segment, line.colour);
        let y = top + 20.0 * rank as f64;
        svg.rect(left + plot_w + 20.0, y, 12.0, 12.0, line.colour, line.name);
        svg.text(
            left + plot_w + 38.0,
            y + 10.0,
            line.name,
            "start",
            11.0,
            "#222",
        );
    }
    if any_gap {
        let note = format!("Gaps: {SUPPRESSED_TEXT}");
        svg.text(left, top + plot_h + 40.0, &note, "start", 11.0, "#666");
    }
    svg.finish()
}

/// Team-to-team tie counts for the `max_teams` largest shown teams.
pub fn heat_map(snapshot: &Snapshot, max_teams: usize) -> String {
    let mut teams: Vec<(&str, usize)> = snapshot
        .teams
        .rows
        .iter()
        .filter_map(|row| row.figures.shown().map(|f| (row.label.as_str(), f.people)))
        .collect();
    teams.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    teams.truncate(max_teams);
    let index: HashMap<&str, usize> = teams.iter().enumerate().map(|(i, t)| (t.0, i)).collect();
    let n = teams.len();
    let mut counts = vec![vec![0usize; n]; n];
    for pair in &snapshot.team_pairs {
        if let (Some(&a), Some(&b), Some(&ties)) = (
            index.get(pair.a.as_str()),
            index.get(pair.b.as_str()),
            pair.ties.shown(),
        ) {
            counts[a][b] = ties;
            counts[b][a] = ties;
        }
    }
    let most = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let cell = (560.0 / n.max(1) as f64).min(36.0);
    let (left, top) = (200.0, 60.0);
    let height = top + cell * n as f64 + 50.0;
    let mut svg = Svg::new(
        left + cell * n as f64 + 40.0,
        height.max(140.0),
        "Ties between teams",
    );
    for (i, (name, _)) in teams.iter().enumerate() {
        let y = top + cell * i as f64;
        svg.text(
            left - 8.0,
            y + cell / 2.0 + 4.0,
            &format!("{}. {name}", i + 1),
            "end",
            11.0,
            "#222",
        );
        svg.text(
            left + cell * (i as f64 + 0.5),
            top - 8.0,
            &(i + 1).to_string(),
            "middle",
            10.0,
            "#444",
        );
        for (j, &ties) in counts[i].iter().enumerate() {
            let tooltip = format!("{name} – {}: {ties} ties", teams[j].0);
            svg.rect(
                left + cell * j as f64,
                y,
                cell,
                cell,
                &blue_scale(ties as f64 / most),
                &tooltip,
            );
            if cell >= 22.0 {
                let ink = if ties as f64 / most > 0.5 {
                    "#fff"
                } else {
                    "#333"
                };
                let (cx, cy) = (left + cell * (j as f64 + 0.5), y + cell / 2.0 + 4.0);
                svg.text(cx, cy, &ties.to_string(), "middle", 10.0, ink);
            }
        }
    }
    if n == 0 {
        svg.text(20.0, top + 20.0, SUPPRESSED_TEXT, "start", 12.0, "#666");
    } else {
        let note = "Teams too small to show are left out.";
        svg.text(
            left,
            top + cell * n as f64 + 24.0,
            note,
            "start",
            11.0,
            "#666",
        );
    }
    svg.finish()
}

/// Topics, those fewer than k active people hold first (at most `max_topics`). No count of
/// a topic's active or quiet holders is drawn: with public tags it would name them.
pub fn bus_factor_table(snapshot: &Snapshot, max_topics: usize) -> String {
    let rows: Vec<_> = snapshot.knowledge.topics.iter().take(max_topics).collect();
    let k = snapshot.min_group_size;
    let mut svg = Svg::new(720.0, 70.0 + 22.0 * rows.len() as f64, "Knowledge at risk");
    for (name, x) in [("Topic", 20.0), ("Listed by", 300.0), ("Status", 420.0)] {
        svg.text(x, 52.0, name, "start", 12.0, "#222");
    }
    for (i, row) in rows.iter().enumerate() {
        let y = 74.0 + 22.0 * i as f64;
        let status = match row.status {
            TopicStatus::AtRisk => format!("fewer than {k} active people know this"),
            TopicStatus::Healthy => format!("{k} or more active people know this"),
        };
        let colour = match row.status {
            TopicStatus::AtRisk => "#ef6c00",
            TopicStatus::Healthy => "#2e7d32",
        };
        let listed = match row.holders.shown() {
            Some(people) => format!("{people} people"),
            None => format!("fewer than {k}"),
        };
        svg.text(20.0, y, &shorten(&row.topic, 36), "start", 12.0, "#222");
        svg.text(300.0, y, &listed, "start", 12.0, "#222");
        svg.text(420.0, y, &status, "start", 12.0, colour);
    }
    svg.finish()
}

/// Share of newcomers with a cross-team tie, by weeks since joining.
pub fn newcomer_curve(snapshot: &Snapshot) -> String {
    let rows = &snapshot.newcomers.curve.rows;
    let (left, top, plot_h) = (60.0, 40.0, 200.0);
    let bar = 70.0;
    let mut svg = Svg::new(
        (left + bar * rows.len().max(1) as f64 + 40.0).max(480.0),
        320.0,
        "Newcomers with a tie outside their team",
    );
    svg.line(
        (left, top + plot_h),
        (left + bar * rows.len() as f64, top + plot_h),
        "#888",
    );
    for tick in 0..=4 {
        let y = top + plot_h - plot_h * f64::from(tick) / 4.0;
        svg.text(
            left - 6.0,
            y + 4.0,
            &format!("{}%", tick * 25),
            "end",
            11.0,
            "#444",
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let x = left + bar * i as f64 + 8.0;
        match row.figures.shown() {
            Some(figures) => {
                let h = plot_h * figures.value.with_cross_team_tie_share;
                let tip = format!(
                    "{}: {} newcomers, {:.0}% with a cross-team tie",
                    row.label,
                    figures.people,
                    figures.value.with_cross_team_tie_share * 100.0
                );
                svg.rect(x, top + plot_h - h, bar - 16.0, h, "#1f77b4", &tip);
            }
            None => svg.rect(
                x,
                top,
                bar - 16.0,
                plot_h,
                GREY,
                &format!("{}: {SUPPRESSED_TEXT}", row.label),
            ),
        }
        svg.text(
            x + (bar - 16.0) / 2.0,
            top + plot_h + 16.0,
            &row.label,
            "middle",
            10.0,
            "#444",
        );
    }
    svg.rect(left, top + plot_h + 34.0, 12.0, 12.0, GREY, SUPPRESSED_TEXT);
    svg.text(
        left + 18.0,
        top + plot_h + 44.0,
        &format!("grey: {SUPPRESSED_TEXT}"),
        "start",
        11.0,
        "#666",
    );
    svg.finish()
}

/// Cuts text to at most `max` characters, ending with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
