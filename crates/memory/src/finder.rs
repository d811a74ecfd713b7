//! The been-there finder: runs the walled queries against one searcher snapshot and turns the
//! evidence into ranked people with reasons and snippets.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::Searcher;

use crate::ask::{any_of, Ask, PreparedAsk};
use crate::error::Result;
use crate::evidence::{EvidenceKind, PersonId};
use crate::explain::{explain, Suggestion};
use crate::index::MemoryIndex;
use crate::ranking::{credit_answerers, credit_authors, Candidate, RankingConfig};
use crate::rows::{Row, RowCollector, SegmentColumns};

/// How many top candidates get the answering-habit lookup.
const HABIT_CANDIDATES: usize = 50;

impl MemoryIndex {
    /// Ranks colleagues for a question with the default ranking.
    pub fn ask(&self, ask: &Ask<'_>) -> Result<Vec<Suggestion>> {
        self.ask_with(ask, &RankingConfig::default())
    }

    /// Ranks colleagues for a question: the top `ask.limit` people (never the asker, never
    /// anyone opted out), each with up to three pieces of evidence and a one-line reason.
    pub fn ask_with(&self, ask: &Ask<'_>, config: &RankingConfig) -> Result<Vec<Suggestion>> {
        let searcher = self.reader.searcher();
        let prepared = PreparedAsk::new(&searcher, &self.fields, ask, config.max_query_terms)?;
        if prepared.terms.is_empty() || ask.limit == 0 {
            return Ok(Vec::new());
        }
        let hits = self.top_hits(&searcher, &prepared, config.top_documents)?;
        let mut people: HashMap<i64, Candidate> = HashMap::new();
        credit_authors(&hits, prepared.reference_time, config, &mut people);
        let questions: Vec<(f32, Row)> = hits
            .iter()
            .filter(|(_, row)| row.kind == EvidenceKind::Message)
            .take(config.question_documents)
            .copied()
            .collect();
        let replies = self.replies_to(&searcher, &prepared, &questions)?;
        credit_answerers(
            &questions,
            &replies,
            prepared.reference_time,
            config,
            &mut people,
        );
        people.retain(|person, _| {
            *person != ask.asker.0 && !ask.opted_out.contains(&PersonId(*person))
        });
        let mut ranked: Vec<(f32, i64)> = people
            .iter()
            .map(|(person, candidate)| (candidate.score(config), *person))
            .collect();
        sort_ranked(&mut ranked);
        if config.weight_habit > 0.0 {
            ranked.truncate(HABIT_CANDIDATES.max(ask.limit));
            self.add_habits(&searcher, &prepared, config, &mut people, &ranked)?;
            for entry in ranked.iter_mut() {
                if let Some(candidate) = people.get(&entry.1) {
                    entry.0 = candidate.score(config);
                }
            }
            sort_ranked(&mut ranked);
        }
        ranked.truncate(ask.limit);
        let snippets = prepared.terms_query();
        ranked
            .into_iter()
            .filter_map(|(score, person)| people.get(&person).map(|c| (score, person, c)))
            .map(|(score, person, candidate)| {
                explain(
                    &searcher,
                    &self.fields,
                    &snippets,
                    PersonId(person),
                    score,
                    candidate,
                )
            })
            .collect()
    }

    /// People ranked by their single best-matching document (the plain BM25 baseline), with the
    /// same walls, asker and opt-out rules; reads `config.top_documents` documents searched with
    /// up to `config.max_query_terms` terms.
    pub fn ask_best_document_authors(
        &self,
        ask: &Ask<'_>,
        config: &RankingConfig,
    ) -> Result<Vec<PersonId>> {
        let searcher = self.reader.searcher();
        let prepared = PreparedAsk::new(&searcher, &self.fields, ask, config.max_query_terms)?;
        if prepared.terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut seen = Vec::new();
        for (_, row) in self.top_hits(&searcher, &prepared, config.top_documents)? {
            let person = PersonId(row.author);
            if person != ask.asker && !ask.opted_out.contains(&person) && !seen.contains(&person) {
                seen.push(person);
                if seen.len() == ask.limit {
                    break;
                }
            }
        }
        Ok(seen)
    }

    fn top_hits(
        &self,
        searcher: &Searcher,
        prepared: &PreparedAsk,
        limit: usize,
    ) -> Result<Vec<(f32, Row)>> {
        let query = prepared.text_query();
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut columns: HashMap<u32, SegmentColumns> = HashMap::new();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let segment = address.segment_ord;
            if let std::collections::hash_map::Entry::Vacant(slot) = columns.entry(segment) {
                slot.insert(SegmentColumns::open(
                    segment,
                    searcher.segment_reader(segment),
                )?);
            }
            if let Some(segment_columns) = columns.get(&segment) {
                hits.push((score, segment_columns.row(address.doc_id)));
            }
        }
        Ok(hits)
    }

    fn replies_to(
        &self,
        searcher: &Searcher,
        prepared: &PreparedAsk,
        questions: &[(f32, Row)],
    ) -> Result<Vec<Row>> {
        if questions.is_empty() {
            return Ok(Vec::new());
        }
        let parents = any_of(
            self.fields.reply_to,
            questions.iter().map(|(_, row)| row.id),
        );
        Ok(searcher.search(&prepared.within_walls(parents), &RowCollector)?)
    }

    /// Recency-weighted count of each candidate's replies anywhere the asker can read.
    fn add_habits(
        &self,
        searcher: &Searcher,
        prepared: &PreparedAsk,
        config: &RankingConfig,
        people: &mut HashMap<i64, Candidate>,
        ranked: &[(f32, i64)],
    ) -> Result<()> {
        if ranked.is_empty() {
            return Ok(());
        }
        let authors = any_of(self.fields.author, ranked.iter().map(|(_, person)| *person));
        let is_reply: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_i64(self.fields.is_reply, 1),
            IndexRecordOption::Basic,
        ));
        let query = BooleanQuery::new(vec![(Occur::Must, authors), (Occur::Must, is_reply)]);
        let rows = searcher.search(&prepared.within_walls(Box::new(query)), &RowCollector)?;
        for row in rows {
            if let Some(candidate) = people.get_mut(&row.author) {
                candidate.habit += config.recency(row.time, prepared.reference_time);
            }
        }
        Ok(())
    }
}

fn sort_ranked(ranked: &mut [(f32, i64)]) {
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}
