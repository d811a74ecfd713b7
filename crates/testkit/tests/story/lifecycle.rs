//! Stories about a person's whole record: their export, and deleting them.

use hallway_domain::TeamName;
use hallway_store::StoreError;

use super::{at, each, each_backend, new_invite, new_session, person, tags};

#[tokio::test]
async fn the_export_holds_everything_about_a_person() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let session = store
            .create_session(new_session(&ada, "ada-1", 60))
            .await
            .unwrap();
        store
            .create_session(new_session(&bob, "bob-1", 60))
            .await
            .unwrap();
        let invite = store
            .create_invite(new_invite(&ada, "inv-a", 2))
            .await
            .unwrap();
        store
            .create_invite(new_invite(&bob, "inv-b", 2))
            .await
            .unwrap();

        let export = store.export_person(ada.id).await.unwrap();
        assert_eq!(export.person, ada, "{name}");
        assert_eq!(export.sessions, vec![session], "{name}");
        assert_eq!(export.invites_created, vec![invite], "{name}");
        let missing = store.export_person(hallway_domain::PersonId(999_999)).await;
        assert!(
            matches!(
                missing,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn deleting_a_person_removes_them_but_keeps_their_invites() {
    each(|store, name| async move {
        let team = store
            .create_team(&TeamName::parse("Ops").unwrap(), "")
            .await
            .unwrap();
        let mut new = super::new_person("ada@example.org", "Ada");
        new.profile.ask_me_about = tags(&["rust"]);
        new.teams = vec![team.id];
        let ada = store.create_person(new).await.unwrap();
        let bob = person(&store, "bob@example.org", "Bob").await;
        store
            .create_session(new_session(&ada, "ada-1", 60))
            .await
            .unwrap();
        store
            .create_invite(new_invite(&ada, "inv-a", 2))
            .await
            .unwrap();
        store
            .record_sign_in_failure("ada@example.org", at(0))
            .await
            .unwrap();

        store.delete_person(ada.id).await.unwrap();
        assert!(matches!(
            store.person(ada.id).await,
            Err(StoreError::NotFound(hallway_store::Missing::Person))
        ));
        let session = store.session_by_token_hash("ada-1", at(1)).await;
        assert!(
            matches!(session, Err(StoreError::NotFound(_))),
            "{name}: {session:?}"
        );
        assert!(
            store.sessions_of(ada.id).await.unwrap().is_empty(),
            "{name}"
        );
        assert_eq!(store.team(team.id).await.unwrap().member_count, 0, "{name}");
        let rust = hallway_store::PeopleQuery {
            tag: Some(tags(&["rust"]).remove(0)),
            include_inactive: true,
            ..Default::default()
        };
        assert!(
            store.search_people(&rust).await.unwrap().is_empty(),
            "{name}"
        );
        let invite = store.invite_by_token_hash("inv-a").await.unwrap();
        assert_eq!(
            invite.created_by, None,
            "{name}: the invite stays, unattributed"
        );
        assert_eq!(store.count_people().await.unwrap(), 1, "{name}");
        assert_eq!(store.person(bob.id).await.unwrap(), bob, "{name}");

        let again = store
            .create_person(super::new_person("ada@example.org", "Ada"))
            .await;
        assert!(again.is_ok(), "{name}: the email is free again: {again:?}");
    })
    .await;
}

#[tokio::test]
async fn an_outage_is_unavailable_never_not_found() {
    each_backend(async |backend| {
        let (store, name) = (&backend.store, backend.name);
        let ada = person(store, "ada@example.org", "Ada").await;
        backend.simulate_outage().await;
        let lookup = store.person(ada.id).await;
        assert!(
            matches!(lookup, Err(StoreError::Unavailable(_))),
            "{name}: {lookup:?}"
        );
        let session = store.session_by_token_hash("any", at(0)).await;
        assert!(
            matches!(session, Err(StoreError::Unavailable(_))),
            "{name}: {session:?}"
        );
        let invite = store.invite_by_token_hash("any").await;
        assert!(
            matches!(invite, Err(StoreError::Unavailable(_))),
            "{name}: {invite:?}"
        );
        assert!(
            matches!(store.ping().await, Err(StoreError::Unavailable(_))),
            "{name}"
        );
    })
    .await;
}
