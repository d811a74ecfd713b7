//! Prints a snapshot of a small generated company as text and writes its SVG charts,
//! to look at the renderings: `cargo run -p hallway-pulse --example pulse-demo -- <out-dir>`.

use anyhow::{Context, Result};
use chrono::{TimeZone, Utc};
use hallway_pulse::render::{
    bus_factor_table, flow_chart, heat_map, newcomer_curve, text, trend_chart,
};
use hallway_pulse::synthetic::{generate, CompanySpec};
use hallway_pulse::{analyse_weeks, PulseConfig};

fn main() -> Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "pulse-demo".into());
    std::fs::create_dir_all(&out)?;
    let as_of = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .context("date")?;
    let company = generate(&CompanySpec {
        weeks: 12,
        interactions: 400 * 60,
        ..CompanySpec::small(400, 1, as_of)
    })?;
    let weeks = analyse_weeks(
        &company.org,
        &company.interactions,
        &company.topics,
        as_of,
        8,
        &PulseConfig::default(),
    )?;
    let snapshots: Vec<_> = weeks.iter().map(|a| a.snapshot.clone()).collect();
    let last = snapshots.last().context("no weeks")?;
    println!("{}", text(last));
    if std::env::var("PULSE_DEBUG").is_ok() {
        println!("{:#?}", last.ties.distribution);
    }
    std::fs::write(format!("{out}/trend.svg"), trend_chart(&snapshots))?;
    std::fs::write(format!("{out}/flow.svg"), flow_chart(&snapshots))?;
    std::fs::write(format!("{out}/heat-map.svg"), heat_map(last, 15))?;
    std::fs::write(format!("{out}/bus-factor.svg"), bus_factor_table(last, 20))?;
    std::fs::write(format!("{out}/newcomers.svg"), newcomer_curve(last))?;
    Ok(())
}
