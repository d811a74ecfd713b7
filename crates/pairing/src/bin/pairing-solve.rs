//! Solves an edge list with Hallway's matching and prints one JSON line with the total weight,
//! the number of pairs and the solve time (reading the file is not timed).
//!
//! Usage: `pairing-solve <edge-file> [exact|auto]`. `exact` solves each connected component in
//! one piece; `auto` (the default, what rounds use) switches to blocks above 4,000 people;
//! `blocks:<size>:<passes>` forces blocks of that size with that many refining passes.

use anyhow::{bail, Context, Result};
use hallway_pairing::{exact_matching, solve_matching, Matching, SolveOptions, WeightedEdge};

fn read_edges(path: &str) -> Result<(usize, Vec<WeightedEdge>)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("read {path}"))?;
    let mut lines = text.lines();
    let header = lines.next().context("empty file")?;
    let n: usize = header.split_whitespace().next().context("no n")?.parse()?;
    let mut edges = Vec::new();
    for line in lines {
        let mut parts = line.split_whitespace();
        let (Some(a), Some(b), Some(w)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        edges.push((a.parse()?, b.parse()?, w.parse()?));
    }
    Ok((n, edges))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, mode) = match args.as_slice() {
        [p] => (p.as_str(), "auto"),
        [p, m] => (p.as_str(), m.as_str()),
        _ => bail!("usage: pairing-solve <edge-file> [exact|auto|blocks:<size>:<passes>]"),
    };
    let (n, edges) = read_edges(path)?;
    let began = std::time::Instant::now();
    let matching = match mode {
        "exact" => Matching {
            mate: exact_matching(n, &edges, true),
            exact: true,
        },
        "auto" => solve_matching(n, &edges, SolveOptions::default()),
        other => match other
            .strip_prefix("blocks:")
            .map(|r| r.split(':').collect::<Vec<_>>())
        {
            Some(parts) if parts.len() == 2 => solve_matching(
                n,
                &edges,
                SolveOptions {
                    exact_limit: 0,
                    block_size: parts[0].parse()?,
                    refine_passes: parts[1].parse()?,
                    matcher: hallway_pairing::Matcher::Blossom,
                },
            ),
            _ => bail!("unknown mode {other} (exact, auto or blocks:<size>:<passes>)"),
        },
    };
    let seconds = began.elapsed().as_secs_f64();
    println!(
        "{{\"solver\":\"hallway-{mode}\",\"n\":{n},\"m\":{},\"pairs\":{},\"weight\":{},\"exact\":{},\"seconds\":{seconds:.6}}}",
        edges.len(),
        matching.pairs().len(),
        matching.weight(&edges),
        matching.exact
    );
    Ok(())
}
