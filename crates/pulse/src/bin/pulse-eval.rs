//! pulse-eval: community detection on real graphs with ground truth, for the side-by-side
//! comparison with igraph in `scripts/bench/pulse-vs-igraph.sh`.
//!
//! Reads `email-eu-core` and `enron` from the data folder (and a karate edge list when
//! given), runs Leiden and Louvain, and writes for each graph its edge list, its ground-truth
//! labels and this crate's figures (modularity, NMI, communities, time) as JSON.
//!
//! Usage: `pulse-eval <data-dir> <out-dir> [karate-edges karate-labels]`

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use hallway_pulse::community::{modularity, normalized_mutual_information};
use hallway_pulse::{detect_communities, Algorithm, DetectionConfig, WeightedGraph};
use serde_json::{json, Value};

/// A graph with ground-truth labels, read from disk.
struct LabelledGraph {
    name: String,
    nodes: usize,
    edges: Vec<(u32, u32, f64)>,
    labels: Vec<u32>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 && args.len() != 5 {
        bail!("usage: pulse-eval <data-dir> <out-dir> [karate-edges karate-labels]");
    }
    let data = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut graphs = vec![read_email_eu(&data)?, read_enron(&data)?];
    if args.len() == 5 {
        graphs.push(read_plain(
            "karate",
            Path::new(&args[3]),
            Path::new(&args[4]),
        )?);
    }
    let mut results = BTreeMap::new();
    for graph in &graphs {
        write_graph(&out, graph)?;
        results.insert(graph.name.clone(), evaluate(graph)?);
        println!("{}: {}", graph.name, results[&graph.name]);
    }
    let path = out.join("pulse-results.json");
    fs::write(&path, serde_json::to_string_pretty(&results)?)?;
    println!("wrote {}", path.display());
    Ok(())
}

fn evaluate(graph: &LabelledGraph) -> Result<Value> {
    let weighted = WeightedGraph::from_edges(graph.nodes, &graph.edges)?;
    let mut figures = serde_json::Map::new();
    figures.insert(
        "ground_truth_modularity".into(),
        json!(modularity(&weighted, &graph.labels, 1.0)?),
    );
    figures.insert("nodes".into(), json!(graph.nodes));
    figures.insert("edges".into(), json!(weighted.edge_count()));
    for algorithm in [Algorithm::Leiden, Algorithm::Louvain] {
        let config = DetectionConfig {
            algorithm,
            ..DetectionConfig::default()
        };
        let started = Instant::now();
        let partition = detect_communities(&weighted, &config)?;
        let seconds = started.elapsed().as_secs_f64();
        let nmi = normalized_mutual_information(&partition.membership, &graph.labels)?;
        let mut seeds = Vec::new();
        for seed in 0..10 {
            let config = DetectionConfig {
                seed,
                ..config.clone()
            };
            seeds.push(detect_communities(&weighted, &config)?.modularity);
        }
        let best = seeds.iter().cloned().fold(f64::MIN, f64::max);
        let mean = seeds.iter().sum::<f64>() / seeds.len() as f64;
        figures.insert(
            format!("{algorithm:?}").to_lowercase(),
            json!({
                "modularity": partition.modularity,
                "nmi": nmi,
                "communities": partition.count,
                "seconds": seconds,
                "modularity_mean_10_seeds": mean,
                "modularity_best_10_seeds": best,
            }),
        );
    }
    Ok(Value::Object(figures))
}

fn write_graph(out: &Path, graph: &LabelledGraph) -> Result<()> {
    let edges: String = graph
        .edges
        .iter()
        .map(|(a, b, w)| format!("{a} {b} {w}\n"))
        .collect();
    fs::write(out.join(format!("{}.edges", graph.name)), edges)?;
    let labels: String = graph.labels.iter().map(|l| format!("{l}\n")).collect();
    fs::write(out.join(format!("{}.labels", graph.name)), labels)?;
    Ok(())
}

