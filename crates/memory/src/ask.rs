//! Asking "who has been here before?": the question, its walls, and the tantivy queries that
//! enforce them (readable rooms and the time limit are part of every query, so evidence from
//! other rooms never reaches a score, a count or a snippet).

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tantivy::query::doc_predicate_query::{DocPredicateQuery, FunctionPredicate};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, Searcher, SegmentReader};

use crate::error::{MemoryError, Result};
use crate::evidence::{PersonId, RoomId};
use crate::schema::{stems, Fields, PUBLIC_ROOM};

/// A question and who is asking it.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// The question in the asker's words.
    pub question: &'a str,
    /// Who asks; never suggested.
    pub asker: PersonId,
    /// Rooms the asker can read now; evidence from any other room is invisible.
    pub readable_rooms: &'a [RoomId],
    /// Whether evidence that belongs to no room (notes, profile tags) counts: `false` for
    /// askers who may not read it (guests).
    pub roomless: bool,
    /// People who opted out of being suggested; never suggested.
    pub opted_out: &'a HashSet<PersonId>,
    /// Only evidence strictly before this instant counts (and recency is measured from it);
    /// `None` means all evidence, recency measured from now.
    pub before: Option<DateTime<Utc>>,
    /// How many people to return.
    pub limit: usize,
}

/// The question turned into index terms plus the wall filters shared by every query.
pub(crate) struct PreparedAsk {
    /// Selective question terms (rarest first), each searched once.
    pub terms: Vec<Term>,
    /// Readable rooms plus room-less evidence, and the time limit, as one per-document filter.
    pub walls: Box<dyn Query>,
    /// Unix seconds recency is measured from.
    pub reference_time: i64,
}

impl PreparedAsk {
    /// Tokenises and stems the question, keeps at most `max_terms` of its rarest known stems,
    /// and builds the wall filters. A question without words is an error.
    pub(crate) fn new(
        searcher: &Searcher,
        fields: &Fields,
        ask: &Ask<'_>,
        max_terms: usize,
    ) -> Result<PreparedAsk> {
        let mut words = stems(ask.question);
        if words.is_empty() {
            return Err(MemoryError::EmptyQuestion);
        }
        words.sort();
        words.dedup();
        let mut known = Vec::with_capacity(words.len());
        for word in words {
            let term = Term::from_field_text(fields.text, &word);
            let frequency = searcher.doc_freq(&term)?;
            if frequency > 0 {
                known.push((frequency, term));
            }
        }
        known.sort_by_key(|(frequency, _)| *frequency);
        known.truncate(max_terms.max(1));
        drop_common_terms(&mut known, searcher.num_docs());
        let reference_time = ask.before.unwrap_or_else(Utc::now).timestamp();
        Ok(PreparedAsk {
            terms: known.into_iter().map(|(_, term)| term).collect(),
            walls: wall_filter(ask),
            reference_time,
        })
    }

    /// BM25 over the question terms, restricted by the walls.
    pub(crate) fn text_query(&self) -> BooleanQuery {
        let should: Vec<(Occur, Box<dyn Query>)> = self
            .terms
            .iter()
            .map(|term| {
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect();
        self.within_walls(Box::new(BooleanQuery::new(should)))
    }

    /// The question terms alone (for snippet highlighting).
    pub(crate) fn terms_query(&self) -> BooleanQuery {
        BooleanQuery::new_multiterms_query(self.terms.clone())
    }

    /// `query` with the walls added as a zero-score requirement inside the same query, so
    /// documents behind a wall are never scored, counted or collected.
    pub(crate) fn within_walls(&self, query: Box<dyn Query>) -> BooleanQuery {
        let walls: Box<dyn Query> = Box::new(ConstScoreQuery::new(self.walls.box_clone(), 0.0));
        BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, walls)])
    }
}

/// On a large index, words in more than this share of all documents (and in more than
/// [`COMMON_TERM_MIN_DOCS`]) say little about a topic ("the", "how") but would make every query
/// read most of the index; they are dropped unless nothing rarer is left, in which case the
/// rarest two stay. Small indexes keep every word (BM25 already discounts common ones).
const COMMON_TERM_SHARE: f64 = 0.05;
const COMMON_TERM_MIN_DOCS: u64 = 10_000;

fn drop_common_terms(known: &mut Vec<(u64, Term)>, num_docs: u64) {
    let limit = ((num_docs as f64 * COMMON_TERM_SHARE) as u64).max(COMMON_TERM_MIN_DOCS);
    let rare = known
        .iter()
        .filter(|(frequency, _)| *frequency <= limit)
        .count();
    known.truncate(rare.max(2));
}

/// Any of `values` in an i64 field.
pub(crate) fn any_of(
    field: tantivy::schema::Field,
    values: impl IntoIterator<Item = i64>,
) -> Box<dyn Query> {
    Box::new(TermSetQuery::new(
        values
            .into_iter()
            .map(|value| Term::from_field_i64(field, value)),
    ))
}

/// A per-document filter on the room and time fast fields (room-less evidence passes only
/// when `ask.roomless`): evaluated lazily on the documents
/// the other clauses propose, so a large set of readable rooms costs nothing up front.
fn wall_filter(ask: &Ask<'_>) -> Box<dyn Query> {
    let mut rooms: Vec<i64> = ask.readable_rooms.iter().map(|room| room.0).collect();
    if ask.roomless {
        rooms.push(PUBLIC_ROOM);
    }
    rooms.sort_unstable();
    rooms.dedup();
    let rooms = Arc::new(rooms);
    let before = ask.before.map_or(i64::MAX, |t| t.timestamp());
    let predicate = FunctionPredicate::from(move |segment: &SegmentReader| {
        let fast = segment.fast_fields();
        let room = fast.i64("room")?;
        let time = fast.i64("time")?;
        let rooms = Arc::clone(&rooms);
        Ok(move |doc: DocId| {
            let visible = room
                .first(doc)
                .is_some_and(|r| rooms.binary_search(&r).is_ok());
            visible && time.first(doc).is_some_and(|t| t < before)
        })
    });
    Box::new(DocPredicateQuery::from(predicate))
}
