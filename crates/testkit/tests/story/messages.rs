//! Stories about messages: dense sequence numbers (also under concurrent posting), idempotent
//! retries, edits and deletes by the author only, reactions, scroll-back, the export and what
//! deleting a person leaves behind.

use std::collections::BTreeSet;
use std::sync::Arc;

use hallway_domain::{ClientMessageId, MessageId, PersonId, Reaction, RoomId};
use hallway_store::{MessageChange, NewMessage, Room, RoomEvent, RoomEventKind, Store, StoreError};

use super::rooms::{body, open_room};
use super::{at, each, person};

pub fn new_message(room: &Room, author: PersonId, client: &str, text: &str) -> NewMessage {
    NewMessage {
        room: room.id,
        author,
        client_id: ClientMessageId::parse(client).unwrap(),
        body: body(text),
        reply_to: None,
        at: at(10),
    }
}

fn posted_id(event: &RoomEvent) -> MessageId {
    match &event.kind {
        RoomEventKind::Posted { message, .. } => *message,
        other => panic!("expected a post, got {other:?}"),
    }
}

fn react(emoji: &str, on: bool) -> MessageChange {
    MessageChange::React {
        emoji: Reaction::parse(emoji).unwrap(),
        on,
    }
}

async fn seqs(store: &Arc<dyn Store>, room: RoomId) -> Vec<i64> {
    let events = store.room_events_after(room, 0, 10_000).await.unwrap();
    events.iter().map(|e| e.seq).collect()
}

#[tokio::test]
async fn posts_are_numbered_and_retries_are_not_stored_twice() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let lounge = open_room(&store, "Lounge").await;
        let mut numbers = Vec::new();
        for (i, text) in ["one", "two", "three"].iter().enumerate() {
            let posted = store
                .post_message(new_message(&kitchen, ada.id, &format!("c{i}"), text))
                .await
                .unwrap();
            assert!(!posted.duplicate, "{name}");
            numbers.push(posted.event.seq);
        }
        assert_eq!(numbers, vec![1, 2, 3], "{name}");

        let retry = store
            .post_message(new_message(&kitchen, ada.id, "c1", "two"))
            .await
            .unwrap();
        assert!(retry.duplicate, "{name}");
        assert_eq!(retry.event.seq, 2, "{name}: the original event");
        assert_eq!(store.room(kitchen.id).await.unwrap().last_seq, 3, "{name}");
        for (room, text) in [(&kitchen, "changed"), (&lounge, "two")] {
            match store
                .post_message(new_message(room, ada.id, "c1", text))
                .await
            {
                Err(StoreError::Conflict(m)) => assert!(m.contains("c1"), "{name}: {m}"),
                other => panic!("{name}: expected a conflict, got {other:?}"),
            }
        }
        let bobs = store
            .post_message(new_message(&kitchen, bob.id, "c1", "mine"))
            .await
            .unwrap();
        assert_eq!(bobs.event.seq, 4, "{name}: client ids are per author");

        let elsewhere = store
            .post_message(new_message(&lounge, bob.id, "l1", "lounge"))
            .await
            .unwrap();
        let mut reply = new_message(&kitchen, bob.id, "r1", "re");
        reply.reply_to = Some(posted_id(&elsewhere.event));
        let wrong = store.post_message(reply.clone()).await;
        assert!(
            matches!(
                wrong,
                Err(StoreError::NotFound(hallway_store::Missing::Message))
            ),
            "{name}"
        );
        reply.reply_to = Some(MessageId(999_999));
        let unknown = store.post_message(reply.clone()).await;
        assert!(matches!(
            unknown,
            Err(StoreError::NotFound(hallway_store::Missing::Message))
        ));
        let first = posted_id(&store.room_events_after(kitchen.id, 0, 1).await.unwrap()[0]);
        reply.reply_to = Some(first);
        let answered = store.post_message(reply).await.unwrap();
        assert_eq!(answered.event.seq, 5, "{name}: failures used no number");
        let message = store.message(posted_id(&answered.event)).await.unwrap();
        assert_eq!(
            (message.reply_to, message.seq, message.author),
            (Some(first), 5, Some(bob.id))
        );
        assert_eq!(message.client_id.as_deref(), Some("r1"), "{name}");

        let mut lost = new_message(&kitchen, ada.id, "x", "x");
        lost.room = RoomId(999_999);
        let lost = store.post_message(lost).await;
        assert!(
            matches!(
                lost,
                Err(StoreError::NotFound(hallway_store::Missing::Room))
            ),
            "{name}"
        );
        let nobody = store
            .post_message(new_message(&kitchen, PersonId(999_999), "x", "x"))
            .await;
        assert!(nobody.is_err(), "{name}");
        assert_eq!(
            seqs(&store, kitchen.id).await,
            vec![1, 2, 3, 4, 5],
            "{name}"
        );
        let missing = store.room_events_after(RoomId(999_999), 0, 10).await;
        assert!(matches!(
            missing,
            Err(StoreError::NotFound(hallway_store::Missing::Room))
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_posts_take_every_number_exactly_once() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let mut tasks = Vec::new();
        for task in 0..8 {
            let (store, kitchen) = (store.clone(), kitchen.clone());
            tasks.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                for i in 0..25 {
                    let client = format!("t{task}-{i}");
                    let message = new_message(&kitchen, ada.id, &client, &client);
                    mine.push(store.post_message(message).await.unwrap().event.seq);
                }
                mine
            }));
        }
        let mut all = BTreeSet::new();
        for task in tasks {
            let mine = task.await.unwrap();
            assert!(mine.windows(2).all(|w| w[0] < w[1]), "{name}: in order");
            all.extend(mine);
        }
        assert_eq!(all, (1..=200).collect(), "{name}: no gaps, no repeats");
        assert_eq!(
            seqs(&store, kitchen.id).await,
            (1..=200).collect::<Vec<_>>()
        );
        assert_eq!(store.room(kitchen.id).await.unwrap().last_seq, 200);

        // Eight tries of the same post at once store it once.
        let mut tries = Vec::new();
        for _ in 0..8 {
            let (store, kitchen) = (store.clone(), kitchen.clone());
            tries.push(tokio::spawn(async move {
                let message = new_message(&kitchen, ada.id, "same", "once");
                store.post_message(message).await.unwrap()
            }));
        }
        let mut fresh = 0;
        for attempt in tries {
            let posted = attempt.await.unwrap();
            assert_eq!(posted.event.seq, 201, "{name}");
            fresh += usize::from(!posted.duplicate);
        }
        assert_eq!(fresh, 1, "{name}: exactly one try stored it");
        assert_eq!(store.room(kitchen.id).await.unwrap().last_seq, 201);
    })
    .await;
}