/// Lines of a file whose line endings may be LF, CRLF or CR alone.
fn lines_any_ending(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

fn pair(line: &str, path: &Path) -> Result<(u32, u32)> {
    let mut parts = line.split_whitespace().map(str::parse::<u32>);
    match (parts.next(), parts.next()) {
        (Some(Ok(a)), Some(Ok(b))) => Ok((a, b)),
        _ => bail!("{}: cannot read line {line:?}", path.display()),
    }
}

/// SNAP email-Eu-core: directed edges made undirected, duplicates and self-loops dropped.
fn read_email_eu(data: &Path) -> Result<LabelledGraph> {
    let dir = data.join("email-eu-core");
    let edge_path = dir.join("email-Eu-core.txt");
    let label_path = dir.join("email-Eu-core-department-labels.txt");
    let edge_text =
        fs::read_to_string(&edge_path).with_context(|| edge_path.display().to_string())?;
    let label_text =
        fs::read_to_string(&label_path).with_context(|| label_path.display().to_string())?;
    let mut label_of = HashMap::new();
    for line in lines_any_ending(&label_text) {
        let (node, label) = pair(line, &label_path)?;
        label_of.insert(node, label);
    }
    let nodes = label_of.keys().map(|&n| n as usize + 1).max().unwrap_or(0);
    let mut labels = vec![0u32; nodes];
    for (node, label) in label_of {
        labels[node as usize] = label;
    }
    let mut seen = std::collections::HashSet::new();
    let mut edges = Vec::new();
    for line in lines_any_ending(&edge_text) {
        let (a, b) = pair(line, &edge_path)?;
        let key = (a.min(b), a.max(b));
        if a != b && seen.insert(key) {
            edges.push((key.0, key.1, 1.0));
        }
    }
    Ok(LabelledGraph {
        name: "email-eu-core".into(),
        nodes,
        edges,
        labels,
    })
}

/// Enron (Perry & Wolfe): messages between the 156 employees, weight = messages per pair.
fn read_enron(data: &Path) -> Result<LabelledGraph> {
    let dir = data.join("enron");
    let actors: Value = serde_json::from_str(&fs::read_to_string(dir.join("actors.json"))?)?;
    let messages: Value = serde_json::from_str(&fs::read_to_string(dir.join("messages.json"))?)?;
    let actors = actors.as_array().context("actors.json is not a list")?;
    let mut index_of = HashMap::new();
    let mut department_ids: HashMap<String, u32> = HashMap::new();
    let mut labels = Vec::new();
    for actor in actors {
        let id = actor["id"].as_u64().context("actor without id")?;
        let department = actor["department"]
            .as_str()
            .unwrap_or("unknown")
            .to_string();
        let next = department_ids.len() as u32;
        labels.push(*department_ids.entry(department).or_insert(next));
        index_of.insert(id, (labels.len() - 1) as u32);
    }
    let mut counts: HashMap<(u32, u32), f64> = HashMap::new();
    for message in messages.as_array().context("messages.json is not a list")? {
        let Some(sender) = message["sender"].as_u64().and_then(|s| index_of.get(&s)) else {
            continue;
        };
        let receivers: Vec<u64> = match &message["receiver"] {
            Value::Array(list) => list.iter().filter_map(Value::as_u64).collect(),
            other => other.as_u64().into_iter().collect(),
        };
        for receiver in receivers.iter().filter_map(|r| index_of.get(r)) {
            if receiver != sender {
                let key = (*sender.min(receiver), *sender.max(receiver));
                *counts.entry(key).or_default() += 1.0;
            }
        }
    }
    let mut edges: Vec<(u32, u32, f64)> = counts.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    edges.sort_by_key(|(a, b, _)| (*a, *b));
    Ok(LabelledGraph {
        name: "enron".into(),
        nodes: labels.len(),
        edges,
        labels,
    })
}

/// A plain edge list ("a b") and a label per line, as written by the bench script.
fn read_plain(name: &str, edge_path: &Path, label_path: &Path) -> Result<LabelledGraph> {
    let labels: Vec<u32> = lines_any_ending(&fs::read_to_string(label_path)?)
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let mut edges = Vec::new();
    for line in lines_any_ending(&fs::read_to_string(edge_path)?) {
        let (a, b) = pair(line, edge_path)?;
        edges.push((a, b, 1.0));
    }
    Ok(LabelledGraph {
        name: name.into(),
        nodes: labels.len(),
        edges,
        labels,
    })
}
