//! The fallback for a connected candidate graph too large to solve exactly in one piece: cut it
//! into blocks along a breadth-first order, solve each block exactly, match the people left
//! single among themselves, re-solve blocks of whole pairs that straddle the old boundaries, and
//! finally re-solve the neighbourhood of anyone still single. Each step keeps or raises the
//! number of pairs and, for the same number, the weight.
//!
//! Rounds avoid this path by searching candidates inside blocks in the first place
//! (see [`crate::candidates`]); it remains as a guard for unusual graphs.

use std::collections::VecDeque;

use crate::matching::{adjacency, solve_exact_into, SolveOptions, WeightedEdge};

pub(crate) fn solve_in_blocks(
    mate: &mut [Option<u32>],
    comp: &[u32],
    edges: &[WeightedEdge],
    options: SolveOptions,
) {
    let block = options.block_size.max(2);
    for chunk in comp.chunks(block) {
        solve_exact_into(mate, chunk, edges, true);
    }
    match_leftovers(mate, comp, edges);
    for pass in 0..options.refine_passes {
        // Whole pairs, in the order of their first member, shifted by half a block each pass so
        // the new blocks straddle the old boundaries.
        let mut units: Vec<Vec<u32>> = Vec::new();
        for &v in comp {
            match mate[v as usize] {
                Some(m) if v < m => units.push(vec![v, m]),
                Some(_) => {}
                None => units.push(vec![v]),
            }
        }
        let shift = if pass % 2 == 0 { block / 4 } else { 0 };
        let units_per_block = (block / 2).max(1);
        let rotate = shift.min(units.len());
        units.rotate_left(rotate);
        for group in units.chunks(units_per_block) {
            let nodes: Vec<u32> = group.iter().flatten().copied().collect();
            solve_exact_into(mate, &nodes, edges, true);
        }
        match_leftovers(mate, comp, edges);
    }
    augment_singles(mate, comp, edges, block);
}

/// Re-solves the neighbourhood of the people still single (whole pairs only), so an augmenting
/// path between two of them that crosses block boundaries is found.
fn augment_singles(mate: &mut [Option<u32>], comp: &[u32], edges: &[WeightedEdge], block: usize) {
    let adj = adjacency(mate.len(), edges);
    let mut last = usize::MAX;
    for _ in 0..4 {
        let singles: Vec<u32> = comp
            .iter()
            .copied()
            .filter(|&v| mate[v as usize].is_none() && !adj[v as usize].is_empty())
            .collect();
        if singles.len() < 2 || singles.len() >= last {
            return;
        }
        last = singles.len();
        let mut inside = vec![false; mate.len()];
        let mut nodes = Vec::new();
        let mut queue = VecDeque::new();
        for &s in &singles {
            inside[s as usize] = true;
            nodes.push(s);
            queue.push_back(s);
        }
        let cap = (4 * block).max(singles.len() * 8);
        while let Some(v) = queue.pop_front() {
            if nodes.len() >= cap {
                break;
            }
            for &(w, _) in &adj[v as usize] {
                for x in [Some(w), mate[w as usize]].into_iter().flatten() {
                    if !inside[x as usize] {
                        inside[x as usize] = true;
                        nodes.push(x);
                        queue.push_back(x);
                    }
                }
            }
        }
        let local: Vec<WeightedEdge> = edges
            .iter()
            .copied()
            .filter(|&(a, b, _)| inside[a as usize] && inside[b as usize])
            .collect();
        solve_exact_into(mate, &nodes, &local, true);
    }
}

fn match_leftovers(mate: &mut [Option<u32>], comp: &[u32], edges: &[WeightedEdge]) {
    let single: Vec<u32> = comp
        .iter()
        .copied()
        .filter(|&v| mate[v as usize].is_none())
        .collect();
    if single.len() >= 2 {
        let mut is_single = vec![false; mate.len()];
        for &v in &single {
            is_single[v as usize] = true;
        }
        let between: Vec<WeightedEdge> = edges
            .iter()
            .copied()
            .filter(|&(a, b, _)| is_single[a as usize] && is_single[b as usize])
            .collect();
        solve_exact_into(mate, &single, &between, true);
    }
}
