//! What a suggestion shows: the person, their strongest evidence as short excerpts, and a
//! one-line reason a person can read ("answered 3 similar questions in room 4; ...").

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::query::BooleanQuery;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};

use crate::error::Result;
use crate::evidence::{DocRef, PersonId, RoomId};
use crate::ranking::{Candidate, Role, Weighed};
use crate::rows::Row;
use crate::schema::{Fields, PUBLIC_ROOM};

/// Longest excerpt shown per piece of evidence, in characters.
const EXCERPT_CHARS: usize = 160;

/// One person suggested for a question.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// Who.
    pub person: PersonId,
    /// Relevance score (only comparable within one answer).
    pub score: f32,
    /// Up to three pieces of evidence, strongest first.
    pub evidence: Vec<EvidenceSnippet>,
    /// Counts behind the reason line.
    pub reason: Reason,
}

/// A piece of evidence as shown to the asker.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSnippet {
    /// The record (message, note or profile tags).
    pub doc: DocRef,
    /// Its room; `None` for notes and tags, which belong to no room.
    pub room: Option<RoomId>,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// A short excerpt of the record's text.
    pub excerpt: String,
    /// Byte ranges of `excerpt` matching the question (may be empty).
    pub highlighted: Vec<Range<usize>>,
    /// For a reply: the question it answered.
    pub answered_question: Option<DocRef>,
}

/// The counts behind a suggestion's one-line reason.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reason {
    /// Similar questions answered, per room (room-less questions are not counted here).
    pub answered_by_room: BTreeMap<RoomId, usize>,
    /// Titles of matching "solved"/"learned" notes (with their label), strongest first.
    pub note_titles: Vec<String>,
    /// Matching messages written.
    pub matching_messages: usize,
    /// Whether their "ask me about" tags match.
    pub tags_match: bool,
    /// Their replies among the latest ones the asker can see (they have been answering lately).
    pub recent_answers: usize,
}

impl Reason {
    /// The reason as one line, naming rooms with `room_name` (e.g. `|r| format!("#{}", name)`).
    pub fn describe(&self, room_name: impl Fn(RoomId) -> String) -> String {
        let mut parts = Vec::new();
        for (room, count) in &self.answered_by_room {
            let noun = if *count == 1 { "question" } else { "questions" };
            parts.push(format!(
                "answered {count} similar {noun} in {}",
                room_name(*room)
            ));
        }
        if let Some(title) = self.note_titles.first() {
            let (label, rest) = title.split_once(": ").unwrap_or(("solved", title.as_str()));
            parts.push(format!("wrote a '{label}' note on {rest}"));
        }
        if self.matching_messages > 0 && self.answered_by_room.is_empty() {
            let noun = if self.matching_messages == 1 {
                "message"
            } else {
                "messages"
            };
            parts.push(format!("wrote {} related {noun}", self.matching_messages));
        }
        if self.tags_match {
            parts.push("lists it under \"ask me about\"".to_string());
        }
        if parts.is_empty() && self.recent_answers > 0 {
            parts.push(format!(
                "has been answering questions lately ({} recent replies)",
                self.recent_answers
            ));
        }
        parts.join("; ")
    }
}

pub(crate) fn explain(
    searcher: &Searcher,
    fields: &Fields,
    terms: &BooleanQuery,
    person: PersonId,
    score: f32,
    candidate: &Candidate,
) -> Result<Suggestion> {
    let mut reason = Reason {
        recent_answers: candidate.habit as usize,
        ..Reason::default()
    };
    for answer in &candidate.answered {
        *reason
            .answered_by_room
            .entry(RoomId(answer.row.room))
            .or_default() += 1;
    }
    let mut generator = SnippetGenerator::create(searcher, terms, fields.text)?;
    generator.set_max_num_chars(EXCERPT_CHARS);
    for weighed in &candidate.authored {
        match weighed.row.kind {
            crate::EvidenceKind::Message => reason.matching_messages += 1,
            crate::EvidenceKind::Tags => reason.tags_match = true,
            crate::EvidenceKind::Note => {
                let document: TantivyDocument = searcher.doc(weighed.row.address)?;
                if let Some(title) = document.get_first(fields.title).and_then(|v| v.as_str()) {
                    reason.note_titles.push(title.to_string());
                }
            }
        }
    }
    let evidence = candidate
        .best_evidence(3)
        .iter()
        .map(|weighed| snippet(searcher, fields, &generator, weighed))
        .collect::<Result<Vec<_>>>()?;
    Ok(Suggestion {
        person,
        score,
        evidence,
        reason,
    })
}

fn snippet(
    searcher: &Searcher,
    fields: &Fields,
    generator: &SnippetGenerator,
    weighed: &Weighed,
) -> Result<EvidenceSnippet> {
    let row: &Row = &weighed.row;
    let document: TantivyDocument = searcher.doc(row.address)?;
    let text = document
        .get_first(fields.text)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let found = generator.snippet(text);
    let (excerpt, highlighted) = if found.highlighted().is_empty() {
        (plain_excerpt(text), Vec::new())
    } else {
        (found.fragment().to_string(), found.highlighted().to_vec())
    };
    Ok(EvidenceSnippet {
        doc: DocRef {
            kind: row.kind,
            id: row.id,
        },
        room: (row.room != PUBLIC_ROOM).then_some(RoomId(row.room)),
        at: DateTime::from_timestamp(row.time, 0).unwrap_or_default(),
        excerpt,
        highlighted,
        answered_question: match weighed.role {
            Role::Answered { question } => Some(DocRef {
                kind: question.kind,
                id: question.id,
            }),
            Role::Authored => None,
        },
    })
}

/// The start of `text`, cut at a character boundary.
fn plain_excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
