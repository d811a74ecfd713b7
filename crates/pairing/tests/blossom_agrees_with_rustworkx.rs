//! The home-made blossom solver gives the same total weight as rustworkx-core's independent
//! implementation on medium random graphs, in both plain and maximum-cardinality mode (and the
//! same number of pairs in maximum-cardinality mode).

use std::collections::HashSet;
use std::convert::Infallible;

use hallway_pairing::blossom::max_weight_matching;
use petgraph::graph::UnGraph;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn reference(n: usize, edges: &[(usize, usize, i64)], max_cardinality: bool) -> (usize, i64) {
    let mut g: UnGraph<(), i64> = UnGraph::default();
    for _ in 0..n {
        g.add_node(());
    }
    for &(a, b, w) in edges {
        g.add_edge((a as u32).into(), (b as u32).into(), w);
    }
    let weight_of = |e: petgraph::graph::EdgeReference<'_, i64>| {
        Ok::<i128, Infallible>(i128::from(*e.weight()))
    };
    let Ok(pairs) = rustworkx_core::max_weight_matching::max_weight_matching(
        &g,
        max_cardinality,
        weight_of,
        false,
    );
    let w = pairs
        .iter()
        .map(|&(a, b)| {
            edges
                .iter()
                .find(|e| (e.0, e.1) == (a, b) || (e.0, e.1) == (b, a))
                .map_or(0, |e| e.2)
        })
        .sum();
    (pairs.len(), w)
}

const STRESS_ROUNDS: usize = 200;

#[test]
fn same_weight_and_size_as_rustworkx_on_random_graphs() {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    for round in 0..STRESS_ROUNDS {
        let n = rng.gen_range(10..160);
        let degree = rng.gen_range(2..8);
        let mut seen = HashSet::new();
        let mut edges = Vec::new();
        for a in 0..n {
            for _ in 0..degree {
                let b = rng.gen_range(0..n);
                if a != b && seen.insert((a.min(b), a.max(b))) {
                    let w = if round % 2 == 0 {
                        rng.gen_range(1..10)
                    } else {
                        rng.gen_range(1..10_000)
                    };
                    edges.push((a.min(b), a.max(b), w));
                }
            }
        }
        for max_cardinality in [false, true] {
            let mate = max_weight_matching(n, &edges, max_cardinality);
            for (v, m) in mate.iter().enumerate() {
                if let Some(m) = m {
                    assert_eq!(mate[*m], Some(v), "matching must be symmetric");
                }
            }
            let pairs = mate.iter().flatten().count() / 2;
            let weight: i64 = edges
                .iter()
                .filter(|e| mate[e.0] == Some(e.1))
                .map(|e| e.2)
                .sum();
            let (ref_pairs, ref_weight) = reference(n, &edges, max_cardinality);
            assert_eq!(
                weight, ref_weight,
                "round {round}, maxcard {max_cardinality}"
            );
            // Without max-cardinality, equally heavy matchings may differ in size.
            if max_cardinality {
                assert_eq!(pairs, ref_pairs, "round {round}");
            }
        }
    }
}
