//! Scoring people from evidence: BM25 matches of what they wrote, answers they gave in threads
//! whose question matches, helpful reactions, recency, profile tags and answering habit, each
//! person's evidence summed with diminishing returns.

use std::collections::HashMap;

use crate::evidence::EvidenceKind;
use crate::rows::Row;

/// The knobs of the ranking. [`RankingConfig::default`] was chosen on the early half of two real
/// data sets (see `docs/benchmarks/memory.md`); callers should not need to change it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankingConfig {
    /// Best-matching documents read per question.
    pub top_documents: usize,
    /// Rarest question terms searched (long questions are cut to these).
    pub max_query_terms: usize,
    /// Best-matching messages treated as questions whose repliers answered them.
    pub question_documents: usize,
    /// Weight of documents a person wrote that match.
    pub weight_authored: f32,
    /// Weight of replies a person gave in threads whose question matches.
    pub weight_answered: f32,
    /// Multiplier for a matching "solved"/"learned" note over a plain message.
    pub weight_note: f32,
    /// Multiplier for matching "ask me about" tags.
    pub weight_tags: f32,
    /// Extra weight per log helpful reaction.
    pub weight_helpful: f32,
    /// Weight of answering habit: log of a person's share of the latest visible replies.
    pub weight_habit: f32,
    /// How many of the latest replies the asker can see define "who has been answering lately".
    pub habit_window: usize,
    /// Each further piece of evidence of one person counts this fraction of the previous one.
    pub diminishing: f32,
    /// Evidence this old counts half as much (above the floor).
    pub recency_half_life_days: f32,
    /// The least an old piece of evidence counts (fraction of a fresh one).
    pub recency_floor: f32,
}

impl Default for RankingConfig {
    fn default() -> Self {
        RankingConfig {
            top_documents: 300,
            max_query_terms: 32,
            question_documents: 100,
            weight_authored: 1.0,
            weight_answered: 1.5,
            weight_note: 1.5,
            weight_tags: 1.0,
            weight_helpful: 0.3,
            weight_habit: 0.8,
            habit_window: 100,
            diminishing: 0.6,
            recency_half_life_days: 365.0,
            recency_floor: 0.3,
        }
    }
}

impl RankingConfig {
    /// How much evidence written at `time` counts when asking at `reference` (unix seconds).
    pub(crate) fn recency(&self, time: i64, reference: i64) -> f32 {
        let age_days = (reference - time).max(0) as f32 / 86_400.0;
        let half_lives = age_days / self.recency_half_life_days.max(1e-6);
        self.recency_floor + (1.0 - self.recency_floor) * 0.5f32.powf(half_lives)
    }

    fn helpful_boost(&self, helpful: i64) -> f32 {
        1.0 + self.weight_helpful * (helpful.max(0) as f32).ln_1p()
    }
}

/// Why a piece of evidence counts for its author.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Role {
    /// The person wrote this matching document.
    Authored,
    /// The person wrote this reply to a matching question (the root row).
    Answered { question: Row },
}

/// One weighted piece of evidence for one person.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weighed {
    pub row: Row,
    pub role: Role,
    pub weight: f32,
}

/// Everything gathered about one candidate.
#[derive(Debug, Default)]
pub(crate) struct Candidate {
    pub authored: Vec<Weighed>,
    pub answered: Vec<Weighed>,
    pub habit: f32,
}

impl Candidate {
    pub(crate) fn score(&self, config: &RankingConfig) -> f32 {
        config.weight_authored * diminishing_sum(&self.authored, config.diminishing)
            + config.weight_answered * diminishing_sum(&self.answered, config.diminishing)
            + config.weight_habit * self.habit.ln_1p()
    }

    /// The strongest evidence first, answers before authored documents on ties, each record
    /// once.
    pub(crate) fn best_evidence(&self, count: usize) -> Vec<Weighed> {
        let mut all: Vec<Weighed> = self
            .answered
            .iter()
            .chain(&self.authored)
            .copied()
            .collect();
        all.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        // A reply that matches is both authored and an answer: show it once.
        let mut seen = Vec::with_capacity(count);
        all.retain(|w| {
            let key = (w.row.kind, w.row.id);
            let first = !seen.contains(&key);
            if first {
                seen.push(key);
            }
            first
        });
        all.truncate(count);
        all
    }
}

fn diminishing_sum(evidence: &[Weighed], factor: f32) -> f32 {
    let mut weights: Vec<f32> = evidence.iter().map(|e| e.weight).collect();
    weights.sort_by(|a, b| b.total_cmp(a));
    let mut step = 1.0;
    let mut total = 0.0;
    for weight in weights {
        total += weight * step;
        step *= factor;
    }
    total
}

/// Credits each matching document to its author. `hits` are (bm25, row), best first.
pub(crate) fn credit_authors(
    hits: &[(f32, Row)],
    reference: i64,
    config: &RankingConfig,
    people: &mut HashMap<i64, Candidate>,
) {
    let best = hits
        .first()
        .map_or(1.0, |(score, _)| score.max(f32::EPSILON));
    for (score, row) in hits {
        let kind_weight = match row.kind {
            EvidenceKind::Message => 1.0,
            EvidenceKind::Note => config.weight_note,
            EvidenceKind::Tags => config.weight_tags,
        };
        let weight = score / best
            * kind_weight
            * config.recency(row.time, reference)
            * config.helpful_boost(row.helpful);
        people
            .entry(row.author)
            .or_default()
            .authored
            .push(Weighed {
                row: *row,
                role: Role::Authored,
                weight,
            });
    }
}

/// Credits people who replied to matching questions, once per question (their best reply).
/// `questions` are (bm25, row) of matching messages; `replies` are all visible replies to them.
pub(crate) fn credit_answerers(
    questions: &[(f32, Row)],
    replies: &[Row],
    reference: i64,
    config: &RankingConfig,
    people: &mut HashMap<i64, Candidate>,
) {
    let best = questions
        .iter()
        .map(|(score, _)| *score)
        .fold(f32::EPSILON, f32::max);
    let by_id: HashMap<i64, (f32, Row)> = questions.iter().map(|(s, r)| (r.id, (*s, *r))).collect();
    let mut best_reply: HashMap<(i64, i64), Weighed> = HashMap::new();
    for reply in replies {
        let Some((score, question)) = by_id.get(&reply.reply_to) else {
            continue;
        };
        if reply.author == question.author {
            continue;
        }
        let weight = score / best
            * config.recency(reply.time, reference)
            * config.helpful_boost(reply.helpful);
        let slot = best_reply
            .entry((reply.author, question.id))
            .or_insert(Weighed {
                row: *reply,
                role: Role::Answered {
                    question: *question,
                },
                weight: 0.0,
            });
        if weight > slot.weight {
            slot.row = *reply;
            slot.weight = weight;
        }
    }
    for ((author, _), weighed) in best_reply {
        people.entry(author).or_default().answered.push(weighed);
    }
}
