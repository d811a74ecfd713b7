//! Text, JSON and SVG renderings of snapshots.

mod common;

use chrono::Duration;
use common::{chats, now, org};
use hallway_pulse::render::{bus_factor_table, heat_map, json, newcomer_curve, trend_chart};
use hallway_pulse::{
    analyse, analyse_weeks, PersonId, PulseConfig, PulseError, Snapshot, Topic, TopicHolding,
    SUPPRESSED_TEXT,
};

fn snapshot_with_tricky_names() -> Result<Snapshot, PulseError> {
    let org = org(&[("R&D <core>", 6), ("Design", 6)], &[0, 1, 2, 3, 4])?;
    let mut interactions = chats(0, 6, 2, 1);
    interactions.extend(chats(1, 2, 2, 1));
    let topics = vec![Topic {
        name: "billing <legacy>".into(),
        holders: vec![TopicHolding {
            person: PersonId(7),
            last_active: now() - Duration::days(200),
        }],
    }];
    Ok(analyse(&org, &interactions, &topics, now(), &PulseConfig::default())?.snapshot)
}

#[test]
fn svg_charts_escape_names_and_mark_suppressed_cells() -> Result<(), PulseError> {
    let snapshot = snapshot_with_tricky_names()?;
    let map = heat_map(&snapshot, 20);
    assert!(map.contains("R&amp;D &lt;core&gt;"), "{map}");
    assert!(!map.contains("<core>"));
    assert!(map.contains("R&amp;D &lt;core&gt; – Design: 1 ties"));
    let table = bus_factor_table(&snapshot, 10);
    assert!(
        table.contains("billing &lt;legacy&gt;")
            && table.contains("fewer than 5 active people know this"),
        "{table}"
    );
    assert!(
        !table.contains("Quiet") && !table.contains("Bus factor"),
        "{table}"
    );
    let curve = newcomer_curve(&snapshot);
    assert!(curve.contains(SUPPRESSED_TEXT));
    assert!(curve.starts_with("<svg") && curve.ends_with("</svg>"));
    Ok(())
}

#[test]
fn trend_lines_follow_the_weeks() -> Result<(), PulseError> {
    let org = org(&[("A", 6), ("B", 6)], &[])?;
    let mut interactions = chats(0, 6, 2, 1);
    interactions.extend(chats(1, 2, 2, 20));
    let weeks = analyse_weeks(&org, &interactions, &[], now(), 4, &PulseConfig::default())?;
    let snapshots: Vec<Snapshot> = weeks.into_iter().map(|a| a.snapshot).collect();
    assert_eq!(snapshots.len(), 4);
    assert!(snapshots[0].as_of < snapshots[3].as_of);
    let chart = trend_chart(&snapshots);
    assert_eq!(chart.matches("<polyline").count(), 1, "{chart}");
    assert!(chart.contains("Gaps: not enough people to show this"));
    assert!(
        chart.contains("520.0,150.0"),
        "last week's cross-team share is 50 %: {chart}"
    );
    Ok(())
}

#[test]
fn json_round_trips_and_marks_suppression() -> Result<(), PulseError> {
    let snapshot = snapshot_with_tricky_names()?;
    let text = json(&snapshot).unwrap_or_default();
    assert!(text.contains(r#""status": "suppressed""#));
    let back: Snapshot =
        serde_json::from_str(&text).map_err(|e| PulseError::InvalidConfig(e.to_string()))?;
    assert_eq!(back, snapshot);
    Ok(())
}
