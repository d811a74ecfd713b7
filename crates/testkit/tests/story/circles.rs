//! Stories about circles: unique names, members and their don't-pair lists, rounds stored once
//! per cycle, the export, and account deletion removing a person's circle data.

use chrono::NaiveDate;
use hallway_domain::{Cadence, CircleName, CircleShape, PersonId};
use hallway_store::{
    Circle, MemberSettings, NewCircle, NewRound, RoundGroup, RoundUnpaired, Store, StoreError,
};

use super::{at, each, person};

fn new_circle(name: &str, by: Option<PersonId>) -> NewCircle {
    NewCircle {
        name: CircleName::parse(name).unwrap(),
        description: "Coffee across teams".to_owned(),
        cadence: Cadence::EveryTwoWeeks,
        shape: CircleShape::Pairs,
        cooldown_days: 90,
        created_by: by,
        team: None,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
}

fn round(circle: &Circle, start: NaiveDate, pair: [PersonId; 2], left: PersonId) -> NewRound {
    NewRound {
        circle: circle.id,
        cycle_start: start,
        created_at: at(0),
        seed: u64::MAX - 6,
        groups: vec![RoundGroup {
            members: pair.to_vec(),
            slot_start: at(3600),
            slot_end: at(5400),
            reasons: "different teams; never met".to_owned(),
        }],
        unpaired: vec![RoundUnpaired {
            person: left,
            reason: "no overlapping working hours with anyone in the circle".to_owned(),
        }],
    }
}

#[tokio::test]
async fn circles_have_unique_names_and_members_with_settings() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let coffee = store
            .create_circle(new_circle("Coffee", Some(ada.id)))
            .await
            .unwrap();
        assert_eq!(
            (coffee.cadence, coffee.created_by),
            (Cadence::EveryTwoWeeks, Some(ada.id))
        );
        match store.create_circle(new_circle("COFFEE", None)).await {
            Err(StoreError::Conflict(m)) => assert!(m.contains("COFFEE"), "{name}: {m}"),
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
        let found = store
            .circle_by_name(&CircleName::parse("coffee").unwrap())
            .await
            .unwrap();
        assert_eq!(found, coffee, "{name}");
        assert_eq!(store.circles().await.unwrap(), vec![coffee.clone()]);

        let joined = MemberSettings::joined();
        store
            .set_circle_member(coffee.id, ada.id, &joined)
            .await
            .unwrap();
        let snoozed = MemberSettings {
            opted_in: true,
            snoozed_until: Some(day(20)),
            preferred_frequency: Some(Cadence::Monthly),
        };
        let bob_m = store
            .set_circle_member(coffee.id, bob.id, &snoozed)
            .await
            .unwrap();
        assert_eq!(bob_m.settings, snoozed, "{name}");
        store
            .exclude_from_pairing(coffee.id, ada.id, bob.id)
            .await
            .unwrap();
        store
            .exclude_from_pairing(coffee.id, ada.id, bob.id)
            .await
            .unwrap();
        let left = MemberSettings {
            opted_in: false,
            ..joined
        };
        store
            .set_circle_member(coffee.id, ada.id, &left)
            .await
            .unwrap();
        let members = store.circle_members(coffee.id).await.unwrap();
        assert_eq!(members.len(), 2, "{name}");
        assert!(!members[0].settings.opted_in, "{name}: ada left");
        assert_eq!(members[0].do_not_pair_with, vec![bob.id], "{name}");
        assert!(members[1].do_not_pair_with.is_empty(), "{name}");

        let stranger = person(&store, "cy@example.org", "Cy").await;
        let outsider = store
            .exclude_from_pairing(coffee.id, stranger.id, ada.id)
            .await;
        assert!(
            matches!(
                outsider,
                Err(StoreError::NotFound(hallway_store::Missing::CircleMember))
            ),
            "{name}: {outsider:?}"
        );
        let missing = store
            .set_circle_member(coffee.id, PersonId(999_999), &joined)
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound(_))), "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_round_is_saved_once_per_cycle() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;
        let coffee = store
            .create_circle(new_circle("Coffee", None))
            .await
            .unwrap();
        let saved = store
            .save_round(round(&coffee, day(1), [ada.id, bob.id], cy.id))
            .await
            .unwrap();
        assert_eq!(
            saved.seed,
            u64::MAX - 6,
            "{name}: the seed keeps all 64 bits"
        );
        assert_eq!(saved.groups[0].members, vec![ada.id, bob.id], "{name}");
        assert_eq!(saved.unpaired[0].person, cy.id, "{name}");

        let again = store
            .save_round(round(&coffee, day(1), [bob.id, cy.id], ada.id))
            .await;
        match again {
            Err(StoreError::Conflict(m)) => assert_eq!(
                m, "a round for Coffee already ran for the cycle starting 2026-06-01",
                "{name}"
            ),
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
        let broken = store
            .save_round(round(&coffee, day(15), [ada.id, PersonId(999_999)], cy.id))
            .await;
        assert!(broken.is_err(), "{name}");
        let later = store
            .save_round(round(&coffee, day(29), [bob.id, cy.id], ada.id))
            .await
            .unwrap();
        let rounds = store.rounds(coffee.id).await.unwrap();
        assert_eq!(rounds, vec![saved, later], "{name}: nothing half-saved");
    })
    .await;
}

#[tokio::test]
async fn export_and_deletion_cover_circle_data() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;
        let coffee = store
            .create_circle(new_circle("Coffee", Some(ada.id)))
            .await
            .unwrap();
        for p in [&ada, &bob, &cy] {
            store
                .set_circle_member(coffee.id, p.id, &MemberSettings::joined())
                .await
                .unwrap();
        }
        store
            .exclude_from_pairing(coffee.id, ada.id, cy.id)
            .await
            .unwrap();
        store
            .exclude_from_pairing(coffee.id, bob.id, ada.id)
            .await
            .unwrap();
        store
            .save_round(round(&coffee, day(1), [ada.id, bob.id], cy.id))
            .await
            .unwrap();

        let export = store.export_person(ada.id).await.unwrap();
        assert_eq!(export.circles.len(), 1, "{name}");
        assert_eq!(export.circles[0].circle, "Coffee", "{name}");
        assert_eq!(export.circles[0].do_not_pair_with, vec![cy.id], "{name}");

        store.delete_person(ada.id).await.unwrap();
        let circle = store.circles().await.unwrap().remove(0);
        assert_eq!(
            circle.created_by, None,
            "{name}: the circle stays, unattributed"
        );
        let members = store.circle_members(coffee.id).await.unwrap();
        let ids: Vec<PersonId> = members.iter().map(|m| m.person).collect();
        assert_eq!(ids, vec![bob.id, cy.id], "{name}");
        assert!(
            members.iter().all(|m| m.do_not_pair_with.is_empty()),
            "{name}: lists naming ada are gone too"
        );
        let rounds = store.rounds(coffee.id).await.unwrap();
        assert_eq!(rounds[0].groups[0].members, vec![bob.id], "{name}");
        assert_no_trace(store.as_ref(), ada.id, name).await;
    })
    .await;
}

async fn assert_no_trace(store: &dyn Store, id: PersonId, name: &str) {
    let gone = store.export_person(id).await;
    assert!(
        matches!(
            gone,
            Err(StoreError::NotFound(hallway_store::Missing::Person))
        ),
        "{name}"
    );
}
