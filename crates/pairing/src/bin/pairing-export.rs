//! Writes the candidate graph of a generated company as an edge list, for solver benchmarks.
//!
//! Usage: `pairing-export <people> <seed> <out-file> [global]`; the file starts with `n m`, then
//! one `a b weight` line per edge. Large companies are searched in blocks of 2,000 people as in
//! a real round; `global` searches candidates across the whole company instead; `all` keeps
//! every eligible pair (no sparsification), for measuring what sparsification costs.

use std::io::Write;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use hallway_pairing::synthetic::company;
use hallway_pairing::{solver_instance, CircleSettings, Cycle, RoundRequest};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (people, seed, out, mode) = match args.as_slice() {
        [p, s, o] => (p, s, o, "round"),
        [p, s, o, m] if m == "global" || m == "all" => (p, s, o, m.as_str()),
        _ => bail!("usage: pairing-export <people> <seed> <out-file> [global|all]"),
    };
    let global = mode != "round";
    let per_person = if mode == "all" {
        usize::MAX / 4
    } else {
        CircleSettings::default().candidates_per_person
    };
    let people: usize = people.parse().context("people must be a number")?;
    let seed: u64 = seed.parse().context("seed must be a number")?;
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).context("date")?;
    let req = RoundRequest {
        people: company(people, seed, start),
        cycle: Cycle { start, days: 7 },
        settings: CircleSettings {
            seed,
            candidates_per_person: per_person,
            ..CircleSettings::default()
        },
        history: Vec::new(),
        fairness: Vec::new(),
        hints: Default::default(),
    };
    let began = std::time::Instant::now();
    let (n, edges) = solver_instance(&req, global)?;
    let seconds = began.elapsed().as_secs_f64();
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("create {out}"))?,
    );
    writeln!(file, "{n} {}", edges.len())?;
    for (a, b, w) in &edges {
        writeln!(file, "{a} {b} {w}")?;
    }
    file.flush()?;
    eprintln!(
        "exported {n} people, {} edges in {seconds:.2} s (candidate graph build)",
        edges.len()
    );
    Ok(())
}
