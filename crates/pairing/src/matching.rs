//! Maximum-weight matching on a general graph.
//!
//! Exact solving uses the blossom algorithm (Galil's O(n³) primal-dual method, [`crate::blossom`]),
//! run per connected component. Components larger than `exact_limit` are cut
//! into blocks along a breadth-first order, each block is solved exactly, the people left single
//! are matched among themselves, and then overlapping blocks made of whole matched pairs are
//! re-solved; each step can only keep or raise the weight.

use std::collections::VecDeque;

use crate::blocks::solve_in_blocks;
use crate::blossom::max_weight_matching;
use crate::parallel::parallel_map;

/// An undirected edge `a`–`b` with an integer weight.
pub type WeightedEdge = (u32, u32, i64);

/// How to solve large graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SolveOptions {
    /// Components up to this many people are solved exactly in one piece.
    pub exact_limit: usize,
    /// Block size for larger components.
    pub block_size: usize,
    /// Re-solving passes over blocks of whole pairs.
    pub refine_passes: usize,
    /// Which matcher to use; only [`Matcher::Blossom`] is meant for real rounds.
    pub matcher: Matcher,
}

/// The matching method: the exact one, or a baseline for comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matcher {
    /// Maximum-cardinality maximum-weight matching (blossom).
    Blossom,
    /// Baseline: heaviest edge first.
    Greedy,
    /// Baseline: eligible edges in a seeded random order (what a simple pairing bot does).
    Random { seed: u64 },
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            exact_limit: 4000,
            block_size: 1500,
            refine_passes: 2,
            matcher: Matcher::Blossom,
        }
    }
}

/// A matching: `mate[v]` is v's partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub mate: Vec<Option<u32>>,
    /// True when every component was solved exactly in one piece.
    pub exact: bool,
}

impl Matching {
    /// Matched pairs `(a, b)` with `a < b`.
    pub fn pairs(&self) -> Vec<(u32, u32)> {
        self.mate
            .iter()
            .enumerate()
            .filter_map(|(v, m)| m.filter(|&m| (v as u32) < m).map(|m| (v as u32, m)))
            .collect()
    }

    /// Sum of the weights of matched edges.
    pub fn weight(&self, edges: &[WeightedEdge]) -> i64 {
        edges
            .iter()
            .filter(|&&(a, b, _)| self.mate[a as usize] == Some(b))
            .map(|e| e.2)
            .sum()
    }
}

/// Exact maximum-weight matching of the whole graph; with `max_cardinality`, the heaviest among
/// the matchings with the most pairs.
pub fn exact_matching(n: usize, edges: &[WeightedEdge], max_cardinality: bool) -> Vec<Option<u32>> {
    let mut mate = vec![None; n];
    solve_exact_into(
        &mut mate,
        &(0..n as u32).collect::<Vec<_>>(),
        edges,
        max_cardinality,
    );
    mate
}

/// Solves the subgraph induced by `nodes` (edges given in global ids) exactly, writing `mate`.
pub(crate) fn solve_exact_into(
    mate: &mut [Option<u32>],
    nodes: &[u32],
    edges: &[WeightedEdge],
    max_cardinality: bool,
) {
    let mut local = vec![u32::MAX; mate.len()];
    for (i, &v) in nodes.iter().enumerate() {
        local[v as usize] = i as u32;
    }
    let local_edges: Vec<(usize, usize, i64)> = edges
        .iter()
        .filter_map(|&(a, b, w)| {
            let (la, lb) = (local[a as usize], local[b as usize]);
            (la != u32::MAX && lb != u32::MAX && la != lb).then_some((la as usize, lb as usize, w))
        })
        .collect();
    let local_mate = max_weight_matching(nodes.len(), &local_edges, max_cardinality);
    for (i, m) in local_mate.into_iter().enumerate() {
        mate[nodes[i] as usize] = m.map(|x| nodes[x]);
    }
}

pub(crate) fn adjacency(n: usize, edges: &[WeightedEdge]) -> Vec<Vec<(u32, i64)>> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        if a != b {
            adj[a as usize].push((b, w));
            adj[b as usize].push((a, w));
        }
    }
    adj
}

/// Connected components in breadth-first order, starting from the lowest id.
fn components_bfs(adj: &[Vec<(u32, i64)>]) -> Vec<Vec<u32>> {
    let mut seen = vec![false; adj.len()];
    let mut out = Vec::new();
    let mut queue = VecDeque::new();
    for s in 0..adj.len() {
        if seen[s] || adj[s].is_empty() {
            continue;
        }
        seen[s] = true;
        queue.push_back(s as u32);
        let mut comp = Vec::new();
        while let Some(v) = queue.pop_front() {
            comp.push(v);
            for &(w, _) in &adj[v as usize] {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    queue.push_back(w);
                }
            }
        }
        out.push(comp);
    }
    out
}

