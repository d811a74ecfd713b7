//! Times one whole round (preparing the circle, candidate search, matching, trios, slots and
//! reasons) on a generated company and prints one JSON line.
//!
//! Usage: `pairing-scale <people> [seed]`.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use hallway_pairing::synthetic::company;
use hallway_pairing::{plan_round, CircleSettings, Cycle, RoundRequest};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (people, seed) = match args.as_slice() {
        [p] => (p.parse::<usize>()?, 1),
        [p, s] => (p.parse::<usize>()?, s.parse::<u64>()?),
        _ => bail!("usage: pairing-scale <people> [seed]"),
    };
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).context("date")?;
    let req = RoundRequest {
        people: company(people, seed, start),
        cycle: Cycle { start, days: 7 },
        settings: CircleSettings {
            seed,
            ..CircleSettings::default()
        },
        history: Vec::new(),
        fairness: Vec::new(),
        hints: Default::default(),
    };
    let began = std::time::Instant::now();
    let plan = plan_round(&req)?;
    let seconds = began.elapsed().as_secs_f64();
    let placed: usize = plan.groups.iter().map(|g| g.members.len()).sum();
    println!(
        "{{\"people\":{people},\"groups\":{},\"placed\":{placed},\"unpaired\":{},\"total_points\":{},\"candidate_edges\":{},\"exact\":{},\"seconds\":{seconds:.3}}}",
        plan.groups.len(),
        plan.unpaired.len(),
        plan.total_weight,
        plan.stats.candidate_edges,
        plan.stats.exact
    );
    Ok(())
}
