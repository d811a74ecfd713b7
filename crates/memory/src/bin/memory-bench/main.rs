//! Speed benchmark of the memory engine on a generated history (default: 1,000,000 messages by
//! 5,000 people): bulk indexing throughput, and people-ranking query latency (p50/p95/p99),
//! beside SQLite FTS5 and PostgreSQL full-text search answering the same queries in the same run.
//!
//! `cargo run --release -p hallway-memory --features bench --bin memory-bench`

mod history;
mod peers;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use clap::Parser;
use hallway_memory::{
    Ask, Evidence, IndexEvent, IndexOptions, MemoryIndex, MessageRecord, PersonId, RankingConfig,
    RoomId,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::history::{generate, Message, Shape};

#[derive(Parser)]
#[command(about = "Memory engine speed benchmark with SQLite FTS5 and PostgreSQL as peers")]
struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    messages: usize,
    #[arg(long, default_value_t = 5_000)]
    people: usize,
    #[arg(long, default_value_t = 200)]
    rooms: usize,
    #[arg(long, default_value_t = 300)]
    queries: usize,
    /// Where the on-disk indexes go (removed and recreated).
    #[arg(long, default_value = "/tmp/hallway-memory-bench")]
    dir: PathBuf,
    #[arg(long, default_value = "postgres://127.0.0.1:5432/test")]
    postgres_url: String,
    #[arg(long)]
    skip_postgres: bool,
    #[arg(long)]
    skip_sqlite: bool,
    /// Indexing threads for Hallway's bulk load.
    #[arg(long, default_value_t = 2)]
    writer_threads: usize,
}

/// One benchmark question: text and the rooms its asker can read.
pub struct Query {
    pub text: String,
    pub asker: i64,
    pub rooms: Vec<i64>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let shape = Shape {
        messages: args.messages,
        people: args.people,
        rooms: args.rooms,
        topics: 300,
        words_per_topic: 400,
        common_words: 20_000,
    };
    let started = Instant::now();
    let (vocabulary, messages) = generate(&shape, 7)?;
    println!(
        "generated {} messages by {} people in {} rooms in {:.1?}",
        messages.len(),
        args.people,
        args.rooms,
        started.elapsed()
    );
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let queries: Vec<Query> = (0..args.queries)
        .map(|_| {
            let mut rooms: Vec<i64> = (0..args.rooms as i64).collect();
            rooms.shuffle(&mut rng);
            rooms.truncate(args.rooms * 6 / 10);
            Query {
                text: vocabulary.question(rng.gen_range(0..300), &mut rng),
                asker: rng.gen_range(0..args.people as i64),
                rooms,
            }
        })
        .collect();
    let _ = std::fs::remove_dir_all(&args.dir);
    std::fs::create_dir_all(&args.dir)?;

    let options = IndexOptions {
        writer_threads: args.writer_threads,
        ..IndexOptions::bulk()
    };
    let (index, hallway_load) = load_hallway(&args.dir.join("tantivy"), &messages, options)?;
    let hallway = time_queries(&queries, |q| hallway_ask(&index, q))?;
    report(
        "Hallway (tantivy)",
        messages.len(),
        hallway_load,
        &hallway,
        None,
    );

    let no_habit = RankingConfig {
        weight_habit: 0.0,
        ..RankingConfig::default()
    };
    let without = time_queries(&queries, |q| hallway_ask_with(&index, q, &no_habit))?;
    report(
        "  (Hallway without the answering-lately lookup)",
        messages.len(),
        hallway_load,
        &without,
        None,
    );

    if !args.skip_sqlite {
        let (sqlite, load) = peers::Sqlite::load(&args.dir.join("fts5.sqlite"), &messages)?;
        let latencies = time_queries(&queries, |q| sqlite.ask(q).map(|_| ()))?;
        report(
            "SQLite FTS5",
            messages.len(),
            load,
            &latencies,
            Some((hallway_load, &hallway)),
        );
    }
    if !args.skip_postgres {
        let (mut postgres, load) = peers::Postgres::load(&args.postgres_url, &messages)?;
        let latencies = time_queries(&queries, |q| postgres.ask(q).map(|_| ()));
        postgres.drop_table()?;
        report(
            "PostgreSQL FTS",
            messages.len(),
            load,
            &latencies?,
            Some((hallway_load, &hallway)),
        );
    }
    Ok(())
}

