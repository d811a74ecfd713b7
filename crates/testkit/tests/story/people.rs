//! Stories about people: first setup, unique emails, profiles and the directory.

use hallway_domain::{Bio, PersonId, Pronouns, Role, TeamName, WorkingHours};
use hallway_store::{PeopleQuery, StoreError};

use super::{each, email, new_person, person, tags};

#[tokio::test]
async fn the_first_owner_is_created_once() {
    each(|store, name| async move {
        assert_eq!(store.count_people().await.unwrap(), 0, "{name}");
        let owner = store
            .create_owner(new_person("ada@example.org", "Ada"))
            .await
            .unwrap();
        assert_eq!(
            owner.role,
            Role::Owner,
            "{name}: setup always makes an owner"
        );
        let again = store
            .create_owner(new_person("bob@example.org", "Bob"))
            .await;
        assert!(
            matches!(again, Err(StoreError::AlreadySetUp)),
            "{name}: {again:?}"
        );
        assert_eq!(store.count_people().await.unwrap(), 1, "{name}");
        assert_eq!(store.count_owners().await.unwrap(), 1, "{name}");
        assert!(store
            .person_by_email(&email("bob@example.org"))
            .await
            .is_err());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_simultaneous_setups_make_one_owner() {
    each(|store, name| async move {
        let setup = |address: &'static str| {
            let store = store.clone();
            tokio::spawn(async move { store.create_owner(new_person(address, "Owner")).await })
        };
        let racers: Vec<_> = (0..4)
            .map(|i| setup(["a@x.org", "b@x.org", "c@x.org", "d@x.org"][i]))
            .collect();
        let mut results = Vec::new();
        for racer in racers {
            results.push(racer.await.unwrap());
        }
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{name}: {results:?}"
        );
        let refused = results
            .iter()
            .filter(|r| matches!(r, Err(StoreError::AlreadySetUp)));
        assert_eq!(refused.count(), 3, "{name}: {results:?}");
        assert_eq!(store.count_people().await.unwrap(), 1, "{name}");
    })
    .await;
}

#[tokio::test]
async fn an_email_belongs_to_one_account() {
    each(|store, name| async move {
        person(&store, "ada@example.org", "Ada").await;
        let twice = store
            .create_person(new_person("ada@example.org", "Ada Two"))
            .await;
        match twice {
            Err(StoreError::Conflict(message)) => {
                assert_eq!(
                    message, "an account with this email already exists",
                    "{name}"
                )
            }
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
        assert_eq!(store.count_people().await.unwrap(), 1, "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_profile_round_trips() {
    each(|store, name| async move {
        let mut new = new_person("ada@example.org", "Ada Lovelace");
        new.profile.working_hours = WorkingHours::parse_week([
            "09:00-12:00, 13:00-17:30",
            "09:00-17:00",
            "",
            "22:00-24:00",
            "",
            "",
            "",
        ])
        .unwrap();
        new.profile.ask_me_about = tags(&["rust", "postgres", "knitting"]);
        new.profile.bio =
            Bio::parse("First line.\nSecond line, with \"quotes\" & ünïcode.").unwrap();
        let created = store.create_person(new.clone()).await.unwrap();
        assert_eq!(created.profile, new.profile, "{name}");
        assert_eq!(created.joined_at, new.joined_at, "{name}");
        assert_eq!(created.profile.pronouns, None, "{name}");
        assert_eq!(store.person(created.id).await.unwrap(), created, "{name}");
        let by_email = store
            .person_by_email(&email("ADA@example.org"))
            .await
            .unwrap();
        assert_eq!(by_email, created, "{name}");

        let mut changed = created.profile.clone();
        changed.pronouns = Pronouns::parse_optional("she/her").unwrap();
        changed.ask_me_about = tags(&["knitting", "rust"]);
        changed.working_hours = WorkingHours::default();
        let updated = store.update_profile(created.id, &changed).await.unwrap();
        assert_eq!(updated.profile, changed, "{name}");
        assert_eq!(
            store.person(created.id).await.unwrap().profile,
            changed,
            "{name}"
        );

        changed.pronouns = None;
        let cleared = store.update_profile(created.id, &changed).await.unwrap();
        assert_eq!(cleared.profile.pronouns, None, "{name}");
    })
    .await;
}

#[tokio::test]
async fn passwords_roles_and_unknown_people() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let hash = store.password_hash(ada.id).await.unwrap();
        assert_eq!(hash, "$argon2id$hash-of-ada@example.org", "{name}");
        store
            .set_password_hash(ada.id, "$argon2id$new")
            .await
            .unwrap();
        assert_eq!(
            store.password_hash(ada.id).await.unwrap(),
            "$argon2id$new",
            "{name}"
        );
        let admin = store.set_role(ada.id, Role::Admin).await.unwrap();
        assert_eq!(admin.role, Role::Admin, "{name}");

        store.deactivate(ada.id).await.unwrap();
        let inactive = store.password_hash(ada.id).await;
        assert!(
            matches!(inactive, Err(StoreError::NotFound(_))),
            "{name}: {inactive:?}"
        );
        store.reactivate(ada.id).await.unwrap();
        assert!(store.person(ada.id).await.unwrap().active, "{name}");

        let nobody = PersonId(999_999);
        let missing = store.person(nobody).await;
        assert!(
            matches!(
                missing,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {missing:?}"
        );
        let missing = store.set_role(nobody, Role::Guest).await;
        assert!(
            matches!(
                missing,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {missing:?}"
        );
        assert!(matches!(
            store.deactivate(nobody).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            store.delete_person(nobody).await,
            Err(StoreError::NotFound(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn the_directory_filters_by_text_team_and_tag() {
    each(|store, name| async move {
        let design = store
            .create_team(&TeamName::parse("Design").unwrap(), "")
            .await
            .unwrap();
        let mut zoe = new_person("zoe@example.org", "Zoë Zimmer");
        zoe.profile.ask_me_about = tags(&["rust"]);
        zoe.teams = vec![design.id];
        let zoe = store.create_person(zoe).await.unwrap();
        let mut bob = new_person("bob@corp.example", "bob Baker");
        bob.profile.ask_me_about = tags(&["rust", "bread"]);
        let bob = store.create_person(bob).await.unwrap();
        let ada = person(&store, "ada@example.org", "Ada Adams").await;
        let gone = person(&store, "gone@example.org", "Gone Person").await;
        store.deactivate(gone.id).await.unwrap();

        let search = |query: PeopleQuery| {
            let store = store.clone();
            async move {
                let found = store.search_people(&query).await.unwrap();
                found.into_iter().map(|p| p.id).collect::<Vec<_>>()
            }
        };
        let all = search(PeopleQuery::default()).await;
        assert_eq!(
            all,
            vec![ada.id, bob.id, zoe.id],
            "{name}: by name, no inactive"
        );
        let with_inactive = PeopleQuery {
            include_inactive: true,
            ..Default::default()
        };
        assert_eq!(search(with_inactive).await.len(), 4, "{name}");
        let text = |t: &str| PeopleQuery {
            text: Some(t.to_owned()),
            ..Default::default()
        };
        assert_eq!(
            search(text("BAKER")).await,
            vec![bob.id],
            "{name}: name, any case"
        );
        assert_eq!(search(text("corp.EX")).await, vec![bob.id], "{name}: email");
        assert_eq!(
            search(text("example.org")).await,
            vec![ada.id, zoe.id],
            "{name}"
        );
        assert_eq!(search(text("gone")).await, Vec::<PersonId>::new(), "{name}");
        let team = PeopleQuery {
            team: Some(design.id),
            ..Default::default()
        };
        assert_eq!(search(team).await, vec![zoe.id], "{name}: team");
        let tag = |t: &str| PeopleQuery {
            tag: Some(tags(&[t]).remove(0)),
            ..Default::default()
        };
        assert_eq!(
            search(tag("rust")).await,
            vec![bob.id, zoe.id],
            "{name}: tag"
        );
        assert_eq!(
            search(tag("rus")).await,
            Vec::<PersonId>::new(),
            "{name}: exact tag"
        );
        let both = PeopleQuery {
            text: Some("zo".to_owned()),
            tag: Some(tags(&["rust"]).remove(0)),
            team: Some(design.id),
            include_inactive: false,
        };
        assert_eq!(
            search(both).await,
            vec![zoe.id],
            "{name}: every filter applies"
        );
        let found = store.search_people(&tag("bread")).await.unwrap();
        assert_eq!(
            found[0].profile.ask_me_about,
            tags(&["rust", "bread"]),
            "{name}"
        );
    })
    .await;
}
