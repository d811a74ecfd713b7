//! Stories about sessions and sign-in failure counting.

use hallway_domain::SessionId;
use hallway_store::StoreError;

use super::{at, each, new_session, person};

#[tokio::test]
async fn sessions_are_found_until_they_expire() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let session = store
            .create_session(new_session(&ada, "hash-1", 60))
            .await
            .unwrap();
        assert_eq!(session.person, ada.id, "{name}");
        assert_eq!(
            (session.created_at, session.expires_at),
            (at(0), at(60)),
            "{name}"
        );

        let (found, who) = store.session_by_token_hash("hash-1", at(59)).await.unwrap();
        assert_eq!(found, session, "{name}");
        assert_eq!(who, ada, "{name}");
        let expired = store.session_by_token_hash("hash-1", at(60)).await;
        assert!(
            matches!(expired, Err(StoreError::NotFound(_))),
            "{name}: {expired:?}"
        );
        let unknown = store.session_by_token_hash("nope", at(0)).await;
        assert!(
            matches!(unknown, Err(StoreError::NotFound(_))),
            "{name}: {unknown:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn people_end_only_their_own_sessions() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let mine = store
            .create_session(new_session(&ada, "ada-1", 60))
            .await
            .unwrap();
        store
            .create_session(new_session(&ada, "ada-2", 60))
            .await
            .unwrap();
        let theirs = store
            .create_session(new_session(&bob, "bob-1", 60))
            .await
            .unwrap();

        let stolen = store.delete_session(ada.id, theirs.id).await;
        assert!(
            matches!(stolen, Err(StoreError::NotFound(_))),
            "{name}: {stolen:?}"
        );
        assert!(
            store.session_by_token_hash("bob-1", at(1)).await.is_ok(),
            "{name}"
        );
        store.delete_session(ada.id, mine.id).await.unwrap();
        assert!(
            store.session_by_token_hash("ada-1", at(1)).await.is_err(),
            "{name}"
        );
        let gone = store.delete_session(ada.id, SessionId(mine.id.0)).await;
        assert!(matches!(gone, Err(StoreError::NotFound(_))), "{name}");

        let left: Vec<String> = store
            .sessions_of(ada.id)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.token_hash)
            .collect();
        assert_eq!(left, ["ada-2"], "{name}");
        assert_eq!(store.delete_sessions_of(ada.id).await.unwrap(), 1, "{name}");
        assert!(
            store.sessions_of(ada.id).await.unwrap().is_empty(),
            "{name}"
        );
        assert_eq!(store.sessions_of(bob.id).await.unwrap().len(), 1, "{name}");
    })
    .await;
}

#[tokio::test]
async fn deactivation_ends_every_session() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        store
            .create_session(new_session(&ada, "ada-1", 60))
            .await
            .unwrap();
        store
            .create_session(new_session(&ada, "ada-2", 60))
            .await
            .unwrap();
        store.deactivate(ada.id).await.unwrap();
        assert!(
            store.sessions_of(ada.id).await.unwrap().is_empty(),
            "{name}"
        );
        let lookup = store.session_by_token_hash("ada-1", at(1)).await;
        assert!(
            matches!(lookup, Err(StoreError::NotFound(_))),
            "{name}: {lookup:?}"
        );
        assert!(!store.person(ada.id).await.unwrap().active, "{name}");
        let refused = store.create_session(new_session(&ada, "ada-3", 60)).await;
        assert!(
            matches!(refused, Err(StoreError::NotFound(_))),
            "{name}: {refused:?}"
        );

        store.reactivate(ada.id).await.unwrap();
        store
            .create_session(new_session(&ada, "ada-4", 60))
            .await
            .unwrap();
        let (_, who) = store.session_by_token_hash("ada-4", at(1)).await.unwrap();
        assert!(who.active, "{name}");
    })
    .await;
}

#[tokio::test]
async fn sign_in_failures_are_counted_in_a_window() {
    each(|store, name| async move {
        for seconds in [0, 10, 20, 30] {
            store
                .record_sign_in_failure("ada@example.org", at(seconds))
                .await
                .unwrap();
        }
        store
            .record_sign_in_failure("bob@example.org", at(30))
            .await
            .unwrap();
        let count = |since| store.count_sign_in_failures("ada@example.org", since);
        assert_eq!(count(at(0)).await.unwrap(), 4, "{name}: since is inclusive");
        assert_eq!(count(at(15)).await.unwrap(), 2, "{name}");
        assert_eq!(count(at(31)).await.unwrap(), 0, "{name}");
        store
            .clear_sign_in_failures("ada@example.org")
            .await
            .unwrap();
        assert_eq!(count(at(0)).await.unwrap(), 0, "{name}");
        let bob = store
            .count_sign_in_failures("bob@example.org", at(0))
            .await
            .unwrap();
        assert_eq!(bob, 1, "{name}: other keys are untouched");
    })
    .await;
}
