//! Partition quality: modularity of a partition and normalised mutual information (NMI)
//! between two labellings.

use std::collections::HashMap;

use crate::error::PulseError;
use crate::graph::WeightedGraph;

/// Newman modularity with a resolution: Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ], where in_c
/// counts each internal edge twice and self-loops twice (igraph's convention).
pub fn modularity(
    graph: &WeightedGraph,
    membership: &[u32],
    resolution: f64,
) -> Result<f64, PulseError> {
    if membership.len() != graph.node_count() {
        return Err(PulseError::LabelLengthMismatch(
            membership.len(),
            graph.node_count(),
        ));
    }
    let two_m = graph.total_strength();
    if two_m <= 0.0 {
        return Ok(0.0);
    }
    let communities = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut inside = vec![0.0; communities];
    let mut total = vec![0.0; communities];
    for node in 0..graph.node_count() as u32 {
        let community = membership[node as usize] as usize;
        total[community] += graph.strength(node);
        inside[community] += 2.0 * graph.self_loop(node);
        inside[community] += graph
            .neighbours(node)
            .filter(|(other, _)| membership[*other as usize] as usize == community)
            .map(|(_, weight)| weight)
            .sum::<f64>();
    }
    Ok(inside
        .iter()
        .zip(&total)
        .map(|(inside, total)| inside / two_m - resolution * (total / two_m).powi(2))
        .sum())
}

/// NMI = 2 I(A;B) / (H(A) + H(B)) (Danon et al., as igraph's `compare_communities`);
/// 1 when both labellings put everyone in one group.
pub fn normalized_mutual_information(a: &[u32], b: &[u32]) -> Result<f64, PulseError> {
    if a.len() != b.len() {
        return Err(PulseError::LabelLengthMismatch(a.len(), b.len()));
    }
    let n = a.len() as f64;
    if a.is_empty() {
        return Ok(1.0);
    }
    let mut joint: HashMap<(u32, u32), f64> = HashMap::new();
    let mut count_a: HashMap<u32, f64> = HashMap::new();
    let mut count_b: HashMap<u32, f64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *joint.entry((x, y)).or_default() += 1.0;
        *count_a.entry(x).or_default() += 1.0;
        *count_b.entry(y).or_default() += 1.0;
    }
    let entropy = |counts: &HashMap<u32, f64>| -> f64 {
        counts.values().map(|c| -(c / n) * (c / n).ln()).sum()
    };
    let (h_a, h_b) = (entropy(&count_a), entropy(&count_b));
    if h_a + h_b <= 0.0 {
        return Ok(1.0);
    }
    let mutual: f64 = joint
        .iter()
        .map(|(&(x, y), &c)| {
            let (pa, pb) = (count_a[&x] / n, count_b[&y] / n);
            (c / n) * ((c / n) / (pa * pb)).ln()
        })
        .sum();
    Ok((2.0 * mutual / (h_a + h_b)).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modularity_of_two_triangles_joined_by_one_edge_is_five_fourteenths() -> Result<(), PulseError>
    {
        let edges = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
            (2, 3, 1.0),
        ];
        let graph = WeightedGraph::from_edges(6, &edges)?;
        let q = modularity(&graph, &[0, 0, 0, 1, 1, 1], 1.0)?;
        assert!((q - 5.0 / 14.0).abs() < 1e-12, "Q = {q}");
        let everyone_together = modularity(&graph, &[0; 6], 1.0)?;
        assert!(everyone_together.abs() < 1e-12);
        Ok(())
    }

    #[test]
    fn nmi_is_one_for_relabelled_copies_and_low_for_unrelated_groupings() -> Result<(), PulseError>
    {
        let a = [0, 0, 1, 1, 2, 2];
        let relabelled = [5, 5, 3, 3, 9, 9];
        assert!((normalized_mutual_information(&a, &relabelled)? - 1.0).abs() < 1e-12);
        let crossed = [0, 1, 0, 1, 0, 1];
        assert!(normalized_mutual_information(&a, &crossed)? < 0.1);
        Ok(())
    }
}
