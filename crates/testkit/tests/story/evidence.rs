//! Stories about the evidence feed the finder's indexer follows: a room's touched messages by
//! sequence range, the change log for notes, tags and deleted people (read in current state,
//! missing nothing under concurrent writers), and idempotent imports.

use std::collections::HashSet;
use std::sync::Arc;

use hallway_domain::{ClientMessageId, MessageBody, MessageId, NoteId, PersonId, Reaction, RoomId};
use hallway_store::{
    EvidenceChange, ImportHow, ImportMessage, ImportPerson, MessageChange, NewPerson, Store,
    StoreError,
};

use super::messages::new_message;
use super::notes::{new_note, note};
use super::rooms::{body, open_room};
use super::{at, each, new_person, person, profile, tags};

async fn post(store: &Arc<dyn Store>, room: RoomId, author: PersonId, text: &str) -> MessageId {
    let room = store.room(room).await.unwrap();
    let client = format!("c{}", room.last_seq + 1);
    let posted = store
        .post_message(new_message(&room, author, &client, text))
        .await
        .unwrap();
    match posted.event.kind {
        hallway_store::RoomEventKind::Posted { message, .. } => message,
        other => panic!("not a post: {other:?}"),
    }
}

async fn all_changes(store: &Arc<dyn Store>, after: i64) -> (i64, Vec<EvidenceChange>) {
    let read = store.evidence_changes(after, 1_000).await.unwrap();
    (read.through, read.changes)
}