/// Maximum-cardinality, maximum-weight matching; exact up to `exact_limit` people per component.
pub fn solve_matching(n: usize, edges: &[WeightedEdge], options: SolveOptions) -> Matching {
    match options.matcher {
        Matcher::Blossom => {}
        Matcher::Greedy => return greedy_matching(n, edges, |e| e.2),
        Matcher::Random { seed } => {
            return greedy_matching(n, edges, |e| {
                let mut x = seed ^ (u64::from(e.0) << 32 | u64::from(e.1));
                x = (x ^ (x >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
                x = (x ^ (x >> 33)).wrapping_mul(0xC4CE_B9FE_1A85_EC53);
                (x >> 2) as i64
            })
        }
    }
    let adj = adjacency(n, edges);
    let components = components_bfs(&adj);
    let (small, large): (Vec<Vec<u32>>, Vec<Vec<u32>>) = components
        .into_iter()
        .partition(|c| c.len() <= options.exact_limit.max(2));
    let mut mate = vec![None; n];
    for (v, m) in solve_components_in_parallel(&small, &adj) {
        mate[v as usize] = m;
    }
    for comp in &large {
        solve_in_blocks(&mut mate, comp, &component_edges(comp, &adj), options);
    }
    Matching {
        mate,
        exact: large.is_empty(),
    }
}

/// The greedy baseline: edges by decreasing `priority`, skipping people already taken.
pub fn greedy_matching(
    n: usize,
    edges: &[WeightedEdge],
    priority: impl Fn(&WeightedEdge) -> i64,
) -> Matching {
    let mut order: Vec<&WeightedEdge> = edges.iter().collect();
    order.sort_by_key(|e| (std::cmp::Reverse(priority(e)), e.0, e.1));
    let mut mate = vec![None; n];
    for &&(a, b, _) in &order {
        if a != b && mate[a as usize].is_none() && mate[b as usize].is_none() {
            mate[a as usize] = Some(b);
            mate[b as usize] = Some(a);
        }
    }
    Matching { mate, exact: false }
}

fn component_edges(comp: &[u32], adj: &[Vec<(u32, i64)>]) -> Vec<WeightedEdge> {
    comp.iter()
        .flat_map(|&a| {
            adj[a as usize]
                .iter()
                .filter(move |e| a < e.0)
                .map(move |&(b, w)| (a, b, w))
        })
        .collect()
}

/// Solves independent components exactly on all cores; returns `(vertex, mate)` assignments.
fn solve_components_in_parallel(
    components: &[Vec<u32>],
    adj: &[Vec<(u32, i64)>],
) -> Vec<(u32, Option<u32>)> {
    parallel_map(components, |comp| {
        let local_edges = local_graph(comp, &component_edges(comp, adj));
        let local_mate = max_weight_matching(comp.len(), &local_edges, true);
        local_mate
            .into_iter()
            .enumerate()
            .map(|(i, m)| (comp[i], m.map(|x| comp[x])))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Renumbers a node set to `0..len` and keeps the edges inside it.
fn local_graph(nodes: &[u32], edges: &[WeightedEdge]) -> Vec<(usize, usize, i64)> {
    let index: std::collections::HashMap<u32, usize> =
        nodes.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    edges
        .iter()
        .filter_map(|&(a, b, w)| {
            let (la, lb) = (*index.get(&a)?, *index.get(&b)?);
            (la != lb).then_some((la, lb, w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Best (cardinality, weight) over all matchings, by exhaustive search.
    fn brute_force(edges: &[WeightedEdge], used: &mut [bool], from: usize) -> (usize, i64) {
        let mut best = (0, 0);
        for (i, &(a, b, w)) in edges.iter().enumerate().skip(from) {
            if !used[a as usize] && !used[b as usize] {
                used[a as usize] = true;
                used[b as usize] = true;
                let (c, s) = brute_force(edges, used, i + 1);
                used[a as usize] = false;
                used[b as usize] = false;
                best = best.max((c + 1, s + w));
            }
        }
        best
    }

    fn random_graph(rng: &mut ChaCha8Rng, n: usize, p: f64) -> Vec<WeightedEdge> {
        let mut edges = Vec::new();
        for a in 0..n as u32 {
            for b in a + 1..n as u32 {
                if rng.gen_bool(p) {
                    edges.push((a, b, rng.gen_range(1..50)));
                }
            }
        }
        edges
    }

    #[test]
    fn exact_matching_equals_brute_force_on_small_random_graphs() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..150 {
            let n = rng.gen_range(2..10);
            let edges = random_graph(&mut rng, n, 0.45);
            let mate = exact_matching(n, &edges, true);
            let m = Matching { mate, exact: true };
            let expected = brute_force(&edges, &mut vec![false; n], 0);
            assert_eq!(
                (m.pairs().len(), m.weight(&edges)),
                expected,
                "edges {edges:?}"
            );
        }
    }

    #[test]
    fn block_solver_keeps_everyone_matched_and_close_to_exact() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let n = 400;
        let mut edges = Vec::new();
        for a in 0..n as u32 {
            for _ in 0..6 {
                let b = rng.gen_range(0..n as u32);
                if a != b {
                    edges.push((a.min(b), a.max(b), rng.gen_range(100..200)));
                }
            }
        }
        edges.sort_unstable();
        edges.dedup_by_key(|e| (e.0, e.1));
        let exact = solve_matching(n, &edges, SolveOptions::default());
        let blocks = solve_matching(
            n,
            &edges,
            SolveOptions {
                exact_limit: 50,
                block_size: 60,
                refine_passes: 2,
                matcher: Matcher::Blossom,
            },
        );
        assert!(exact.exact && !blocks.exact);
        assert_eq!(exact.pairs().len(), blocks.pairs().len());
        let (e, b) = (exact.weight(&edges) as f64, blocks.weight(&edges) as f64);
        assert!(b >= 0.9 * e, "blocks {b} vs exact {e}");
    }
}