fn load_hallway(
    dir: &std::path::Path,
    messages: &[Message],
    options: IndexOptions,
) -> Result<(MemoryIndex, Duration)> {
    let index = MemoryIndex::open(dir, options)?;
    let events = messages.iter().map(|m| IndexEvent {
        seq: m.id as u64,
        evidence: Evidence::Message(MessageRecord {
            id: m.id,
            room: RoomId(m.room),
            author: PersonId(m.author),
            at: m.at,
            text: m.text.clone(),
            reply_to: m.reply_to,
            reactions: 0,
            helpful_reactions: 0,
        }),
    });
    let started = Instant::now();
    let cpu_before = process_cpu_time();
    index.rebuild(events, Some(messages.len() as u64), |_| {})?;
    let elapsed = started.elapsed();
    let cpu = process_cpu_time().saturating_sub(cpu_before);
    println!(
        "Hallway indexing used {:.1} CPU-seconds over {:.1} s wall ({:.0} msg per CPU-second; load average {})",
        cpu.as_secs_f64(),
        elapsed.as_secs_f64(),
        messages.len() as f64 / cpu.as_secs_f64().max(1e-9),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    );
    Ok((index, elapsed))
}

fn hallway_ask(index: &MemoryIndex, query: &Query) -> Result<()> {
    hallway_ask_with(index, query, &RankingConfig::default())
}

fn hallway_ask_with(index: &MemoryIndex, query: &Query, config: &RankingConfig) -> Result<()> {
    let rooms: Vec<RoomId> = query.rooms.iter().map(|r| RoomId(*r)).collect();
    let opted_out = HashSet::new();
    let found = index.ask_with(
        &Ask {
            question: &query.text,
            asker: PersonId(query.asker),
            readable_rooms: &rooms,
            roomless: true,
            opted_out: &opted_out,
            before: None,
            limit: 10,
        },
        config,
    )?;
    std::hint::black_box(found);
    Ok(())
}

/// Wall-clock and on-CPU latencies of a set of queries, each sorted.
pub struct Latencies {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

/// Runs the first queries once to warm caches, then every query timing each: wall clock, and
/// the time this thread spent on a CPU (what the query costs on an idle machine).
fn time_queries(queries: &[Query], mut ask: impl FnMut(&Query) -> Result<()>) -> Result<Latencies> {
    for query in queries.iter().take(30) {
        ask(query)?;
    }
    let mut wall = Vec::with_capacity(queries.len());
    let mut cpu = Vec::with_capacity(queries.len());
    for query in queries {
        let cpu_before = thread_cpu_time();
        let started = Instant::now();
        ask(query)?;
        wall.push(started.elapsed());
        cpu.push(thread_cpu_time().saturating_sub(cpu_before));
    }
    wall.sort();
    cpu.sort();
    Ok(Latencies { wall, cpu })
}

/// Time the calling thread has spent on a CPU (Linux `/proc/thread-self/schedstat`; for the
/// peers this is only the client side, their servers' CPU is not visible here).
fn thread_cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

/// CPU time of the whole process so far (all threads), from `/proc/self/stat`.
fn process_cpu_time() -> Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let fields: Vec<String> = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let user: u64 = fields.get(11)?.parse().ok()?;
            let system: u64 = fields.get(12)?.parse().ok()?;
            Some(user + system)
        });
    Duration::from_millis(ticks.unwrap_or_default() * 10)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or_default()
}

fn report(
    name: &str,
    count: usize,
    load: Duration,
    latencies: &Latencies,
    hallway: Option<(Duration, &Latencies)>,
) {
    let rate = count as f64 / load.as_secs_f64();
    let p95 = percentile(&latencies.wall, 0.95);
    println!(
        "{name}: indexed {count} in {:.1} s = {rate:.0} msg/s; query wall p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms; on-CPU p50 {:.2} ms, p95 {:.2} ms",
        load.as_secs_f64(),
        ms(percentile(&latencies.wall, 0.50)),
        ms(p95),
        ms(percentile(&latencies.wall, 0.99)),
        ms(percentile(&latencies.cpu, 0.50)),
        ms(percentile(&latencies.cpu, 0.95)),
    );
    if let Some((hallway_load, hallway_latencies)) = hallway {
        let hallway_p95 = percentile(&hallway_latencies.wall, 0.95);
        println!(
            "  ratio Hallway/{name}: indexing rate {:.2}x; {name} query p95 / Hallway query p95 = {:.1}x",
            load.as_secs_f64() / hallway_load.as_secs_f64(),
            ms(p95) / ms(hallway_p95).max(1e-9)
        );
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
