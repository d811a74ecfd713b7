//! The been-there finder: runs the walled queries against one searcher snapshot and turns the
//! evidence into ranked people with reasons and snippets.

use std::collections::HashMap;

use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;

use tantivy::query::{BooleanQuery, InvertedIndexRangeQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::Order;
use tantivy::Searcher;

use crate::ask::{any_of, Ask, PreparedAsk};
use crate::error::Result;
use crate::evidence::{EvidenceKind, PersonId};
use crate::explain::{explain, Suggestion};
use crate::index::MemoryIndex;
use crate::ranking::{credit_answerers, credit_authors, Candidate, RankingConfig};
use crate::rows::{Row, RowCollector, SegmentColumns};
use crate::schema::SECONDS_PER_HOUR;

/// How far back the answering-lately window may reach (about a century: everything).
const MAX_LOOK_BACK_SECONDS: i64 = 100 * 366 * 86_400;

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
        if config.weight_habit > 0.0 && config.habit_window > 0 {
            for (author, count) in
                self.recent_answer_counts(&searcher, &prepared, config.habit_window)?
            {
                people.entry(author).or_default().habit = count as f32;
            }
        }
        people.retain(|person, _| {
            *person != ask.asker.0 && !ask.opted_out.contains(&PersonId(*person))
        });
        let mut ranked: Vec<(f32, i64)> = people
            .iter()
            .map(|(person, candidate)| (candidate.score(config), *person))
            .collect();
        sort_ranked(&mut ranked);
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

    /// Who has been answering lately: authors of the `window` most recent replies the asker can
    /// see (before the time limit), with their counts. Looks back an hour from the latest
    /// document, then eight times further each round, so a busy index only ranks its latest
    /// documents.
    fn recent_answer_counts(
        &self,
        searcher: &Searcher,
        prepared: &PreparedAsk,
        window: usize,
    ) -> Result<HashMap<i64, usize>> {
        let latest_indexed = searcher
            .segment_readers()
            .iter()
            .filter_map(|segment| segment.fast_fields().i64("time").ok())
            .map(|column| column.max_value().saturating_add(1))
            .max()
            .unwrap_or(prepared.reference_time);
        let anchor = prepared.reference_time.min(latest_indexed);
        let mut span: i64 = 3_600;
        let found = loop {
            let since_hour = anchor.saturating_sub(span).div_euclid(SECONDS_PER_HOUR);
            let since = Term::from_field_i64(self.fields.hour, since_hour);
            let recent: Box<dyn Query> = Box::new(InvertedIndexRangeQuery::new(
                Bound::Included(since),
                Bound::Unbounded,
            ));
            let is_reply: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_i64(self.fields.is_reply, 1),
                IndexRecordOption::Basic,
            ));
            let query = BooleanQuery::new(vec![(Occur::Must, is_reply), (Occur::Must, recent)]);
            let latest =
                TopDocs::with_limit(window).order_by_fast_field::<i64>("time", Order::Desc);
            let found = searcher.search(&prepared.within_walls(Box::new(query)), &latest)?;
            if found.len() >= window || span > MAX_LOOK_BACK_SECONDS {
                break found;
            }
            span = span.saturating_mul(8);
        };
        let mut columns: HashMap<u32, Column<i64>> = HashMap::new();
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for (_, address) in found {
            let segment = address.segment_ord;
            if let std::collections::hash_map::Entry::Vacant(slot) = columns.entry(segment) {
                slot.insert(
                    searcher
                        .segment_reader(segment)
                        .fast_fields()
                        .i64("author")?,
                );
            }
            if let Some(author) = columns.get(&segment).and_then(|c| c.first(address.doc_id)) {
                *counts.entry(author).or_default() += 1;
            }
        }
        Ok(counts)
    }
}

fn sort_ranked(ranked: &mut [(f32, i64)]) {
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
}
