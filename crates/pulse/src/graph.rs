//! A weighted undirected graph in compressed sparse rows, with self-loops kept apart.
//!
//! Conventions follow igraph: a self-loop of weight w adds 2w to its node's strength, and
//! the total strength is twice the total edge weight.

use crate::error::PulseError;

/// Weighted undirected graph; nodes are `0..node_count()`.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedGraph {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    self_loops: Vec<f64>,
    strengths: Vec<f64>,
    total_strength: f64,
}

impl WeightedGraph {
    /// Builds a graph from weighted edges; parallel edges are summed, self-loops kept.
    pub fn from_edges(nodes: usize, edges: &[(u32, u32, f64)]) -> Result<Self, PulseError> {
        let mut degree = vec![0usize; nodes];
        let mut self_loops = vec![0.0; nodes];
        for &(a, b, weight) in edges {
            if a as usize >= nodes || b as usize >= nodes {
                return Err(PulseError::EdgeOutOfRange { a, b, nodes });
            }
            if !(weight.is_finite() && weight > 0.0) {
                return Err(PulseError::InvalidEdgeWeight { a, b, weight });
            }
            if a == b {
                self_loops[a as usize] += weight;
            } else {
                degree[a as usize] += 1;
                degree[b as usize] += 1;
            }
        }
        let mut offsets = Vec::with_capacity(nodes + 1);
        offsets.push(0);
        for d in &degree {
            offsets.push(offsets[offsets.len() - 1] + d);
        }
        let mut cursor = offsets[..nodes].to_vec();
        let mut slots = vec![(0u32, 0.0f64); offsets[nodes]];
        for &(a, b, weight) in edges.iter().filter(|(a, b, _)| a != b) {
            slots[cursor[a as usize]] = (b, weight);
            cursor[a as usize] += 1;
            slots[cursor[b as usize]] = (a, weight);
            cursor[b as usize] += 1;
        }
        let mut merged_offsets = Vec::with_capacity(nodes + 1);
        merged_offsets.push(0);
        let mut targets = Vec::with_capacity(slots.len());
        let mut weights = Vec::with_capacity(slots.len());
        for node in 0..nodes {
            let row = &mut slots[offsets[node]..offsets[node + 1]];
            row.sort_unstable_by_key(|(target, _)| *target);
            for &(target, weight) in row.iter() {
                if targets.len() > merged_offsets[node] && targets.last() == Some(&target) {
                    if let Some(last) = weights.last_mut() {
                        *last += weight;
                    }
                } else {
                    targets.push(target);
                    weights.push(weight);
                }
            }
            merged_offsets.push(targets.len());
        }
        Ok(Self::from_parts(
            merged_offsets,
            targets,
            weights,
            self_loops,
        ))
    }

    /// Assembles a graph from rows already merged and symmetric (used by aggregation).
    pub(crate) fn from_parts(
        offsets: Vec<usize>,
        targets: Vec<u32>,
        weights: Vec<f64>,
        self_loops: Vec<f64>,
    ) -> Self {
        let nodes = self_loops.len();
        let strengths: Vec<f64> = (0..nodes)
            .map(|node| {
                weights[offsets[node]..offsets[node + 1]]
                    .iter()
                    .sum::<f64>()
                    + 2.0 * self_loops[node]
            })
            .collect();
        let total_strength = strengths.iter().sum();
        Self {
            offsets,
            targets,
            weights,
            self_loops,
            strengths,
            total_strength,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.self_loops.len()
    }

    /// Number of distinct edges between different nodes.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Neighbours of a node with the edge weights (self-loops excluded).
    pub fn neighbours(&self, node: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let range = self.offsets[node as usize]..self.offsets[node as usize + 1];
        self.targets[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }

    /// Number of neighbours of a node.
    pub fn degree(&self, node: u32) -> usize {
        self.offsets[node as usize + 1] - self.offsets[node as usize]
    }

    /// Weight of a node's self-loop (0 when it has none).
    pub fn self_loop(&self, node: u32) -> f64 {
        self.self_loops[node as usize]
    }

    /// Sum of a node's edge weights, self-loops counted twice.
    pub fn strength(&self, node: u32) -> f64 {
        self.strengths[node as usize]
    }

    /// Sum of all strengths: twice the total edge weight (2m).
    pub fn total_strength(&self) -> f64 {
        self.total_strength
    }

    /// Every edge once, as (a, b, weight) with a < b, then self-loops as (a, a, weight).
    pub fn edges(&self) -> Vec<(u32, u32, f64)> {
        let mut edges = Vec::with_capacity(self.edge_count());
        for node in 0..self.node_count() as u32 {
            edges.extend(
                self.neighbours(node)
                    .filter(|(other, _)| *other > node)
                    .map(|(other, weight)| (node, other, weight)),
            );
        }
        for (node, weight) in self.self_loops.iter().enumerate() {
            if *weight > 0.0 {
                edges.push((node as u32, node as u32, *weight));
            }
        }
        edges
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_edges_merge_and_strengths_add_up() -> Result<(), PulseError> {
        let graph =
            WeightedGraph::from_edges(3, &[(0, 1, 1.0), (1, 0, 2.0), (1, 2, 1.0), (2, 2, 0.5)])?;
        assert_eq!(graph.edge_count(), 2);
        assert_eq!(graph.strength(1), 4.0);
        assert_eq!(graph.strength(2), 2.0);
        assert_eq!(graph.total_strength(), 9.0);
        Ok(())
    }

    #[test]
    fn edges_outside_the_graph_are_refused() {
        let result = WeightedGraph::from_edges(2, &[(0, 2, 1.0)]);
        assert!(matches!(result, Err(PulseError::EdgeOutOfRange { .. })));
    }
}