#[tokio::test]
async fn only_authors_edit_and_delete_and_deletes_scrub_history() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let lounge = open_room(&store, "Lounge").await;
        let posted = store
            .post_message(new_message(&kitchen, ada.id, "c1", "secret plan"))
            .await
            .unwrap();
        let id = posted_id(&posted.event);
        let edit = |text: &str| MessageChange::Edit { body: body(text) };
        let change = |room: RoomId, who: PersonId, change: MessageChange| {
            let store = store.clone();
            async move { store.change_message(room, id, who, change, at(20)).await }
        };

        let theirs = change(kitchen.id, bob.id, edit("hijacked")).await;
        assert!(matches!(
            theirs,
            Err(StoreError::NotFound(hallway_store::Missing::Message))
        ));
        let wrong_room = change(lounge.id, ada.id, edit("moved")).await;
        assert!(matches!(
            wrong_room,
            Err(StoreError::NotFound(hallway_store::Missing::Message))
        ));
        let edited = change(kitchen.id, ada.id, edit("secret plan v2"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(edited.seq, 2, "{name}");
        let message = store.message(id).await.unwrap();
        assert_eq!(
            (message.body.as_str(), message.edited_at),
            ("secret plan v2", Some(at(20)))
        );
        let retry = store
            .post_message(new_message(&kitchen, ada.id, "c1", "secret plan"))
            .await
            .unwrap();
        assert!(
            retry.duplicate,
            "{name}: a retry after an edit is still a retry"
        );

        let theirs = change(kitchen.id, bob.id, MessageChange::Delete).await;
        assert!(matches!(
            theirs,
            Err(StoreError::NotFound(hallway_store::Missing::Message))
        ));
        let deleted = change(kitchen.id, ada.id, MessageChange::Delete)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (deleted.seq, deleted.kind.clone()),
            (3, RoomEventKind::Deleted { message: id })
        );
        let history = store.room_events_after(kitchen.id, 0, 10).await.unwrap();
        assert_eq!(history.len(), 3, "{name}: every event keeps its place");
        for event in &history {
            let text = format!("{event:?}");
            assert!(!text.contains("secret"), "{name}: body left in {text}");
        }
        let message = store.message(id).await.unwrap();
        assert!(message.deleted && message.body.is_empty(), "{name}");

        for again in [MessageChange::Delete, edit("back"), react("👍", true)] {
            let result = change(kitchen.id, ada.id, again).await;
            assert!(
                matches!(
                    result,
                    Err(StoreError::NotFound(hallway_store::Missing::Message))
                ),
                "{name}: {result:?}"
            );
        }
        let missing = store.message(MessageId(999_999)).await;
        assert!(matches!(
            missing,
            Err(StoreError::NotFound(hallway_store::Missing::Message))
        ));
        assert_eq!(store.room(kitchen.id).await.unwrap().last_seq, 3, "{name}");
    })
    .await;
}

