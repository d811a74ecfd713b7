//! Stories about invites: uses, expiry, revocation and races between redemptions.

use hallway_domain::{InviteId, Role, TeamName};
use hallway_store::{InviteProblem, StoreError};

use super::{at, each, new_invite, new_person, person};

#[tokio::test]
async fn a_single_use_invite_is_redeemed_once() {
    each(|store, name| async move {
        let owner = person(&store, "owner@example.org", "Owner").await;
        let team = store
            .create_team(&TeamName::parse("Guests").unwrap(), "")
            .await
            .unwrap();
        let mut invite = new_invite(&owner, "inv-1", 1);
        invite.teams = vec![team.id];
        let created = store.create_invite(invite).await.unwrap();
        assert_eq!(
            (created.uses, created.max_uses, created.revoked),
            (0, 1, false),
            "{name}"
        );
        assert_eq!(created.created_by, Some(owner.id), "{name}");
        assert_eq!(
            store.invite_by_token_hash("inv-1").await.unwrap(),
            created,
            "{name}"
        );

        let mut joiner = new_person("gus@example.org", "Gus");
        joiner.role = Role::Owner;
        let gus = store.redeem_invite("inv-1", joiner, at(10)).await.unwrap();
        assert_eq!(gus.role, Role::Guest, "{name}: the invite decides the role");
        assert_eq!(gus.teams.len(), 1, "{name}: and the teams");
        assert_eq!(gus.teams[0].id, team.id, "{name}");
        assert_eq!(
            store.invite_by_token_hash("inv-1").await.unwrap().uses,
            1,
            "{name}"
        );

        let again = store
            .redeem_invite("inv-1", new_person("h@example.org", "H"), at(11))
            .await;
        assert!(
            matches!(again, Err(StoreError::Invite(InviteProblem::UsedUp))),
            "{name}: {again:?}"
        );
        assert_eq!(store.count_people().await.unwrap(), 2, "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_multi_use_invite_counts_its_uses() {
    each(|store, name| async move {
        let owner = person(&store, "owner@example.org", "Owner").await;
        store
            .create_invite(new_invite(&owner, "inv-3", 3))
            .await
            .unwrap();
        for i in 0..3 {
            let who = new_person(&format!("p{i}@example.org"), &format!("P{i}"));
            store.redeem_invite("inv-3", who, at(1)).await.unwrap();
            let uses = store.invite_by_token_hash("inv-3").await.unwrap().uses;
            assert_eq!(uses, i + 1, "{name}");
        }
        let fourth = store
            .redeem_invite("inv-3", new_person("p4@example.org", "P4"), at(1))
            .await;
        assert!(
            matches!(fourth, Err(StoreError::Invite(InviteProblem::UsedUp))),
            "{name}"
        );
        assert_eq!(store.invites().await.unwrap().len(), 1, "{name}");
    })
    .await;
}

#[tokio::test]
async fn expired_revoked_and_unknown_invites_are_refused() {
    each(|store, name| async move {
        let owner = person(&store, "owner@example.org", "Owner").await;
        store
            .create_invite(new_invite(&owner, "old", 5))
            .await
            .unwrap();
        let late = store
            .redeem_invite("old", new_person("a@example.org", "A"), at(3600))
            .await;
        assert!(
            matches!(late, Err(StoreError::Invite(InviteProblem::Expired))),
            "{name}: {late:?}"
        );

        let revoked = store
            .create_invite(new_invite(&owner, "revoked", 5))
            .await
            .unwrap();
        store.revoke_invite(revoked.id).await.unwrap();
        assert!(
            store.invite_by_token_hash("revoked").await.unwrap().revoked,
            "{name}"
        );
        let refused = store
            .redeem_invite("revoked", new_person("b@example.org", "B"), at(1))
            .await;
        assert!(
            matches!(refused, Err(StoreError::Invite(InviteProblem::Revoked))),
            "{name}: {refused:?}"
        );

        let unknown = store
            .redeem_invite("nope", new_person("c@example.org", "C"), at(1))
            .await;
        assert!(
            matches!(
                unknown,
                Err(StoreError::NotFound(hallway_store::Missing::Invite))
            ),
            "{name}: {unknown:?}"
        );
        let missing = store.revoke_invite(InviteId(999_999)).await;
        assert!(
            matches!(
                missing,
                Err(StoreError::NotFound(hallway_store::Missing::Invite))
            ),
            "{name}: {missing:?}"
        );
        assert!(store.invite_by_token_hash("nope").await.is_err(), "{name}");
        assert_eq!(
            store.count_people().await.unwrap(),
            1,
            "{name}: nobody was created"
        );
        assert_eq!(
            store.count_invites_by(owner.id, at(0)).await.unwrap(),
            2,
            "{name}"
        );
        assert_eq!(
            store.count_invites_by(owner.id, at(1)).await.unwrap(),
            0,
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_failed_redemption_leaves_the_invite_unused() {
    each(|store, name| async move {
        let owner = person(&store, "owner@example.org", "Owner").await;
        store
            .create_invite(new_invite(&owner, "inv", 1))
            .await
            .unwrap();
        let taken = store
            .redeem_invite("inv", new_person("owner@example.org", "X"), at(1))
            .await;
        assert!(
            matches!(taken, Err(StoreError::Conflict(_))),
            "{name}: {taken:?}"
        );
        assert_eq!(
            store.invite_by_token_hash("inv").await.unwrap().uses,
            0,
            "{name}"
        );
        store
            .redeem_invite("inv", new_person("new@example.org", "New"), at(1))
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_redemptions_race_for_the_last_use() {
    each(|store, name| async move {
        let owner = person(&store, "owner@example.org", "Owner").await;
        store
            .create_invite(new_invite(&owner, "race", 1))
            .await
            .unwrap();
        let redeem = |address: &'static str| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .redeem_invite("race", new_person(address, "Racer"), at(1))
                    .await
            })
        };
        let (a, b) = (redeem("a@example.org"), redeem("b@example.org"));
        let results = [a.await.unwrap(), b.await.unwrap()];
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "{name}: exactly one wins: {results:?}");
        let lost = results.iter().find(|r| r.is_err());
        assert!(
            matches!(lost, Some(Err(StoreError::Invite(InviteProblem::UsedUp)))),
            "{name}: {lost:?}"
        );
        assert_eq!(
            store.invite_by_token_hash("race").await.unwrap().uses,
            1,
            "{name}"
        );
        assert_eq!(store.count_people().await.unwrap(), 2, "{name}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_redemptions_race_for_a_few_uses() {
    each(|store, name| async move {
        let owner = person(&store, "owner@example.org", "Owner").await;
        store
            .create_invite(new_invite(&owner, "crowd", 3))
            .await
            .unwrap();
        let racers: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let who = new_person(&format!("r{i}@example.org"), "Racer");
                    store.redeem_invite("crowd", who, at(1)).await
                })
            })
            .collect();
        let mut won = 0;
        for racer in racers {
            match racer.await.unwrap() {
                Ok(_) => won += 1,
                Err(StoreError::Invite(InviteProblem::UsedUp)) => {}
                Err(other) => panic!("{name}: a loser must see UsedUp, got {other:?}"),
            }
        }
        assert_eq!(won, 3, "{name}");
        assert_eq!(
            store.invite_by_token_hash("crowd").await.unwrap().uses,
            3,
            "{name}"
        );
        assert_eq!(store.count_people().await.unwrap(), 4, "{name}");
    })
    .await;
}
