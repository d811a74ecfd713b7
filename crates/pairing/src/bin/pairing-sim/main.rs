//! Simulates weekly pairing rounds and compares Hallway's matching with a random and a greedy
//! baseline in the same run, feeding each round back as history for the next.
//!
//! Usage: `pairing-sim [rounds] [company-size] [seed]` (defaults 52, 2000, 7). Prints markdown.
//! Built with `--features demo-org`, case (a) is the repository's demo team from `hallway-seed`;
//! without it, a generated 40-person org in 6 teams and 5 time zones.

#[cfg(feature = "demo-org")]
mod demo;
mod ledger;

use std::collections::HashMap;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{Duration, NaiveDate};
use hallway_pairing::roster::Roster;
use hallway_pairing::slots::choose_slot;
use hallway_pairing::synthetic::company;
#[cfg(not(feature = "demo-org"))]
use hallway_pairing::synthetic::small_org;
use hallway_pairing::weights::{check_pair, PairCheck};
use hallway_pairing::{
    plan_round_with, CircleSettings, Cycle, Matcher, PairingError, Person, PersonId, RoundRequest,
    SolveOptions,
};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use ledger::{index_of, Ledger};

#[derive(Clone, Copy)]
enum Strategy {
    Hallway,
    Greedy,
    Random,
    RandomIgnoringHours,
}

impl Strategy {
    fn name(self) -> &'static str {
        match self {
            Self::Hallway => "hallway (blossom)",
            Self::Greedy => "greedy baseline",
            Self::Random => "random baseline (eligible pairs)",
            Self::RandomIgnoringHours => "random, ignoring hours (reference)",
        }
    }
}

type Groups = Vec<Vec<(usize, bool)>>;

fn matched_round(
    req: &RoundRequest,
    index: &HashMap<PersonId, usize>,
    matcher: Matcher,
) -> Result<Groups> {
    let options = SolveOptions {
        matcher,
        ..SolveOptions::default()
    };
    let plan = match plan_round_with(req, options) {
        Ok(plan) => plan,
        Err(PairingError::TooFewEligible { .. }) => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    plan.groups
        .iter()
        .map(|g| {
            g.slot
                .members
                .iter()
                .map(|m| {
                    Ok((
                        *index.get(&m.person).context("unknown person")?,
                        m.off_hours,
                    ))
                })
                .collect()
        })
        .collect()
}

fn random_round(
    req: &RoundRequest,
    index: &HashMap<PersonId, usize>,
    rng: &mut ChaCha8Rng,
) -> Result<Groups> {
    let roster = Roster::prepare(req);
    let mut order: Vec<u32> = (0..roster.len() as u32).collect();
    order.shuffle(rng);
    let mut groups: Vec<Vec<u32>> = order.chunks(2).map(<[u32]>::to_vec).collect();
    if groups.last().is_some_and(|g| g.len() == 1) && groups.len() > 1 {
        let single = groups.pop().unwrap_or_default();
        if let Some(last) = groups.last_mut() {
            last.extend(single);
        }
    }
    let length = i64::from(req.settings.meeting_minutes);
    groups
        .iter()
        .filter(|g| g.len() >= 2)
        .map(|g| {
            let off = choose_slot(&roster, g, length)
                .map(|c| c.off_hours)
                .unwrap_or_default();
            g.iter()
                .zip(off)
                .map(|(&m, off)| {
                    Ok((
                        *index
                            .get(&roster.members[m as usize].id)
                            .context("unknown")?,
                        off,
                    ))
                })
                .collect()
        })
        .collect()
}

fn simulate(people: &[Person], strategy: Strategy, rounds: usize, seed: u64) -> Result<Ledger> {
    let index = index_of(people);
    let mut ledger = Ledger::new(people.len());
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let first = NaiveDate::from_ymd_opt(2026, 1, 5).context("date")?;
    let settings = CircleSettings::default();
    for r in 0..rounds {
        let start = first + Duration::days(7 * r as i64);
        let req = RoundRequest {
            people: people.to_vec(),
            cycle: Cycle { start, days: 7 },
            settings: CircleSettings {
                seed: seed + r as u64,
                ..settings.clone()
            },
            history: ledger.history.clone(),
            fairness: ledger.fairness(people),
            hints: Default::default(),
        };
        let began = Instant::now();
        let groups = match strategy {
            Strategy::Hallway => matched_round(&req, &index, Matcher::Blossom)?,
            Strategy::Greedy => matched_round(&req, &index, Matcher::Greedy)?,
            Strategy::Random => matched_round(
                &req,
                &index,
                Matcher::Random {
                    seed: seed + r as u64,
                },
            )?,
            Strategy::RandomIgnoringHours => random_round(&req, &index, &mut rng)?,
        };
        ledger.seconds += began.elapsed().as_secs_f64();
        ledger.record(people, &groups, start, i64::from(settings.cooldown_days));
    }
    Ok(ledger)
}

/// Mean number of colleagues each person could ever be paired with (hours overlap, no
/// exclusion), in all and across teams: the ceiling for "distinct colleagues met".
fn eligible_bounds(people: &[Person]) -> Result<(f64, f64)> {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).context("date")?;
    let req = RoundRequest {
        people: people.to_vec(),
        cycle: Cycle { start, days: 7 },
        settings: CircleSettings::default(),
        history: Vec::new(),
        fairness: Vec::new(),
        hints: Default::default(),
    };
    let roster = Roster::prepare(&req);
    let n = roster.len() as u32;
    let (mut all, mut cross) = (0u64, 0u64);
    for a in 0..n {
        for b in a + 1..n {
            if let PairCheck::Eligible { .. } = check_pair(&roster, &req.settings, a, b) {
                all += 2;
                if roster.members[a as usize].team != roster.members[b as usize].team {
                    cross += 2;
                }
            }
        }
    }
    let n = f64::from(n.max(1));
    Ok((all as f64 / n, cross as f64 / n))
}

