//! pulse-bench: a full weekly snapshot of a generated company, timed, plus community
//! detection alone on the same tie graph (Leiden and Louvain), and the tie graph written as
//! an edge list so `scripts/bench/pulse-vs-igraph.sh` can time igraph on the same graph.
//! Run it under `/usr/bin/time -v` for peak memory.
//!
//! Usage: `pulse-bench <people> <interactions> <out-dir>`; `PULSE_OUTSIDE_SHARE` (default 0.4)
//! sets the share of contacts outside a person's team, for harder community structure.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use chrono::{TimeZone, Utc};
use hallway_pulse::synthetic::{generate, CompanySpec};
use hallway_pulse::{analyse, detect_communities, Algorithm, DetectionConfig, PulseConfig};
use serde_json::json;

/// Timed repetitions of community detection; the median is reported.
const REPEATS: usize = 3;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        bail!("usage: pulse-bench <people> <interactions> <out-dir>");
    }
    let people: usize = args[1].parse().context("people")?;
    let interactions: usize = args[2].parse().context("interactions")?;
    let out = PathBuf::from(&args[3]);
    fs::create_dir_all(&out)?;
    let as_of = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .context("date")?;
    let spec = CompanySpec {
        people,
        mean_team_size: 25,
        teams_per_department: 8,
        interactions,
        weeks: 5,
        contacts_per_person: 15,
        outside_team_share: outside_team_share()?,
        newcomer_share: 0.05,
        seed: 7,
        as_of,
    };
    let started = Instant::now();
    let company = generate(&spec)?;
    let generate_s = started.elapsed().as_secs_f64();
    let rss_after_generation = peak_rss_kib();
    eprintln!("generated {people} people, {interactions} interactions in {generate_s:.1} s");
    let started = Instant::now();
    let analysis = analyse(
        &company.org,
        &company.interactions,
        &company.topics,
        as_of,
        &PulseConfig::default(),
    )?;
    let snapshot_s = started.elapsed().as_secs_f64();
    let rss_after_snapshot = peak_rss_kib();
    eprintln!("snapshot in {snapshot_s:.1} s");
    let graph = analysis.tie_graph();
    let mut detection = serde_json::Map::new();
    for algorithm in [Algorithm::Leiden, Algorithm::Louvain] {
        let config = DetectionConfig {
            algorithm,
            ..DetectionConfig::default()
        };
        let mut runs = Vec::new();
        let mut partition = None;
        for _ in 0..REPEATS {
            let started = Instant::now();
            partition = Some(detect_communities(graph, &config)?);
            runs.push(started.elapsed().as_secs_f64());
        }
        runs.sort_by(f64::total_cmp);
        let partition = partition.context("no detection run")?;
        detection.insert(
            format!("{algorithm:?}").to_lowercase(),
            json!({"median_seconds": runs[REPEATS / 2], "runs_seconds": runs,
                   "modularity": partition.modularity, "communities": partition.count}),
        );
    }
    let mut edges = String::new();
    for (a, b, w) in graph.edges() {
        writeln!(edges, "{a} {b} {w}")?;
    }
    let edge_path = out.join("bench-ties.edges");
    fs::write(&edge_path, edges)?;
    let report = json!({
        "people": people,
        "interactions": interactions,
        "ties": graph.edge_count(),
        "generate_seconds": generate_s,
        "snapshot_seconds": snapshot_s,
        "peak_rss_kib_after_generation": rss_after_generation,
        "peak_rss_kib_after_snapshot": rss_after_snapshot,
        "snapshot_json_bytes": serde_json::to_string(&analysis.snapshot)?.len(),
        "detection": detection,
        "edge_list": edge_path.display().to_string(),
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// Peak resident memory of this process so far (VmHWM, Linux), in KiB; None elsewhere.
fn peak_rss_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Share of contacts outside the team, from `PULSE_OUTSIDE_SHARE` (default 0.4).
fn outside_team_share() -> Result<f64> {
    match std::env::var("PULSE_OUTSIDE_SHARE") {
        Ok(text) => text.parse().context("PULSE_OUTSIDE_SHARE must be a number"),
        Err(_) => Ok(0.4),
    }
}