#[tokio::test]
async fn a_room_feed_returns_touched_messages_in_their_current_state() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let room = open_room(&store, "Kitchen").await.id;
        let first = post(&store, room, ada.id, "How do we pin TLS?").await;
        let second = post(&store, room, ada.id, "Never mind").await;
        let edit = MessageChange::Edit {
            body: body("How do we pin TLS on Android?"),
        };
        store
            .change_message(room, first, ada.id, edit, at(20))
            .await
            .unwrap();
        let thumbs = MessageChange::React {
            emoji: Reaction::parse("👍").unwrap(),
            on: true,
        };
        store
            .change_message(room, first, ada.id, thumbs, at(21))
            .await
            .unwrap();
        store
            .change_message(room, second, ada.id, MessageChange::Delete, at(22))
            .await
            .unwrap();

        let all = store.room_evidence(room, 0, 100).await.unwrap();
        assert_eq!(all.through, 5, "{name}");
        let ids: Vec<MessageId> = all.messages.iter().map(|m| m.id).collect();
        assert_eq!(ids, [first, second], "{name}: each message once, in order");
        assert_eq!(
            all.messages[0].body, "How do we pin TLS on Android?",
            "{name}"
        );
        assert_eq!(all.messages[0].reactions.len(), 1, "{name}");
        assert!(all.messages[1].deleted, "{name}");

        let part = store.room_evidence(room, 2, 2).await.unwrap();
        assert_eq!(part.through, 4, "{name}");
        assert_eq!(
            part.messages.len(),
            1,
            "{name}: the edit and the reaction of the first"
        );
        let none = store.room_evidence(room, 5, 100).await.unwrap();
        assert_eq!((none.through, none.messages.len()), (5, 0), "{name}");
        let unknown = store.room_evidence(RoomId(9_999), 0, 10).await;
        assert!(
            matches!(
                unknown,
                Err(StoreError::NotFound(hallway_store::Missing::Room))
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_change_log_covers_notes_tags_and_what_a_deleted_person_leaves() {
    each(|store, name| async move {
        let mut tagged = new_person("ada@example.org", "Ada");
        tagged.profile.ask_me_about = tags(&["tls"]);
        let ada = store.create_person(tagged).await.unwrap();
        let bob = person(&store, "bob@example.org", "Bob").await;
        let (start, changes) = all_changes(&store, 0).await;
        assert_eq!(changes, [tag_change(ada.id, &["tls"])], "{name}: untagged Bob is not logged");

        let written = note(&store, ada.id, "TLS pinning", "Pin the intermediate.").await;
        let mut bobs = profile("Bob");
        bobs.ask_me_about = tags(&["kotlin"]);
        store.update_profile(bob.id, &bobs).await.unwrap();
        let (next, changes) = all_changes(&store, start).await;
        assert_eq!(
            changes,
            [EvidenceChange::Note(written.clone()), tag_change(bob.id, &["kotlin"])],
            "{name}"
        );

        let room = open_room(&store, "Kitchen").await.id;
        let adas = post(&store, room, ada.id, "Pinning works now").await;
        let bobs_message = post(&store, room, bob.id, "Nice").await;
        let heart = MessageChange::React {
            emoji: Reaction::parse("❤").unwrap(),
            on: true,
        };
        store.change_message(room, bobs_message, ada.id, heart, at(30)).await.unwrap();
        store.delete_person(ada.id).await.unwrap();
        let (last, changes) = all_changes(&store, next).await;
        assert_eq!(changes.len(), 4, "{name}: {changes:#?}");
        assert!(
            matches!(&changes[0], EvidenceChange::Message(m) if m.id == adas && m.deleted && m.author.is_none()),
            "{name}: {:?}",
            changes[0]
        );
        assert!(
            matches!(&changes[1], EvidenceChange::Message(m) if m.id == bobs_message && m.reactions.is_empty()),
            "{name}: {:?}",
            changes[1]
        );
        assert_eq!(changes[2], EvidenceChange::NoteGone(written.id), "{name}");
        assert_eq!(changes[3], tag_change(ada.id, &[]), "{name}");
        assert_eq!(all_changes(&store, last).await, (last, Vec::new()), "{name}");
    })
    .await;
}

fn tag_change(person: PersonId, list: &[&str]) -> EvidenceChange {
    EvidenceChange::Tags {
        person,
        tags: tags(list),
    }
}

#[tokio::test]
async fn a_reader_following_the_change_log_misses_nothing_written_concurrently() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let store = store.clone();
                tokio::spawn(async move {
                    for i in 0..15 {
                        let title = format!("Note {w}-{i}");
                        store
                            .create_note(new_note(ada.id, &title, "Body"))
                            .await
                            .unwrap();
                    }
                })
            })
            .collect();
        let (mut cursor, mut seen) = (0, HashSet::<NoteId>::new());
        let mut follow = |changes: Vec<EvidenceChange>| {
            for change in changes {
                if let EvidenceChange::Note(n) = change {
                    seen.insert(n.id);
                }
            }
        };
        while !writers.iter().all(|w| w.is_finished()) {
            let read = store.evidence_changes(cursor, 7).await.unwrap();
            cursor = read.through;
            follow(read.changes);
        }
        for writer in writers {
            writer.await.unwrap();
        }
        loop {
            let read = store.evidence_changes(cursor, 7).await.unwrap();
            if read.changes.is_empty() {
                break;
            }
            cursor = read.through;
            follow(read.changes);
        }
        assert_eq!(seen.len(), 60, "{name}: every note reached the reader");
    })
    .await;
}

fn imported_message(
    source_id: &str,
    author: PersonId,
    text: &str,
    reply: Option<&str>,
) -> ImportMessage {
    ImportMessage {
        source_id: source_id.to_owned(),
        client_id: ClientMessageId::parse(&format!("imp-{}", source_id.replace('/', "-"))).unwrap(),
        author,
        body: MessageBody::parse(text).unwrap(),
        reply_to: reply.map(str::to_owned),
        at: at(-86_400),
    }
}

fn import(source_id: &str, address: &str, name: &str) -> ImportPerson {
    ImportPerson {
        source_id: source_id.to_owned(),
        person: NewPerson {
            active: false,
            password_hash: None,
            ..new_person(address, name)
        },
    }
}

