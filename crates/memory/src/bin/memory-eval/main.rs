//! Scores the been-there finder on real data with ground truth, exactly as
//! `../shared/data/README.md` describes: for each question, only evidence older than it; hit@1,
//! hit@3 and MRR beside two baselines computed in the same run ("most active answerer so far"
//! and "author of the best BM25-matching earlier post"); questions split by time into an early
//! half (for tuning) and a late half (for reporting).
//!
//! `cargo run --release -p hallway-memory --bin memory-eval -- --data ../shared/data`
//! `... -- --tune` searches ranking settings on the early halves only.

mod corpus;
mod irc;
mod scoring;
mod stackexchange;
mod tuning;

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::Result;
use clap::Parser;
use hallway_memory::{
    Ask, Evidence, IndexEvent, IndexOptions, MemoryIndex, MessageRecord, PersonId, RankingConfig,
    RoomId,
};

use crate::corpus::{Corpus, Post};
use crate::scoring::{ActiveAnswerers, Score};

/// Every post lives in one room the asker can read.
pub const ROOM: RoomId = RoomId(1);
/// People ranked per question.
pub const LIMIT: usize = 10;

#[derive(Parser)]
#[command(about = "Score the been-there finder on real data with ground truth")]
struct Args {
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Search ranking settings on the early halves instead of reporting.
    #[arg(long)]
    tune: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let corpora = vec![
        stackexchange::load(&args.data.join("stackexchange-beer/Posts.xml"))?,
        irc::load(&args.data.join("irc-ubuntu"))?,
    ];
    if args.tune {
        return tuning::run(&corpora);
    }
    println!("| data set | half | questions | method | hit@1 | hit@3 | MRR |");
    println!("|---|---|---:|---|---:|---:|---:|");
    for corpus in &corpora {
        report(corpus, &RankingConfig::default())?;
    }
    Ok(())
}

/// The evidence record the server would feed for a post.
pub fn to_event(seq: u64, post: &Post) -> IndexEvent {
    IndexEvent {
        seq,
        evidence: Evidence::Message(MessageRecord {
            id: post.id,
            room: ROOM,
            author: PersonId(post.author),
            at: post.at,
            text: post.text.clone(),
            reply_to: post.reply_to,
            reactions: 0,
            helpful_reactions: 0,
        }),
    }
}

/// The ask for a question, with only evidence before it.
pub fn ask_for<'a>(question: &'a corpus::Question, opted_out: &'a HashSet<PersonId>) -> Ask<'a> {
    Ask {
        question: &question.text,
        asker: PersonId(question.asker),
        readable_rooms: std::slice::from_ref(&ROOM),
        roomless: true,
        opted_out,
        before: Some(question.at),
        limit: LIMIT,
    }
}

/// Replays the corpus strictly in time order: before each question the index holds exactly the
/// posts older than it (so even BM25 statistics come only from the past).
fn report(corpus: &Corpus, config: &RankingConfig) -> Result<()> {
    let index = MemoryIndex::in_ram(IndexOptions::default())?;
    let mut active = ActiveAnswerers::default();
    let opted_out = HashSet::new();
    let mut next_post = 0;
    let split = corpus.questions.len() / 2;
    let mut scores: [Vec<Score>; 2] = [vec![Score::default(); 5], vec![Score::default(); 5]];
    let without_habit = RankingConfig {
        weight_habit: 0.0,
        ..*config
    };
    let habit_only = RankingConfig {
        weight_authored: 0.0,
        weight_answered: 0.0,
        ..*config
    };
    let mut answerable = [0usize; 2];
    let baseline = RankingConfig {
        top_documents: 500,
        max_query_terms: 1024,
        ..*config
    };
    for (number, question) in corpus.questions.iter().enumerate() {
        let mut batch = Vec::new();
        while let Some(post) = corpus.posts.get(next_post).filter(|p| p.at < question.at) {
            batch.push(to_event(next_post as u64 + 1, post));
            active.add(post);
            next_post += 1;
        }
        index.apply(&batch)?;
        let half = usize::from(number >= split);
        let ask = ask_for(question, &opted_out);
        let finder = ranked_people(&index, &ask, config)?;
        let bm25: Vec<i64> = match index.ask_best_document_authors(&ask, &baseline) {
            Ok(found) => found.iter().map(|p| p.0).collect(),
            Err(hallway_memory::MemoryError::EmptyQuestion) => Vec::new(),
            Err(other) => return Err(other.into()),
        };
        scores[half][0].add(&finder, &question.gold);
        scores[half][1].add(&active.top(question.asker, LIMIT), &question.gold);
        scores[half][2].add(&bm25, &question.gold);
        scores[half][3].add(
            &ranked_people(&index, &ask, &without_habit)?,
            &question.gold,
        );
        scores[half][4].add(&ranked_people(&index, &ask, &habit_only)?, &question.gold);
        answerable[half] += usize::from(question.gold.iter().any(|p| active.knows(*p)));
    }
    let names = [
        "Hallway finder",
        "most active answerer so far",
        "author of best BM25 post",
        "(ablation) finder without the answering-lately signal",
        "(ablation) answering-lately signal alone",
    ];
    for (half, label) in [(0, "early (tuning)"), (1, "late (reported)")] {
        for (method, name) in names.iter().enumerate() {
            let s = &scores[half][method];
            println!(
                "| {} | {label} | {} | {name} | {:.3} | {:.3} | {:.3} |",
                corpus.name,
                s.questions(),
                s.hit1(),
                s.hit3(),
                s.mrr()
            );
        }
        println!(
            "| {} | {label} | {} | (gold answerer had written before) | {:.3} | | |",
            corpus.name,
            scores[half][0].questions(),
            answerable[half] as f64 / scores[half][0].questions().max(1) as f64
        );
    }
    Ok(())
}

/// The finder's ranking of people (an empty question ranks nobody).
pub fn ranked_people(
    index: &MemoryIndex,
    ask: &Ask<'_>,
    config: &RankingConfig,
) -> Result<Vec<i64>> {
    match index.ask_with(ask, config) {
        Ok(found) => Ok(found.iter().map(|s| s.person.0).collect()),
        Err(hallway_memory::MemoryError::EmptyQuestion) => Ok(Vec::new()),
        Err(other) => Err(other.into()),
    }
}
