//! Stories about 9-minute chat requests: one pending request per pair, answered once by the
//! colleague alone (accepting makes a private room with both people in the same transaction),
//! expiry, the asker's rate-limit count, and both the export and deletion.

use chrono::Duration;
use hallway_domain::{ChatTopic, PersonId, RoomKind, RoomName};
use hallway_store::{ChatState, NewChatRequest, NewRoom, StoreError};

use super::{at, each, person};

fn ask(asker: PersonId, colleague: PersonId, topic: &str, seconds: i64) -> NewChatRequest {
    NewChatRequest {
        asker,
        colleague,
        topic: ChatTopic::parse(topic).unwrap(),
        at: at(seconds),
        expires_at: at(seconds) + Duration::hours(24),
    }
}

fn chat_room(name: &str, by: PersonId) -> NewRoom {
    NewRoom {
        name: RoomName::parse(name).unwrap(),
        topic: "A 9-minute chat".to_owned(),
        kind: RoomKind::Private,
        team: None,
        overhearable: false,
        created_by: Some(by),
        created_at: at(60),
    }
}

#[tokio::test]
async fn chat_requests_are_answered_once_by_their_colleague() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;

        let first = store
            .request_chat(ask(ada.id, bob.id, "TLS pinning", 0))
            .await
            .unwrap();
        assert_eq!(first.state, ChatState::Pending, "{name}");
        assert_eq!(first.topic.as_str(), "TLS pinning", "{name}");
        let again = store.request_chat(ask(ada.id, bob.id, "", 1)).await;
        assert!(
            matches!(again, Err(StoreError::Conflict(_))),
            "{name}: one pending request per pair: {again:?}"
        );
        let unknown = store
            .request_chat(ask(ada.id, PersonId(9_999), "", 1))
            .await;
        assert!(
            matches!(
                unknown,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {unknown:?}"
        );
        assert_eq!(
            store.count_chat_requests_by(ada.id, at(-1)).await.unwrap(),
            1,
            "{name}"
        );

        // Only the colleague answers; a room is made only when they accept.
        let by_asker = store
            .accept_chat(
                first.id,
                ada.id,
                chat_room("9-minute chat #1", ada.id),
                at(60),
            )
            .await;
        assert!(
            matches!(
                by_asker,
                Err(StoreError::NotFound(hallway_store::Missing::ChatRequest))
            ),
            "{name}: {by_asker:?}"
        );
        let (accepted, room) = store
            .accept_chat(
                first.id,
                bob.id,
                chat_room("9-minute chat #1", bob.id),
                at(60),
            )
            .await
            .unwrap();
        assert_eq!(accepted.state, ChatState::Accepted, "{name}");
        assert_eq!(accepted.room, Some(room.id), "{name}");
        assert_eq!(room.kind, RoomKind::Private, "{name}");
        let mut members = store.room_members(room.id).await.unwrap();
        members.sort();
        assert_eq!(members, vec![ada.id, bob.id], "{name}: both, and only them");
        let twice = store.decline_chat(first.id, bob.id, at(61)).await;
        assert!(
            matches!(twice, Err(StoreError::Conflict(_))),
            "{name}: answered once: {twice:?}"
        );
        let rooms_before = store.rooms().await.unwrap().len();
        let late = store
            .accept_chat(
                first.id,
                bob.id,
                chat_room("9-minute chat #1b", bob.id),
                at(62),
            )
            .await;
        assert!(matches!(late, Err(StoreError::Conflict(_))), "{name}");
        assert_eq!(
            store.rooms().await.unwrap().len(),
            rooms_before,
            "{name}: a refused accept leaves no room behind"
        );

        // Declined, then expired; a new request to the same person is allowed after an answer.
        let second = store
            .request_chat(ask(ada.id, bob.id, "", 100))
            .await
            .unwrap();
        let declined = store
            .decline_chat(second.id, bob.id, at(101))
            .await
            .unwrap();
        assert_eq!(declined.state, ChatState::Declined, "{name}");
        assert_eq!(declined.room, None, "{name}");
        let third = store
            .request_chat(ask(cy.id, bob.id, "", 200))
            .await
            .unwrap();
        let day_later = at(200) + Duration::hours(25);
        let expired = store.chat_request(third.id, day_later).await.unwrap();
        assert_eq!(expired.state, ChatState::Expired, "{name}");
        let too_late = store.decline_chat(third.id, bob.id, day_later).await;
        assert!(matches!(too_late, Err(StoreError::Conflict(_))), "{name}");
        let renewed = store
            .request_chat(ask(cy.id, bob.id, "", 200 + 25 * 3600))
            .await
            .unwrap();
        assert_eq!(
            renewed.state,
            ChatState::Pending,
            "{name}: an expired request frees the pair"
        );

        let bobs = store.chat_requests_of(bob.id, at(300)).await.unwrap();
        assert_eq!(bobs.len(), 4, "{name}: made or received");
        assert!(
            bobs.windows(2).all(|w| w[0].id > w[1].id),
            "{name}: newest first"
        );
        assert_eq!(
            store.chat_requests_of(cy.id, at(300)).await.unwrap().len(),
            2,
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn chat_requests_are_exported_and_deleted_with_either_person() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let made = store
            .request_chat(ask(ada.id, bob.id, "rollout", 0))
            .await
            .unwrap();
        let exported = store.export_person(bob.id).await.unwrap();
        assert_eq!(exported.chats.len(), 1, "{name}");
        assert_eq!(exported.chats[0].id, made.id, "{name}");
        assert_eq!(exported.chats[0].topic.as_str(), "rollout", "{name}");

        store.delete_person(ada.id).await.unwrap();
        assert!(
            store
                .chat_requests_of(bob.id, at(1))
                .await
                .unwrap()
                .is_empty(),
            "{name}: deleting the asker removes their requests"
        );
        let gone = store.chat_request(made.id, at(1)).await;
        assert!(
            matches!(
                gone,
                Err(StoreError::NotFound(hallway_store::Missing::ChatRequest))
            ),
            "{name}: {gone:?}"
        );
    })
    .await;
}