fn print_org(title: &str, people: &[Person], rounds: usize, seed: u64) -> Result<()> {
    let teams: std::collections::HashSet<_> = people.iter().map(|p| &p.team).collect();
    let zones: std::collections::HashSet<_> = people.iter().map(|p| &p.time_zone).collect();
    let (eligible, eligible_cross) = eligible_bounds(people)?;
    println!(
        "\n### {title}: {} people, {} teams, {} time zones, {rounds} weekly rounds\n",
        people.len(),
        teams.len(),
        zones.len()
    );
    println!(
        "Each person has on average {eligible:.1} colleagues with overlapping hours and no exclusion, \
         {eligible_cross:.1} of them in other teams (the ceiling for distinct colleagues met in hours).\n"
    );
    println!("| strategy | most rounds left out | max consecutive left out | off-hours slots (total) | off-hours spread max-min (fairest) | partner-meetings per person | distinct colleagues met mean / min | distinct cross-team met mean / min | new cross-team colleagues per partner-meeting | cross-team pair share | repeats within cooldown | s / round |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for strategy in [
        Strategy::Hallway,
        Strategy::Greedy,
        Strategy::Random,
        Strategy::RandomIgnoringHours,
    ] {
        let r = simulate(people, strategy, rounds, seed)?.report(rounds);
        println!(
            "| {} | {} | {} | {} | {} ({}) | {:.1} | {:.1} / {} | {:.1} / {} | {:.2} | {:.1}% | {} | {:.3} |",
            strategy.name(),
            r.max_left_out,
            r.max_consecutive_left_out,
            r.off_hours_total,
            r.off_hours_spread,
            r.fairest_spread,
            r.meetings_mean,
            r.distinct_met_mean,
            r.distinct_met_min,
            r.cross_met_mean,
            r.cross_met_min,
            r.cross_met_mean / r.meetings_mean.max(1.0),
            100.0 * r.cross_share,
            r.repeats,
            r.seconds_per_round
        );
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: u64| -> Result<u64> {
        args.get(i).map_or(Ok(default), |s| {
            s.parse().with_context(|| format!("bad number {s}"))
        })
    };
    let rounds = arg(0, 52)? as usize;
    let size = arg(1, 2000)? as usize;
    let seed = arg(2, 7)?;
    let today = NaiveDate::from_ymd_opt(2026, 1, 5).context("date")?;
    #[cfg(feature = "demo-org")]
    print_org(
        "(a) the demo org (hallway-seed)",
        &demo::demo_people(today)?,
        rounds,
        seed,
    )?;
    #[cfg(not(feature = "demo-org"))]
    print_org("(a) small org", &small_org(seed, today), rounds, seed)?;
    print_org(
        "(b) generated company",
        &company(size, seed, today),
        rounds,
        seed,
    )?;
    Ok(())
}
