//! Leiden's refinement phase: inside every community found by local moving, start from
//! singletons and merge well-connected nodes greedily into well-connected sub-communities.
//! Aggregating by the refined partition guarantees connected communities.

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::graph::WeightedGraph;

/// Returns refined labels (node ids of a sub-community's first member; renumber after).
pub(crate) fn refine(
    graph: &WeightedGraph,
    membership: &[u32],
    resolution: f64,
    rng: &mut ChaCha8Rng,
) -> Vec<u32> {
    let nodes = graph.node_count();
    let two_m = graph.total_strength();
    let mut refined: Vec<u32> = (0..nodes as u32).collect();
    if nodes == 0 || two_m <= 0.0 {
        return refined;
    }
    let scale = resolution / two_m;
    let mut community_total = vec![0.0f64; nodes];
    for node in 0..nodes {
        community_total[membership[node] as usize] += graph.strength(node as u32);
    }
    let mut sub_total: Vec<f64> = (0..nodes as u32).map(|n| graph.strength(n)).collect();
    let mut sub_size = vec![1u32; nodes];
    let mut external: Vec<f64> = (0..nodes as u32)
        .map(|node| {
            graph
                .neighbours(node)
                .filter(|(other, _)| membership[*other as usize] == membership[node as usize])
                .map(|(_, weight)| weight)
                .sum()
        })
        .collect();
    let mut order: Vec<u32> = (0..nodes as u32).collect();
    order.shuffle(rng);
    let mut link = vec![0.0f64; nodes];
    let mut touched: Vec<u32> = Vec::new();
    for node in order {
        let own = refined[node as usize];
        if sub_size[own as usize] != 1 {
            continue;
        }
        let community = membership[node as usize] as usize;
        let strength = graph.strength(node);
        let rest = community_total[community] - strength;
        if external[node as usize] < strength * rest * scale {
            continue;
        }
        for (other, weight) in graph.neighbours(node) {
            if membership[other as usize] as usize != community {
                continue;
            }
            let sub = refined[other as usize];
            if sub == own {
                continue;
            }
            if link[sub as usize] == 0.0 {
                touched.push(sub);
            }
            link[sub as usize] += weight;
        }
        let mut best: Option<u32> = None;
        let mut best_gain = 0.0;
        for &sub in &touched {
            let sub_tot = sub_total[sub as usize];
            let well_connected =
                external[sub as usize] >= sub_tot * (community_total[community] - sub_tot) * scale;
            let gain = link[sub as usize] - strength * sub_tot * scale;
            if well_connected && gain > best_gain {
                best_gain = gain;
                best = Some(sub);
            }
        }
        if let Some(target) = best {
            refined[node as usize] = target;
            sub_total[target as usize] += strength;
            sub_size[target as usize] += 1;
            sub_size[own as usize] = 0;
            sub_total[own as usize] = 0.0;
            external[target as usize] += external[node as usize] - 2.0 * link[target as usize];
        }
        for &sub in &touched {
            link[sub as usize] = 0.0;
        }
        touched.clear();
    }
    refined
}