#[tokio::test]
async fn imports_map_people_and_rooms_and_never_add_twice() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let mapped = store
            .import_people("slack", &[import("U1", "ada@example.org", "Ada S")])
            .await
            .unwrap()[0]
            .unwrap();
        assert_eq!(
            (mapped.id, mapped.how),
            (ada.id, ImportHow::Matched),
            "{name}"
        );
        let created = store
            .import_people("slack", &[import("U2", "u2@slack.import.invalid", "Bob")])
            .await
            .unwrap()[0]
            .unwrap();
        assert_eq!(created.how, ImportHow::Created, "{name}");
        let bob = store.person(created.id).await.unwrap();
        assert!(!bob.active, "{name}: imported people are inactive");
        assert!(
            store.password_hash(bob.id).await.is_err(),
            "{name}: and have no password"
        );
        let again = store
            .import_people("slack", &[import("U2", "other@example.org", "Bob")])
            .await
            .unwrap()[0]
            .unwrap();
        assert_eq!(
            (again.id, again.how),
            (bob.id, ImportHow::Already),
            "{name}"
        );

        let kitchen = open_room(&store, "general").await;
        let room = super::rooms::new_room("General", hallway_domain::RoomKind::Open, None);
        let general = store
            .import_room("slack", "C1", room.clone())
            .await
            .unwrap();
        assert_eq!(
            (general.id, general.how),
            (kitchen.id, ImportHow::Matched),
            "{name}"
        );
        let private = super::rooms::new_room("general", hallway_domain::RoomKind::Private, None);
        let clash = store.import_room("slack", "G1", private).await;
        assert!(
            matches!(clash, Err(StoreError::Conflict(_))),
            "{name}: never merged"
        );
        let lounge = super::rooms::new_room("Lounge", hallway_domain::RoomKind::Private, None);
        store.create_room(lounge.clone()).await.unwrap();
        let clash = store.import_room("slack", "G2", lounge).await;
        assert!(
            matches!(clash, Err(StoreError::Conflict(_))),
            "{name}: not even by kind"
        );
        let again = store.import_room("slack", "C1", room).await.unwrap();
        assert_eq!(again.how, ImportHow::Already, "{name}");

        post(&store, kitchen.id, ada.id, "A live message first").await;
        let batch = [
            imported_message("C1/1", ada.id, "How do we deploy?", None),
            imported_message("C1/2", bob.id, "Run make ship", Some("C1/1")),
            imported_message("C1/2", bob.id, "Run make ship", Some("C1/1")),
        ];
        let done = store
            .import_messages("slack", kitchen.id, &batch)
            .await
            .unwrap();
        assert_eq!((done.added, done.already), (2, 1), "{name}");
        let history = store.messages_before(kitchen.id, None, 10).await.unwrap();
        let seqs: Vec<i64> = history.iter().map(|m| m.seq).collect();
        assert_eq!(
            seqs,
            [1, 2, 3],
            "{name}: appended after the live message, densely"
        );
        assert_eq!(
            history[2].reply_to,
            Some(history[1].id),
            "{name}: the thread is kept"
        );
        assert_eq!(
            history[1].created_at,
            at(-86_400),
            "{name}: original times are kept"
        );
        let events = store.room_events_after(kitchen.id, 1, 10).await.unwrap();
        assert_eq!(
            events.len(),
            2,
            "{name}: imported posts are events like any other"
        );

        let later = [
            imported_message("C1/2", bob.id, "Run make ship", Some("C1/1")),
            imported_message("C1/3", ada.id, "Thanks!", Some("C1/2")),
        ];
        let done = store
            .import_messages("slack", kitchen.id, &later)
            .await
            .unwrap();
        assert_eq!((done.added, done.already), (1, 1), "{name}");
        let thanks = store.messages_before(kitchen.id, None, 1).await.unwrap();
        assert_eq!(
            thanks[0].reply_to,
            Some(history[2].id),
            "{name}: a parent from an earlier run"
        );
        assert_eq!(store.room(kitchen.id).await.unwrap().last_seq, 4, "{name}");

        let export = store.export_person(bob.id).await.unwrap();
        let identity = ("slack".to_owned(), "U2".to_owned());
        assert_eq!(export.memory.imported_as, [identity], "{name}");
        store.delete_person(bob.id).await.unwrap();
        let recreated = store
            .import_people("slack", &[import("U2", "u2@slack.import.invalid", "Bob")])
            .await
            .unwrap()[0]
            .unwrap();
        assert_eq!(
            recreated.how,
            ImportHow::Created,
            "{name}: the mapping went with him"
        );
        let done = store
            .import_messages("slack", kitchen.id, &later)
            .await
            .unwrap();
        assert_eq!(
            done.added, 0,
            "{name}: his scrubbed messages do not come back"
        );
    })
    .await;
}
