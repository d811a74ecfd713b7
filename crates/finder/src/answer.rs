//! Answering "who has been here before?": the asker's walls, the engine's ranking, then each
//! suggestion checked against the store as it stands (people deleted since, messages deleted
//! or notes gone since the index last caught up never show) and described for people.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use hallway_domain::{MessageId, NoteId, PersonId, Role, RoomId};
use hallway_memory::{self as memory, Ask, EvidenceKind, EvidenceSnippet, Reason, Suggestion};
use hallway_store::{Person, StoreError};
use serde::Serialize;

use crate::error::{FinderError, Result};
use crate::walls::readable_rooms;
use crate::Finder;

/// The longest question accepted, in characters.
pub const MAX_QUESTION_CHARS: usize = 2_000;

/// People suggested for a question, best first.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub people: Vec<Found>,
}

/// One suggested colleague.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub person: PersonId,
    pub name: String,
    /// Imported people who never signed in are inactive.
    pub active: bool,
    /// One line a person can read, e.g. "answered 2 similar questions in #kitchen".
    pub reason: String,
    /// One to three pieces of evidence, strongest first.
    pub evidence: Vec<Snippet>,
    /// The engine's score (comparable within one answer only).
    #[serde(skip)]
    pub score: f32,
    /// The counts behind the reason.
    #[serde(skip)]
    pub counts: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SnippetKind {
    Message,
    Note,
    Tags,
}

/// A room as a snippet names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomRef {
    pub id: RoomId,
    pub name: String,
}

/// A piece of evidence as shown: where and when, an excerpt, and a link to the original.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    pub kind: SnippetKind,
    /// The room of a message.
    pub room: Option<RoomRef>,
    /// The title of a note.
    pub title: Option<String>,
    pub at: DateTime<Utc>,
    pub excerpt: String,
    /// Byte ranges of `excerpt` that match the question.
    pub highlighted: Vec<(usize, usize)>,
    /// `/rooms/{id}#m-{message}` (the room page's anchor), `/notes/{id}` or `/people/{id}`.
    pub link: String,
}

/// The checked question: trimmed, not empty, not too long.
fn checked(question: &str) -> Result<&str> {
    let question = question.trim();
    let got = question.chars().count();
    if got == 0 {
        return Err(FinderError::EmptyQuestion);
    }
    if got > MAX_QUESTION_CHARS {
        return Err(FinderError::QuestionTooLong {
            max: MAX_QUESTION_CHARS,
            got,
        });
    }
    Ok(question)
}

/// Suggestions asked for beyond `limit`, in case some fail the check against the store.
const SPARE: usize = 3;

impl Finder {
    /// The top `limit` colleagues for `question` asked by `asker`, within their walls.
    pub async fn ask(&self, asker: PersonId, question: &str, limit: usize) -> Result<Answer> {
        let question = checked(question)?.to_owned();
        let person = self.store.person(asker).await?;
        let (rooms, readable) = readable_rooms(self.store.as_ref(), &person).await?;
        let opted_out: HashSet<memory::PersonId> = self
            .store
            .opted_out_people()
            .await?
            .into_iter()
            .map(|p| memory::PersonId(p.0))
            .collect();
        let roomless = person.role != Role::Guest;
        let index = self.index.clone();
        let walls: Vec<memory::RoomId> = readable.iter().map(|r| memory::RoomId(r.0)).collect();
        let suggestions = tokio::task::spawn_blocking(move || {
            index.ask(&Ask {
                question: &question,
                asker: memory::PersonId(asker.0),
                readable_rooms: &walls,
                roomless,
                opted_out: &opted_out,
                before: None,
                limit: limit + SPARE,
            })
        })
        .await??;
        let names: HashMap<RoomId, String> = rooms
            .into_iter()
            .filter(|room| readable.contains(&room.id))
            .map(|room| (room.id, room.name.to_string()))
            .collect();
        let mut people = Vec::new();
        for suggestion in suggestions {
            if people.len() == limit {
                break;
            }
            if let Some(found) = self.describe(suggestion, &names, roomless).await? {
                people.push(found);
            }
        }
        Ok(Answer { people })
    }

    /// The suggestion as shown, or `None` when the person or all their evidence is gone.
    async fn describe(
        &self,
        suggestion: Suggestion,
        rooms: &HashMap<RoomId, String>,
        roomless: bool,
    ) -> Result<Option<Found>> {
        let person = match self.store.person(PersonId(suggestion.person.0)).await {
            Ok(person) => person,
            Err(StoreError::NotFound(_)) => return Ok(None),
            Err(other) => return Err(other.into()),
        };
        let mut evidence = Vec::new();
        for snippet in &suggestion.evidence {
            if let Some(shown) = self.snippet(&person, snippet, rooms, roomless).await? {
                evidence.push(shown);
            }
        }
        if evidence.is_empty() {
            return Ok(None);
        }
        let name = |room: memory::RoomId| match rooms.get(&RoomId(room.0)) {
            Some(name) => format!("#{name}"),
            None => "a room".to_owned(),
        };
        let mut reason = suggestion.reason.describe(name);
        if reason.is_empty() {
            reason = "has written about this".to_owned();
        }
        Ok(Some(Found {
            person: person.id,
            name: person.profile.display_name.to_string(),
            active: person.active,
            reason,
            evidence,
            score: suggestion.score,
            counts: suggestion.reason,
        }))
    }

    async fn snippet(
        &self,
        person: &Person,
        snippet: &EvidenceSnippet,
        rooms: &HashMap<RoomId, String>,
        roomless: bool,
    ) -> Result<Option<Snippet>> {
        let shown = |kind, room, title, link| Snippet {
            kind,
            room,
            title,
            at: snippet.at,
            excerpt: snippet.excerpt.clone(),
            highlighted: snippet
                .highlighted
                .iter()
                .map(|r| (r.start, r.end))
                .collect(),
            link,
        };
        let id = snippet.doc.id;
        match snippet.doc.kind {
            EvidenceKind::Message => {
                let Some(room) = snippet.room.map(|r| RoomId(r.0)) else {
                    return Ok(None);
                };
                let Some(name) = rooms.get(&room) else {
                    return Ok(None);
                };
                let live = match self.store.message(MessageId(id)).await {
                    Ok(m) => !m.deleted && m.author == Some(person.id) && m.room == room,
                    Err(StoreError::NotFound(_)) => false,
                    Err(other) => return Err(other.into()),
                };
                let link = format!("/rooms/{}#m-{id}", room.0);
                let room = Some(RoomRef {
                    id: room,
                    name: name.clone(),
                });
                Ok(live.then(|| shown(SnippetKind::Message, room, None, link)))
            }
            EvidenceKind::Note if roomless => match self.store.note(NoteId(id)).await {
                Ok(note) if note.author == person.id => {
                    let title = Some(note.title.as_str().to_owned());
                    Ok(Some(shown(
                        SnippetKind::Note,
                        None,
                        title,
                        format!("/notes/{id}"),
                    )))
                }
                Ok(_) | Err(StoreError::NotFound(_)) => Ok(None),
                Err(other) => Err(other.into()),
            },
            EvidenceKind::Tags if roomless && id == person.id.0 => {
                let link = format!("/people/{id}");
                Ok(Some(shown(SnippetKind::Tags, None, None, link)))
            }
            EvidenceKind::Note | EvidenceKind::Tags => Ok(None),
        }
    }
}
