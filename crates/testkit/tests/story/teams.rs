//! Stories about teams: names unique regardless of case, memberships and member counts.

use hallway_domain::{PersonId, TeamId, TeamName};
use hallway_store::StoreError;

use super::{each, person};

fn team_name(text: &str) -> TeamName {
    TeamName::parse(text).unwrap()
}

#[tokio::test]
async fn teams_are_created_renamed_and_deleted() {
    each(|store, name| async move {
        let design = store
            .create_team(&team_name("Design"), "Pixels")
            .await
            .unwrap();
        assert_eq!(
            (design.name.as_str(), design.member_count),
            ("Design", 0),
            "{name}"
        );
        assert_eq!(design.description, "Pixels", "{name}");
        let ops = store.create_team(&team_name("Ops"), "").await.unwrap();

        let dup = store.create_team(&team_name("design"), "again").await;
        match dup {
            Err(StoreError::Conflict(message)) => assert!(message.contains("design"), "{message}"),
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
        let clash = store.update_team(ops.id, &team_name("DESIGN"), "").await;
        assert!(
            matches!(clash, Err(StoreError::Conflict(_))),
            "{name}: {clash:?}"
        );

        let renamed = store
            .update_team(design.id, &team_name("Product Design"), "UX")
            .await
            .unwrap();
        assert_eq!(renamed.name, "Product Design", "{name}");
        assert_eq!(store.team(design.id).await.unwrap(), renamed, "{name}");
        let recased = store
            .update_team(ops.id, &team_name("OPS"), "")
            .await
            .unwrap();
        assert_eq!(
            recased.name, "OPS",
            "{name}: a team may change its own name's case"
        );

        let names: Vec<String> = store
            .teams()
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, ["OPS", "Product Design"], "{name}");

        store.delete_team(ops.id).await.unwrap();
        assert!(matches!(
            store.team(ops.id).await,
            Err(StoreError::NotFound(hallway_store::Missing::Team))
        ));
        assert!(matches!(
            store.delete_team(ops.id).await,
            Err(StoreError::NotFound(_))
        ));
        let missing = store.update_team(ops.id, &team_name("Ops"), "").await;
        assert!(
            matches!(
                missing,
                Err(StoreError::NotFound(hallway_store::Missing::Team))
            ),
            "{name}: {missing:?}"
        );
        store.create_team(&team_name("Ops"), "").await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn memberships_are_replaced_and_counted() {
    each(|store, name| async move {
        let design = store.create_team(&team_name("Design"), "").await.unwrap();
        let ops = store.create_team(&team_name("Ops"), "").await.unwrap();
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;

        store
            .set_person_teams(ada.id, &[design.id, ops.id])
            .await
            .unwrap();
        store.set_person_teams(bob.id, &[ops.id]).await.unwrap();
        let teams = store.person(ada.id).await.unwrap().teams;
        let ids: Vec<TeamId> = teams.iter().map(|t| t.id).collect();
        assert_eq!(ids, [design.id, ops.id], "{name}");
        assert_eq!(teams[0].name, "Design", "{name}");
        assert_eq!(store.team(ops.id).await.unwrap().member_count, 2, "{name}");
        assert_eq!(
            store.team(design.id).await.unwrap().member_count,
            1,
            "{name}"
        );

        store.set_person_teams(ada.id, &[ops.id]).await.unwrap();
        assert_eq!(
            store.team(design.id).await.unwrap().member_count,
            0,
            "{name}"
        );
        let counts: Vec<u64> = store
            .teams()
            .await
            .unwrap()
            .iter()
            .map(|t| t.member_count)
            .collect();
        assert_eq!(counts, [0, 2], "{name}");

        let unknown = store
            .set_person_teams(ada.id, &[design.id, TeamId(999_999)])
            .await;
        assert!(
            matches!(
                unknown,
                Err(StoreError::NotFound(hallway_store::Missing::Team))
            ),
            "{name}: {unknown:?}"
        );
        let kept = store.person(ada.id).await.unwrap().teams;
        assert_eq!(
            kept.len(),
            1,
            "{name}: a failed change leaves memberships alone"
        );
        let nobody = store.set_person_teams(PersonId(999_999), &[ops.id]).await;
        assert!(
            matches!(
                nobody,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {nobody:?}"
        );

        store.delete_team(ops.id).await.unwrap();
        assert!(
            store.person(bob.id).await.unwrap().teams.is_empty(),
            "{name}"
        );
        store.deactivate(bob.id).await.unwrap();
    })
    .await;
}
