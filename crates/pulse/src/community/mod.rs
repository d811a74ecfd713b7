//! Community detection: Louvain and Leiden, weighted, deterministic for a seed.
//!
//! Both share the local-moving phase; Leiden adds the refinement phase and aggregates by the
//! refined partition, which keeps communities connected. The whole algorithm is repeated,
//! each run starting from the last partition, while modularity still improves.

mod aggregate;
mod local_moving;
mod quality;
mod refine;

use std::borrow::Cow;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::PulseError;
use crate::graph::WeightedGraph;
pub use quality::{modularity, normalized_mutual_information};

/// Which community detection algorithm to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    Louvain,
    Leiden,
}

/// Settings for community detection.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectionConfig {
    pub algorithm: Algorithm,
    /// Resolution γ of modularity (1 is Newman's modularity).
    pub resolution: f64,
    pub seed: u64,
    /// Most full runs; the loop stops earlier once modularity stops improving.
    pub max_runs: usize,
}

impl Default for DetectionConfig {
    fn default() -> Self {
        Self {
            algorithm: Algorithm::Leiden,
            resolution: 1.0,
            seed: 42,
            max_runs: 10,
        }
    }
}

/// Detected communities: a label per node (`0..count`) and the partition's modularity.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    pub membership: Vec<u32>,
    pub count: usize,
    pub modularity: f64,
}

/// Detects communities in a weighted graph.
pub fn detect_communities(
    graph: &WeightedGraph,
    config: &DetectionConfig,
) -> Result<Partition, PulseError> {
    if !(config.resolution.is_finite() && config.resolution > 0.0) {
        return Err(PulseError::InvalidConfig(
            "resolution must be positive".into(),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut membership: Vec<u32> = (0..graph.node_count() as u32).collect();
    let mut best_quality = modularity(graph, &membership, config.resolution)?;
    for _ in 0..config.max_runs.max(1) {
        let candidate = one_run(graph, &membership, config, &mut rng);
        let quality = modularity(graph, &candidate, config.resolution)?;
        if quality <= best_quality + 1e-10 {
            break;
        }
        best_quality = quality;
        membership = candidate;
    }
    let count = aggregate::renumber(&mut membership);
    let modularity = modularity(graph, &membership, 1.0)?;
    Ok(Partition {
        membership,
        count,
        modularity,
    })
}

/// One multi-level run starting from `initial`; returns a label per original node.
fn one_run(
    original: &WeightedGraph,
    initial: &[u32],
    config: &DetectionConfig,
    rng: &mut ChaCha8Rng,
) -> Vec<u32> {
    let mut graph: Cow<'_, WeightedGraph> = Cow::Borrowed(original);
    let mut level_of: Vec<u32> = (0..original.node_count() as u32).collect();
    let mut membership = initial.to_vec();
    aggregate::renumber(&mut membership);
    loop {
        local_moving::move_nodes(&graph, &mut membership, config.resolution, rng);
        let communities = aggregate::renumber(&mut membership);
        if communities == graph.node_count() {
            break;
        }
        let (collapse, count, next) = match config.algorithm {
            Algorithm::Louvain => (
                membership.clone(),
                communities,
                (0..communities as u32).collect(),
            ),
            Algorithm::Leiden => {
                let mut refined = refine::refine(&graph, &membership, config.resolution, rng);
                let count = aggregate::renumber(&mut refined);
                if count == graph.node_count() {
                    (
                        membership.clone(),
                        communities,
                        (0..communities as u32).collect(),
                    )
                } else {
                    let mut next = vec![0u32; count];
                    for (node, &sub) in refined.iter().enumerate() {
                        next[sub as usize] = membership[node];
                    }
                    (refined, count, next)
                }
            }
        };
        let collapsed = aggregate::aggregate(&graph, &collapse, count);
        for level in level_of.iter_mut() {
            *level = collapse[*level as usize];
        }
        graph = Cow::Owned(collapsed);
        membership = next;
    }
    level_of
        .iter()
        .map(|&level| membership[level as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    fn planted_graph(groups: usize, size: usize, seed: u64) -> Result<WeightedGraph, PulseError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let nodes = groups * size;
        let mut edges = Vec::new();
        for a in 0..nodes {
            for b in (a + 1)..nodes {
                let same = a / size == b / size;
                let p = if same { 0.3 } else { 0.01 };
                if rng.gen_bool(p) {
                    edges.push((a as u32, b as u32, rng.gen_range(1.0..3.0)));
                }
            }
        }
        WeightedGraph::from_edges(nodes, &edges)
    }

    #[test]
    fn both_algorithms_recover_planted_communities() -> Result<(), PulseError> {
        let graph = planted_graph(5, 30, 7)?;
        let truth: Vec<u32> = (0..150).map(|n| (n / 30) as u32).collect();
        for algorithm in [Algorithm::Louvain, Algorithm::Leiden] {
            let config = DetectionConfig {
                algorithm,
                ..DetectionConfig::default()
            };
            let found = detect_communities(&graph, &config)?;
            let nmi = normalized_mutual_information(&found.membership, &truth)?;
            assert!(nmi > 0.95, "{algorithm:?} NMI {nmi}");
            assert_eq!(found.count, 5, "{algorithm:?}");
            let planted_q = modularity(&graph, &truth, 1.0)?;
            assert!(found.modularity >= planted_q - 1e-9);
        }
        Ok(())
    }

    #[test]
    fn same_seed_same_communities() -> Result<(), PulseError> {
        let graph = planted_graph(4, 20, 3)?;
        let config = DetectionConfig::default();
        let first = detect_communities(&graph, &config)?;
        let second = detect_communities(&graph, &config)?;
        assert_eq!(first, second);
        Ok(())
    }

    #[test]
    fn a_graph_without_edges_keeps_everyone_apart() -> Result<(), PulseError> {
        let graph = WeightedGraph::from_edges(4, &[])?;
        let found = detect_communities(&graph, &DetectionConfig::default())?;
        assert_eq!(found.count, 4);
        Ok(())
    }
}
