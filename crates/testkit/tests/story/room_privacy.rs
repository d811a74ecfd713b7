//! Stories about a person's part in rooms: what their export holds, and what deleting them
//! leaves behind (their messages' places, nothing of their words).

use hallway_domain::{Availability, MessageId, Reaction, RoomKind, Status};
use hallway_store::{MessageChange, RoomEvent, RoomEventKind};

use super::messages::new_message;
use super::rooms::{body, new_room, open_room};
use super::{at, each, person};

fn message_of(event: &RoomEvent) -> MessageId {
    match &event.kind {
        RoomEventKind::Posted { message, .. }
        | RoomEventKind::Edited { message, .. }
        | RoomEventKind::Deleted { message }
        | RoomEventKind::Reacted { message, .. } => *message,
    }
}

fn react(emoji: &str) -> MessageChange {
    MessageChange::React {
        emoji: Reaction::parse(emoji).unwrap(),
        on: true,
    }
}

#[tokio::test]
async fn export_holds_a_persons_words_and_deletion_anonymises_them() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let board = store
            .create_room(new_room("Board", RoomKind::Private, None))
            .await
            .unwrap();
        store.add_room_member(board.id, ada.id).await.unwrap();
        let post = |who, client: &'static str, text: &'static str| {
            let (store, kitchen) = (store.clone(), kitchen.clone());
            async move {
                let posted = store
                    .post_message(new_message(&kitchen, who, client, text))
                    .await
                    .unwrap();
                message_of(&posted.event)
            }
        };
        let change = |who, message, change| {
            let store = store.clone();
            async move {
                store
                    .change_message(kitchen.id, message, who, change, at(40))
                    .await
                    .unwrap()
            }
        };
        let kept = post(ada.id, "a1", "ada's first words").await;
        let gone = post(ada.id, "a2", "ada's regret").await;
        change(ada.id, gone, MessageChange::Delete).await;
        let edit = MessageChange::Edit {
            body: body("ada's better words"),
        };
        change(ada.id, kept, edit).await;
        let bobs = post(bob.id, "b1", "bob here").await;
        change(ada.id, bobs, react("👍")).await;
        change(bob.id, kept, react("🎉")).await;
        let status = Status {
            availability: Availability::DoNotDisturb,
            until: None,
            working_on: "ada's project".to_owned(),
        };
        store.set_status(ada.id, &status, at(50)).await.unwrap();

        let export = store.export_person(ada.id).await.unwrap().rooms;
        assert_eq!(export.status, Some(status), "{name}");
        assert_eq!(export.memberships, vec![board.id], "{name}");
        assert_eq!(export.messages.len(), 1, "{name}: not the deleted one");
        let mine = &export.messages[0];
        assert_eq!(
            (mine.id, mine.body.as_str()),
            (kept, "ada's better words"),
            "{name}"
        );
        assert_eq!(mine.reactions[0].people, vec![bob.id], "{name}");
        assert_eq!(export.reactions, vec![(bobs, "👍".to_owned())], "{name}");

        let before = store.room_events_after(kitchen.id, 0, 100).await.unwrap();
        store.delete_person(ada.id).await.unwrap();
        let after = store.room_events_after(kitchen.id, 0, 100).await.unwrap();
        let numbers = |events: &[RoomEvent]| events.iter().map(|e| e.seq).collect::<Vec<_>>();
        assert_eq!(numbers(&after), numbers(&before), "{name}: history intact");
        assert_eq!(numbers(&after), (1..=7).collect::<Vec<_>>(), "{name}");
        for event in &after {
            let text = format!("{event:?}");
            assert!(!text.contains("ada"), "{name}: Ada left in {text}");
            assert!(!text.contains(&format!("{:?}", Some(ada.id))), "{text}");
        }
        let anonymous = store.message(kept).await.unwrap();
        assert!(anonymous.deleted && anonymous.body.is_empty(), "{name}");
        assert_eq!((anonymous.author, anonymous.client_id), (None, None));
        assert!(store.message(bobs).await.unwrap().reactions.is_empty());
        match &after[5].kind {
            RoomEventKind::Reacted { person, on, .. } => {
                assert_eq!((*person, *on), (None, true), "{name}")
            }
            other => panic!("{name}: expected Ada's reaction, got {other:?}"),
        }
        assert!(store.statuses().await.unwrap().is_empty(), "{name}");
        assert!(store.room_members(board.id).await.unwrap().is_empty());

        let next = store
            .post_message(new_message(&kitchen, bob.id, "b2", "still here"))
            .await
            .unwrap();
        assert_eq!(next.event.seq, 8, "{name}: numbering goes on");
    })
    .await;
}
