//! Collapsing a graph: every community becomes one node, internal weight a self-loop.

use crate::graph::WeightedGraph;

/// Builds the graph whose nodes are the communities `0..count` of `membership`.
pub(crate) fn aggregate(graph: &WeightedGraph, membership: &[u32], count: usize) -> WeightedGraph {
    let mut start = vec![0usize; count + 1];
    for &community in membership {
        start[community as usize + 1] += 1;
    }
    for index in 0..count {
        start[index + 1] += start[index];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; membership.len()];
    for (node, &community) in membership.iter().enumerate() {
        members[fill[community as usize]] = node as u32;
        fill[community as usize] += 1;
    }
    let mut offsets = Vec::with_capacity(count + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut self_loops = vec![0.0; count];
    let mut accumulated = vec![0.0f64; count];
    let mut touched: Vec<u32> = Vec::new();
    for community in 0..count {
        let mut internal = 0.0;
        for &node in &members[start[community]..start[community + 1]] {
            self_loops[community] += graph.self_loop(node);
            for (other, weight) in graph.neighbours(node) {
                let other_community = membership[other as usize];
                if other_community as usize == community {
                    internal += weight;
                } else {
                    if accumulated[other_community as usize] == 0.0 {
                        touched.push(other_community);
                    }
                    accumulated[other_community as usize] += weight;
                }
            }
        }
        self_loops[community] += internal / 2.0;
        touched.sort_unstable();
        for &other in &touched {
            targets.push(other);
            weights.push(accumulated[other as usize]);
            accumulated[other as usize] = 0.0;
        }
        touched.clear();
        offsets.push(targets.len());
    }
    WeightedGraph::from_parts(offsets, targets, weights, self_loops)
}

/// Renumbers labels to `0..count` in order of first appearance; returns the count.
pub(crate) fn renumber(labels: &mut [u32]) -> usize {
    let bound = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut map = vec![u32::MAX; bound];
    let mut next = 0u32;
    for label in labels.iter_mut() {
        let slot = &mut map[*label as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        *label = *slot;
    }
    next as usize
}
