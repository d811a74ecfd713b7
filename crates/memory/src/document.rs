//! Turns input records into tantivy documents, one per record, keyed so an edit replaces it.

use tantivy::TantivyDocument;

use crate::evidence::ProfileTagsRecord;
use crate::evidence::{DocRef, Evidence, EvidenceKind, MessageRecord, NoteKind, NoteRecord};
use crate::schema::{Fields, NO_PARENT, PUBLIC_ROOM, SECONDS_PER_HOUR};

/// The unique key of a record: its kind in the top byte, its id below (ids are assumed to be
/// below 2^56, as store-assigned sequence ids are).
pub(crate) fn key_of(doc: DocRef) -> i64 {
    (doc.kind.code() << 56) ^ doc.id
}

/// The key to replace and the new document (none for a removal or an empty tag list).
pub(crate) fn to_document(fields: &Fields, evidence: &Evidence) -> (i64, Option<TantivyDocument>) {
    match evidence {
        Evidence::Message(message) => (
            key_of(DocRef {
                kind: EvidenceKind::Message,
                id: message.id,
            }),
            Some(message_document(fields, message)),
        ),
        Evidence::Note(note) => (
            key_of(DocRef {
                kind: EvidenceKind::Note,
                id: note.id,
            }),
            Some(note_document(fields, note)),
        ),
        Evidence::ProfileTags(tags) => (
            key_of(DocRef {
                kind: EvidenceKind::Tags,
                id: tags.person.0,
            }),
            tags_document(fields, tags),
        ),
        Evidence::Removed(doc) => (key_of(*doc), None),
    }
}

fn base_document(
    fields: &Fields,
    doc: DocRef,
    room: i64,
    author: i64,
    time: i64,
) -> TantivyDocument {
    let mut document = TantivyDocument::default();
    document.add_i64(fields.key, key_of(doc));
    document.add_i64(fields.kind, doc.kind.code());
    document.add_i64(fields.id, doc.id);
    document.add_i64(fields.room, room);
    document.add_i64(fields.author, author);
    document.add_i64(fields.time, time);
    document.add_i64(fields.hour, time.div_euclid(SECONDS_PER_HOUR));
    document
}

fn message_document(fields: &Fields, message: &MessageRecord) -> TantivyDocument {
    let doc = DocRef {
        kind: EvidenceKind::Message,
        id: message.id,
    };
    let mut document = base_document(
        fields,
        doc,
        message.room.0,
        message.author.0,
        message.at.timestamp(),
    );
    document.add_i64(fields.reply_to, message.reply_to.unwrap_or(NO_PARENT));
    document.add_i64(fields.is_reply, i64::from(message.reply_to.is_some()));
    document.add_i64(fields.helpful, i64::from(message.helpful_reactions));
    document.add_text(fields.text, &message.text);
    document
}

fn note_document(fields: &Fields, note: &NoteRecord) -> TantivyDocument {
    let doc = DocRef {
        kind: EvidenceKind::Note,
        id: note.id,
    };
    let mut document = base_document(fields, doc, PUBLIC_ROOM, note.author.0, note.at.timestamp());
    document.add_i64(fields.reply_to, NO_PARENT);
    document.add_i64(fields.is_reply, 0);
    document.add_i64(fields.helpful, 0);
    let label = match note.kind {
        NoteKind::Solved => "solved",
        NoteKind::Learned => "learned",
    };
    document.add_text(fields.title, format!("{label}: {}", note.title));
    document.add_text(
        fields.text,
        format!("{}\n{}\n{}", note.title, note.body, note.tags.join(" ")),
    );
    document
}

fn tags_document(fields: &Fields, tags: &ProfileTagsRecord) -> Option<TantivyDocument> {
    if tags.tags.is_empty() {
        return None;
    }
    let doc = DocRef {
        kind: EvidenceKind::Tags,
        id: tags.person.0,
    };
    let mut document = base_document(fields, doc, PUBLIC_ROOM, tags.person.0, tags.at.timestamp());
    document.add_i64(fields.reply_to, NO_PARENT);
    document.add_i64(fields.is_reply, 0);
    document.add_i64(fields.helpful, 0);
    document.add_text(fields.text, tags.tags.join(", "));
    Some(document)
}
