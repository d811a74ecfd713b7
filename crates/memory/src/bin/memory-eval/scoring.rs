//! Hit@k and MRR, and the "most active answerer so far" baseline.

use std::collections::{HashMap, HashSet};

use crate::corpus::Post;

/// Accumulates the rank of the first correct person per question.
#[derive(Debug, Default, Clone)]
pub struct Score {
    questions: usize,
    hit1: usize,
    hit3: usize,
    reciprocal: f64,
}

impl Score {
    pub fn add(&mut self, ranked: &[i64], gold: &HashSet<i64>) {
        self.questions += 1;
        if let Some(rank) = ranked.iter().position(|p| gold.contains(p)) {
            self.hit1 += usize::from(rank == 0);
            self.hit3 += usize::from(rank < 3);
            self.reciprocal += 1.0 / (rank as f64 + 1.0);
        }
    }

    pub fn hit1(&self) -> f64 {
        self.hit1 as f64 / self.questions.max(1) as f64
    }

    pub fn hit3(&self) -> f64 {
        self.hit3 as f64 / self.questions.max(1) as f64
    }

    pub fn mrr(&self) -> f64 {
        self.reciprocal / self.questions.max(1) as f64
    }

    pub fn questions(&self) -> usize {
        self.questions
    }
}

/// Counts, for every person, how many replies they wrote to someone else's post so far.
#[derive(Debug, Default)]
pub struct ActiveAnswerers {
    author_of: HashMap<i64, i64>,
    authors: HashSet<i64>,
    answers: HashMap<i64, usize>,
}

impl ActiveAnswerers {
    pub fn add(&mut self, post: &Post) {
        self.author_of.insert(post.id, post.author);
        self.authors.insert(post.author);
        if let Some(parent) = post.reply_to.and_then(|p| self.author_of.get(&p)) {
            if *parent != post.author {
                *self.answers.entry(post.author).or_default() += 1;
            }
        }
    }

    /// The most active answerers, most answers first (ties: lower id), without the asker.
    pub fn top(&self, asker: i64, limit: usize) -> Vec<i64> {
        let mut ranked: Vec<(usize, i64)> = self
            .answers
            .iter()
            .filter(|(person, _)| **person != asker)
            .map(|(person, count)| (*count, *person))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(limit)
            .map(|(_, person)| person)
            .collect()
    }

    pub fn knows(&self, person: i64) -> bool {
        self.authors.contains(&person)
    }
}
