//! Store records turned into the memory engine's neutral evidence.

use chrono::{DateTime, Utc};
use hallway_domain::NoteKind;
use hallway_memory::{self as memory, DocRef, Evidence, EvidenceKind};
use hallway_store::{EvidenceChange, Message, Note};

/// Reactions that say "this helped" (emoji and the names importers use for them).
const HELPFUL: &[&str] = &[
    "👍",
    "👍🏻",
    "👍🏼",
    "👍🏽",
    "👍🏾",
    "👍🏿",
    "✅",
    "✔️",
    "✔",
    "🙏",
    "💯",
    "🎉",
    "❤️",
    "❤",
    "🙌",
    "+1",
    "thumbsup",
    "white_check_mark",
    "heavy_check_mark",
    "pray",
    "100",
    "tada",
    "heart",
    "raised_hands",
    "accepted",
    "thanks",
];

fn is_helpful(emoji: &str) -> bool {
    HELPFUL.contains(&emoji)
}

/// A message as evidence; deleted ones and those whose author was deleted are removals.
pub(crate) fn message(message: &Message) -> Evidence {
    let author = match message.author {
        Some(author) if !message.deleted => author,
        _ => {
            return Evidence::Removed(DocRef {
                kind: EvidenceKind::Message,
                id: message.id.0,
            })
        }
    };
    let count = |helpful_only: bool| -> u32 {
        message
            .reactions
            .iter()
            .filter(|group| !helpful_only || is_helpful(&group.emoji))
            .map(|group| group.people.len() as u32)
            .sum()
    };
    Evidence::Message(memory::MessageRecord {
        id: message.id.0,
        room: memory::RoomId(message.room.0),
        author: memory::PersonId(author.0),
        at: message.created_at,
        text: message.body.clone(),
        reply_to: message.reply_to.map(|m| m.0),
        reactions: count(false),
        helpful_reactions: count(true),
    })
}

pub(crate) fn note(note: &Note) -> Evidence {
    Evidence::Note(memory::NoteRecord {
        id: note.id.0,
        kind: match note.kind {
            NoteKind::Solved => memory::NoteKind::Solved,
            NoteKind::Learned => memory::NoteKind::Learned,
        },
        author: memory::PersonId(note.author.0),
        at: note.edited_at.unwrap_or(note.created_at),
        title: note.title.as_str().to_owned(),
        body: note.body.as_str().to_owned(),
        tags: note.tags.iter().map(|t| t.as_str().to_owned()).collect(),
    })
}

/// A change-log entry as evidence. Tags carry no time of their own: they count as fresh
/// (`now`) when read.
pub(crate) fn change(change: &EvidenceChange, now: DateTime<Utc>) -> Evidence {
    let removed = |kind, id| Evidence::Removed(DocRef { kind, id });
    match change {
        EvidenceChange::Note(found) => note(found),
        EvidenceChange::NoteGone(id) => removed(EvidenceKind::Note, id.0),
        EvidenceChange::Tags { person, tags } => Evidence::ProfileTags(memory::ProfileTagsRecord {
            person: memory::PersonId(person.0),
            at: now,
            tags: tags.iter().map(|t| t.as_str().to_owned()).collect(),
        }),
        EvidenceChange::Message(found) => message(found),
        EvidenceChange::MessageGone(id) => removed(EvidenceKind::Message, id.0),
    }
}

/// The engine's key for a change-log record, to read each only once during a rebuild.
pub(crate) fn key(evidence: &Evidence) -> (EvidenceKind, i64) {
    match evidence {
        Evidence::Message(m) => (EvidenceKind::Message, m.id),
        Evidence::Note(n) => (EvidenceKind::Note, n.id),
        Evidence::ProfileTags(t) => (EvidenceKind::Tags, t.person.0),
        Evidence::Removed(doc) => (doc.kind, doc.id),
    }
}

#[cfg(test)]
mod tests {
    use hallway_domain::{MessageId, PersonId, RoomId};
    use hallway_store::ReactionGroup;

    use super::*;

    fn stored(deleted: bool, author: Option<i64>) -> Message {
        Message {
            id: MessageId(5),
            room: RoomId(2),
            seq: 1,
            author: author.map(PersonId),
            client_id: None,
            body: "Pin the intermediate".to_owned(),
            reply_to: Some(MessageId(4)),
            created_at: DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            edited_at: None,
            deleted,
            reactions: vec![
                ReactionGroup {
                    emoji: "👍".to_owned(),
                    people: vec![PersonId(1), PersonId(2)],
                },
                ReactionGroup {
                    emoji: "👀".to_owned(),
                    people: vec![PersonId(3)],
                },
            ],
        }
    }

    #[test]
    fn messages_count_helpful_reactions_and_deleted_ones_are_removed() {
        let Evidence::Message(record) = message(&stored(false, Some(7))) else {
            panic!("a live message is evidence");
        };
        assert_eq!((record.reactions, record.helpful_reactions), (3, 2));
        assert_eq!((record.author.0, record.reply_to), (7, Some(4)));
        let gone = DocRef {
            kind: EvidenceKind::Message,
            id: 5,
        };
        assert_eq!(message(&stored(true, Some(7))), Evidence::Removed(gone));
        assert_eq!(message(&stored(false, None)), Evidence::Removed(gone));
    }
}