#[tokio::test]
async fn reactions_go_on_and_off_once_and_group_by_emoji() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let posted = store
            .post_message(new_message(&kitchen, ada.id, "c1", "lunch?"))
            .await
            .unwrap();
        let id = posted_id(&posted.event);
        let apply = |who: PersonId, emoji: &str, on: bool| {
            let (store, change) = (store.clone(), react(emoji, on));
            async move {
                store
                    .change_message(kitchen.id, id, who, change, at(30))
                    .await
                    .unwrap()
            }
        };
        let on = apply(bob.id, "👍", true).await.unwrap();
        let expected = RoomEventKind::Reacted {
            message: id,
            person: Some(bob.id),
            emoji: "👍".to_owned(),
            on: true,
        };
        assert_eq!((on.seq, on.kind), (2, expected), "{name}");
        assert_eq!(apply(bob.id, "👍", true).await, None, "{name}: no-op");
        assert_eq!(apply(bob.id, "🎉", false).await, None, "{name}: no-op");
        apply(ada.id, "🎉", true).await.unwrap();
        apply(ada.id, "👍", true).await.unwrap();
        let off = apply(ada.id, "🎉", false).await.unwrap();
        assert_eq!(off.seq, 5, "{name}: no-ops take no number");
        apply(bob.id, "🎉", true).await.unwrap();

        let message = store.message(id).await.unwrap();
        let groups: Vec<(&str, Vec<PersonId>)> = message
            .reactions
            .iter()
            .map(|g| (g.emoji.as_str(), g.people.clone()))
            .collect();
        assert_eq!(
            groups,
            vec![("👍", vec![bob.id, ada.id]), ("🎉", vec![bob.id])],
            "{name}: first-reaction order"
        );
        assert_eq!(seqs(&store, kitchen.id).await, vec![1, 2, 3, 4, 5, 6]);
    })
    .await;
}

#[tokio::test]
async fn scroll_back_pages_through_messages_newest_first() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let mut ids = Vec::new();
        for i in 1..=10 {
            let text = format!("message {i}");
            let posted = store
                .post_message(new_message(&kitchen, ada.id, &format!("c{i}"), &text))
                .await
                .unwrap();
            ids.push(posted_id(&posted.event));
        }
        let page = |before: Option<i64>, limit: u32| {
            let store = store.clone();
            async move {
                let found = store
                    .messages_before(kitchen.id, before, limit)
                    .await
                    .unwrap();
                found.iter().map(|m| m.seq).collect::<Vec<_>>()
            }
        };
        assert_eq!(page(None, 4).await, vec![7, 8, 9, 10], "{name}");
        assert_eq!(page(Some(7), 4).await, vec![3, 4, 5, 6], "{name}");
        assert_eq!(page(Some(3), 4).await, vec![1, 2], "{name}");
        assert_eq!(page(Some(1), 4).await, Vec::<i64>::new(), "{name}");
        let latest = store.messages_before(kitchen.id, None, 1).await.unwrap();
        assert_eq!(
            (latest[0].id, latest[0].body.as_str()),
            (ids[9], "message 10")
        );
        let events = store.room_events_after(kitchen.id, 8, 5).await.unwrap();
        assert_eq!(
            events.iter().map(|e| e.seq).collect::<Vec<_>>(),
            vec![9, 10]
        );
        let events = store.room_events_after(kitchen.id, 2, 3).await.unwrap();
        assert_eq!(
            events.iter().map(|e| e.seq).collect::<Vec<_>>(),
            vec![3, 4, 5]
        );
        let missing = store.messages_before(RoomId(999_999), None, 5).await;
        assert!(matches!(
            missing,
            Err(StoreError::NotFound(hallway_store::Missing::Room))
        ));
    })
    .await;
}
