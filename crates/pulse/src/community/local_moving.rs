//! The fast local-moving phase (Leiden's queue variant of Louvain's node moves): visit nodes
//! in a seeded random order, move each to the neighbouring community with the best gain in
//! modularity, and revisit the neighbours of nodes that moved.

use std::collections::VecDeque;

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::graph::WeightedGraph;

/// Moves nodes between communities until no move improves modularity.
/// `membership` holds community ids below `node_count()`; returns whether any node moved.
pub(crate) fn move_nodes(
    graph: &WeightedGraph,
    membership: &mut [u32],
    resolution: f64,
    rng: &mut ChaCha8Rng,
) -> bool {
    let nodes = graph.node_count();
    let two_m = graph.total_strength();
    if nodes == 0 || two_m <= 0.0 {
        return false;
    }
    let mut total = vec![0.0f64; nodes];
    let mut size = vec![0u32; nodes];
    for node in 0..nodes {
        total[membership[node] as usize] += graph.strength(node as u32);
        size[membership[node] as usize] += 1;
    }
    let mut empty: Vec<u32> = (0..nodes as u32)
        .filter(|&c| size[c as usize] == 0)
        .collect();
    let mut order: Vec<u32> = (0..nodes as u32).collect();
    order.shuffle(rng);
    let mut queue: VecDeque<u32> = order.into();
    let mut queued = vec![true; nodes];
    let mut link = vec![0.0f64; nodes];
    let mut touched: Vec<u32> = Vec::new();
    let mut moved_any = false;
    let scale = resolution / two_m;
    while let Some(node) = queue.pop_front() {
        queued[node as usize] = false;
        let current = membership[node as usize];
        let strength = graph.strength(node);
        for (other, weight) in graph.neighbours(node) {
            let community = membership[other as usize];
            if link[community as usize] == 0.0 {
                touched.push(community);
            }
            link[community as usize] += weight;
        }
        total[current as usize] -= strength;
        size[current as usize] -= 1;
        let mut best = current;
        let mut best_gain = link[current as usize] - strength * total[current as usize] * scale;
        for &community in &touched {
            let gain = link[community as usize] - strength * total[community as usize] * scale;
            if gain > best_gain {
                best_gain = gain;
                best = community;
            }
        }
        if best_gain < 0.0 && size[current as usize] > 0 {
            if let Some(alone) = empty.pop() {
                best = alone;
            }
        }
        total[best as usize] += strength;
        size[best as usize] += 1;
        if size[current as usize] == 0 && best != current {
            empty.push(current);
        }
        for &community in &touched {
            link[community as usize] = 0.0;
        }
        touched.clear();
        if best != current {
            membership[node as usize] = best;
            moved_any = true;
            for (other, _) in graph.neighbours(node) {
                if !queued[other as usize] && membership[other as usize] != best {
                    queued[other as usize] = true;
                    queue.push_back(other);
                }
            }
        }
    }
    moved_any
}
