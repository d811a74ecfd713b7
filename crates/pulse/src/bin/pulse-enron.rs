//! pulse-enron: the whole pulse pipeline on real e-mail metadata. Enron employees become the
//! organisation (their department is the team), every message to a colleague becomes an
//! interaction, and eight weekly snapshots are computed up to the busiest week. Writes the
//! last snapshot as text and JSON and the trend charts as SVG.
//!
//! Usage: `pulse-enron <data-dir> <out-dir>`

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Duration, Utc};
use hallway_pulse::render::{flow_chart, heat_map, json, text, trend_chart};
use hallway_pulse::{
    analyse_weeks, Interaction, InteractionKind, Organisation, Person, PersonId, PulseConfig,
    Snapshot, Team, TeamId,
};
use serde_json::Value;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        bail!("usage: pulse-enron <data-dir> <out-dir>");
    }
    let dir = PathBuf::from(&args[1]).join("enron");
    let out = PathBuf::from(&args[2]);
    fs::create_dir_all(&out)?;
    let actors: Value = serde_json::from_str(&fs::read_to_string(dir.join("actors.json"))?)?;
    let messages: Value = serde_json::from_str(&fs::read_to_string(dir.join("messages.json"))?)?;
    let mut teams: BTreeMap<String, TeamId> = BTreeMap::new();
    let mut actor_team = Vec::new();
    for actor in actors.as_array().context("actors.json is not a list")? {
        let id = actor["id"].as_u64().context("actor without id")?;
        let department = actor["department"]
            .as_str()
            .unwrap_or("Unknown")
            .to_string();
        let next = TeamId(teams.len() as u32);
        actor_team.push((id, *teams.entry(department).or_insert(next)));
    }
    let mut interactions = Vec::new();
    let mut first_seen: HashMap<u64, DateTime<Utc>> = HashMap::new();
    let known: HashMap<u64, TeamId> = actor_team.iter().copied().collect();
    for message in messages.as_array().context("messages.json is not a list")? {
        let (Some(sender), Some(at)) = (message["sender"].as_u64(), message["time"].as_i64())
        else {
            continue;
        };
        let Some(at) = DateTime::<Utc>::from_timestamp(at, 0) else {
            continue;
        };
        let receivers: Vec<u64> = match &message["receiver"] {
            Value::Array(list) => list.iter().filter_map(Value::as_u64).collect(),
            other => other.as_u64().into_iter().collect(),
        };
        for receiver in receivers {
            if receiver == sender || !known.contains_key(&sender) || !known.contains_key(&receiver)
            {
                continue;
            }
            for person in [sender, receiver] {
                let seen = first_seen.entry(person).or_insert(at);
                *seen = (*seen).min(at);
            }
            interactions.push(Interaction {
                at,
                a: PersonId(sender),
                b: PersonId(receiver),
                kind: InteractionKind::Reply,
                weight: 1.0,
            });
        }
    }
    let busiest_week_end = busiest_week_end(&interactions).context("no messages")?;
    interactions.retain(|i| i.at <= busiest_week_end);
    let people = actor_team
        .iter()
        .map(|&(id, team)| Person {
            id: PersonId(id),
            team,
            joined: first_seen.get(&id).copied().unwrap_or(busiest_week_end),
            left: None,
        })
        .collect();
    let teams = teams
        .into_iter()
        .map(|(name, id)| Team { id, name })
        .collect();
    let org = Organisation::new(teams, people)?;
    let started = Instant::now();
    let weeks = analyse_weeks(
        &org,
        &interactions,
        &[],
        busiest_week_end,
        8,
        &PulseConfig::default(),
    )?;
    println!(
        "{} interactions among {} employees; 8 weekly snapshots in {:.2} s",
        interactions.len(),
        actor_team.len(),
        started.elapsed().as_secs_f64()
    );
    let snapshots: Vec<Snapshot> = weeks.into_iter().map(|a| a.snapshot).collect();
    let last = snapshots.last().context("no snapshot")?;
    let report = text(last);
    println!("{report}");
    fs::write(out.join("enron-snapshot.txt"), &report)?;
    fs::write(out.join("enron-snapshot.json"), json(last)?)?;
    fs::write(out.join("enron-trend.svg"), trend_chart(&snapshots))?;
    fs::write(out.join("enron-flow.svg"), flow_chart(&snapshots))?;
    fs::write(out.join("enron-heat-map.svg"), heat_map(last, 20))?;
    Ok(())
}

/// End of the 7-day span (aligned to the last message) holding the most interactions.
fn busiest_week_end(interactions: &[Interaction]) -> Option<DateTime<Utc>> {
    let last = interactions.iter().map(|i| i.at).max()?;
    let mut per_week: HashMap<i64, usize> = HashMap::new();
    for interaction in interactions {
        *per_week
            .entry((last - interaction.at).num_weeks())
            .or_default() += 1;
    }
    let (weeks_back, _) = per_week
        .into_iter()
        .max_by_key(|&(weeks_back, count)| (count, -weeks_back))?;
    Some(last - Duration::weeks(weeks_back))
}
