//! A small grid search over ranking settings, scored on the early half of every data set only
//! (mean MRR across data sets, so no single data set decides).

use std::collections::HashSet;

use anyhow::Result;
use hallway_memory::{IndexOptions, MemoryIndex, PersonId, RankingConfig};

use crate::corpus::Corpus;
use crate::scoring::Score;
use crate::{ask_for, ranked_people, to_event};

pub fn run(corpora: &[Corpus]) -> Result<()> {
    let indexes = corpora
        .iter()
        .map(|corpus| {
            let index = MemoryIndex::in_ram(IndexOptions::default())?;
            let events: Vec<_> = corpus
                .posts
                .iter()
                .enumerate()
                .map(|(i, p)| to_event(i as u64 + 1, p))
                .collect();
            index.apply(&events)?;
            Ok(index)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut results = Vec::new();
    for config in grid() {
        let mut mrrs = Vec::new();
        for (corpus, index) in corpora.iter().zip(&indexes) {
            mrrs.push(early_mrr(corpus, index, &config)?);
        }
        let mean = mrrs.iter().sum::<f64>() / mrrs.len() as f64;
        println!("{mean:.4} {mrrs:.4?} {config:?}");
        results.push((mean, config));
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0));
    if let Some((mean, best)) = results.first() {
        println!("best mean early-half MRR {mean:.4}: {best:?}");
    }
    Ok(())
}

fn early_mrr(corpus: &Corpus, index: &MemoryIndex, config: &RankingConfig) -> Result<f64> {
    let opted_out: HashSet<PersonId> = HashSet::new();
    let mut score = Score::default();
    for question in corpus.halves().0 {
        let ranked = ranked_people(index, &ask_for(question, &opted_out), config)?;
        score.add(&ranked, &question.gold);
    }
    Ok(score.mrr())
}

/// Answered-question weight × diminishing factor × answering-lately weight × window.
fn grid() -> Vec<RankingConfig> {
    let base = RankingConfig::default();
    let mut configs = vec![base];
    for weight_answered in [0.5, 1.5, 3.0] {
        for diminishing in [0.3, 0.6, 0.9] {
            for weight_habit in [0.0, 0.4, 0.8, 1.6] {
                for habit_window in [30, 100, 300, 1000] {
                    configs.push(RankingConfig {
                        weight_answered,
                        diminishing,
                        weight_habit,
                        habit_window,
                        ..base
                    });
                }
            }
        }
    }
    configs
}
