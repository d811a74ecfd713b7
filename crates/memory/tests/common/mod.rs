//! Small in-RAM histories shared by the integration tests.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::HashSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use hallway_memory::{
    Ask, Evidence, IndexEvent, IndexOptions, MemoryIndex, MessageRecord, PersonId, RoomId,
    Suggestion,
};

pub const KITCHEN: RoomId = RoomId(1);
pub const PRIVATE: RoomId = RoomId(2);

pub fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(n)
}

pub fn message(
    id: i64,
    room: RoomId,
    author: i64,
    at: i64,
    text: &str,
    reply_to: Option<i64>,
) -> Evidence {
    Evidence::Message(MessageRecord {
        id,
        room,
        author: PersonId(author),
        at: day(at),
        text: text.to_string(),
        reply_to,
        reactions: 0,
        helpful_reactions: 0,
    })
}

pub fn events(evidence: Vec<Evidence>) -> Vec<IndexEvent> {
    evidence
        .into_iter()
        .enumerate()
        .map(|(i, evidence)| IndexEvent {
            seq: i as u64 + 1,
            evidence,
        })
        .collect()
}

pub fn index_of(evidence: Vec<Evidence>) -> MemoryIndex {
    let index = MemoryIndex::in_ram(IndexOptions::default()).unwrap();
    index.apply(&events(evidence)).unwrap();
    index
}

pub fn ask_in(
    index: &MemoryIndex,
    question: &str,
    asker: i64,
    rooms: &[RoomId],
    opted_out: &HashSet<PersonId>,
) -> Vec<Suggestion> {
    index
        .ask(&Ask {
            question,
            asker: PersonId(asker),
            readable_rooms: rooms,
            roomless: true,
            opted_out,
            before: None,
            limit: 10,
        })
        .unwrap()
}

pub fn people(suggestions: &[Suggestion]) -> Vec<i64> {
    suggestions.iter().map(|s| s.person.0).collect()
}
