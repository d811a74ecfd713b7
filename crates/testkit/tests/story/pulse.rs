//! Stories about pulse's records: interactions recorded once per source and refused when they
//! cannot be true, weekly snapshots stored once with one node computing each week, the latest
//! pairing priorities, leaving pulse and switching it off, and all of it in the export and
//! deletion.

use chrono::{Duration, NaiveDate};
use hallway_domain::{PersonId, TeamId, TeamName};
use hallway_store::{Interaction, InteractionKind, PairingPriorities, PulseSnapshot, StoreError};

use super::{at, each, person};

fn reply(a: PersonId, b: PersonId, seconds: i64, source: &str) -> Interaction {
    Interaction {
        at: at(seconds),
        a,
        b,
        kind: InteractionKind::Reply,
        weight: 1.0,
        source: source.to_owned(),
    }
}

fn week(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, day).unwrap()
}

#[tokio::test]
async fn interactions_are_recorded_once_per_source_and_read_by_time() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;
        let mut voice = reply(bob.id, cy.id, 20, "voice:1:2:3");
        voice.kind = InteractionKind::Voice;
        voice.weight = 2.5;
        let batch = [
            reply(ada.id, bob.id, 10, "reply:1"),
            voice.clone(),
            reply(ada.id, cy.id, 30, "mention:7"),
        ];
        assert_eq!(
            store.record_interactions(&batch, at(60)).await.unwrap(),
            3,
            "{name}"
        );
        assert_eq!(
            store.record_interactions(&batch, at(60)).await.unwrap(),
            0,
            "recording again changes nothing ({name})"
        );
        let all = store.interactions(at(0), at(100)).await.unwrap();
        assert_eq!(all, batch, "{name}");
        let window = store.interactions(at(20), at(30)).await.unwrap();
        assert_eq!(window, [voice], "from is inclusive, to exclusive ({name})");
    })
    .await;
}

#[tokio::test]
async fn impossible_interactions_refuse_the_whole_batch_with_a_clear_error() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let good = reply(ada.id, bob.id, 10, "reply:1");
        let mut heavy = reply(ada.id, bob.id, 10, "reply:2");
        heavy.weight = f64::NAN;
        let cases = [
            (reply(ada.id, bob.id, 4000, "reply:3"), "at"),
            (reply(ada.id, ada.id, 10, "reply:4"), "b"),
            (heavy, "weight"),
            (reply(ada.id, bob.id, 10, " "), "source"),
        ];
        for (bad, field) in cases {
            let refused = store
                .record_interactions(&[good.clone(), bad], at(60))
                .await;
            match refused {
                Err(StoreError::Invalid(invalid)) => assert_eq!(invalid.field, field, "{name}"),
                other => panic!("{name}: {field} was not refused: {other:?}"),
            }
        }
        let ghost = reply(ada.id, PersonId(9_999), 10, "reply:5");
        let refused = store.record_interactions(&[good, ghost], at(60)).await;
        assert!(
            matches!(
                refused,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {refused:?}"
        );
        assert!(
            store.interactions(at(0), at(100)).await.unwrap().is_empty(),
            "nothing half-written ({name})"
        );
    })
    .await;
}

#[tokio::test]
async fn a_week_is_computed_by_one_node_and_stored_once() {
    each(|store, name| async move {
        let stale = Duration::minutes(30);
        let (first, second) = tokio::join!(
            store.claim_pulse_snapshot(week(5), "node-a", at(0), stale),
            store.claim_pulse_snapshot(week(5), "node-b", at(0), stale),
        );
        let (first, second) = (first.unwrap(), second.unwrap());
        assert!(first ^ second, "exactly one node claims the week ({name})");
        let (winner, loser) = if first {
            ("node-a", "node-b")
        } else {
            ("node-b", "node-a")
        };
        assert!(
            store
                .claim_pulse_snapshot(week(5), winner, at(10), stale)
                .await
                .unwrap(),
            "{name}"
        );
        assert!(
            !store
                .claim_pulse_snapshot(week(5), loser, at(20), stale)
                .await
                .unwrap(),
            "{name}"
        );
        assert!(
            store
                .claim_pulse_snapshot(week(5), loser, at(10 + 31 * 60), stale)
                .await
                .unwrap(),
            "a claim left by a node that died goes stale ({name})"
        );

        let snapshot = PulseSnapshot {
            week: week(5),
            computed_at: at(100),
            snapshot: serde_json::json!({"people": {"shown": 12}}),
        };
        store.save_pulse_snapshot(&snapshot).await.unwrap();
        let again = store.save_pulse_snapshot(&snapshot).await;
        match again {
            Err(StoreError::Conflict(message)) => assert!(message.contains("2026-01-05")),
            other => panic!("{name}: stored twice: {other:?}"),
        }
        assert!(
            !store
                .claim_pulse_snapshot(week(5), winner, at(200), stale)
                .await
                .unwrap(),
            "a stored week is never claimed again ({name})"
        );
        assert_eq!(store.pulse_snapshot(week(5)).await.unwrap(), snapshot);
        let earlier = PulseSnapshot {
            week: week(1),
            ..snapshot.clone()
        };
        store.save_pulse_snapshot(&earlier).await.unwrap();
        let weeks: Vec<NaiveDate> = store
            .pulse_snapshots()
            .await
            .unwrap()
            .iter()
            .map(|s| s.week)
            .collect();
        assert_eq!(weeks, [week(1), week(5)], "{name}");
        assert!(matches!(
            store.pulse_snapshot(week(12)).await,
            Err(StoreError::NotFound(hallway_store::Missing::PulseSnapshot))
        ));
    })
    .await;
}

#[tokio::test]
async fn the_latest_pairing_priorities_replace_the_previous_ones() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let platform = store
            .create_team(&TeamName::parse("Platform").unwrap(), "")
            .await
            .unwrap();
        let design = store
            .create_team(&TeamName::parse("Design").unwrap(), "")
            .await
            .unwrap();
        assert_eq!(
            store.pairing_priorities().await.unwrap(),
            PairingPriorities::default(),
            "{name}"
        );
        let first = PairingPriorities {
            week: Some(week(5)),
            people: vec![(ada.id, 1.0), (bob.id, 0.5)],
            team_pairs: vec![(platform.id, design.id, 0.75)],
        };
        store.save_pairing_priorities(&first).await.unwrap();
        assert_eq!(store.pairing_priorities().await.unwrap(), first, "{name}");
        let second = PairingPriorities {
            week: Some(week(12)),
            people: vec![(bob.id, 0.8)],
            team_pairs: Vec::new(),
        };
        store.save_pairing_priorities(&second).await.unwrap();
        assert_eq!(store.pairing_priorities().await.unwrap(), second, "{name}");
        let unknown = PairingPriorities {
            team_pairs: vec![(platform.id, TeamId(9_999), 1.0)],
            ..first.clone()
        };
        let refused = store.save_pairing_priorities(&unknown).await;
        assert!(matches!(
            refused,
            Err(StoreError::NotFound(hallway_store::Missing::Team))
        ));
        assert_eq!(store.pairing_priorities().await.unwrap(), second, "{name}");
    })
    .await;
}

#[tokio::test]
async fn people_who_left_pulse_and_a_switched_off_pulse_record_nothing() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;
        store
            .record_interactions(&[reply(ada.id, bob.id, 1, "reply:1")], at(60))
            .await
            .unwrap();
        assert!(!store.left_pulse(ada.id).await.unwrap(), "{name}");
        store.set_left_pulse(ada.id, true).await.unwrap();
        assert!(store.left_pulse(ada.id).await.unwrap(), "{name}");
        assert_eq!(store.pulse_leavers().await.unwrap(), [ada.id], "{name}");
        assert!(
            store.interactions(at(0), at(100)).await.unwrap().is_empty(),
            "leaving forgets what was recorded ({name})"
        );
        let batch = [
            reply(bob.id, ada.id, 2, "reply:2"),
            reply(bob.id, cy.id, 3, "reply:3"),
        ];
        assert_eq!(store.record_interactions(&batch, at(60)).await.unwrap(), 1);
        let kept = store.interactions(at(0), at(100)).await.unwrap();
        assert_eq!(kept, [batch[1].clone()], "{name}");

        store.set_left_pulse(ada.id, false).await.unwrap();
        assert!(store.pulse_leavers().await.unwrap().is_empty(), "{name}");
        assert!(
            store.pulse_enabled().await.unwrap(),
            "on by default ({name})"
        );
        store.set_pulse_enabled(false).await.unwrap();
        assert!(!store.pulse_enabled().await.unwrap(), "{name}");
        let later = [reply(bob.id, cy.id, 4, "reply:4")];
        assert_eq!(store.record_interactions(&later, at(60)).await.unwrap(), 0);
        store.set_pulse_enabled(true).await.unwrap();
        assert_eq!(store.record_interactions(&later, at(60)).await.unwrap(), 1);

        let unknown = store.set_left_pulse(PersonId(9_999), true).await;
        assert!(matches!(
            unknown,
            Err(StoreError::NotFound(hallway_store::Missing::Person))
        ));
    })
    .await;
}

#[tokio::test]
async fn export_and_deletion_cover_interactions_and_the_choice() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let cy = person(&store, "cy@example.org", "Cy").await;
        let batch = [
            reply(ada.id, bob.id, 1, "reply:1"),
            reply(cy.id, ada.id, 2, "mention:2"),
            reply(bob.id, cy.id, 3, "reply:3"),
        ];
        store.record_interactions(&batch, at(60)).await.unwrap();
        store
            .save_pairing_priorities(&PairingPriorities {
                week: Some(week(5)),
                people: vec![(ada.id, 1.0), (cy.id, 0.5)],
                team_pairs: Vec::new(),
            })
            .await
            .unwrap();
        store.set_left_pulse(bob.id, true).await.unwrap();

        let export = store.export_person(ada.id).await.unwrap();
        assert!(!export.pulse.left_pulse, "{name}");
        assert_eq!(export.pulse.interactions, [batch[1].clone()], "{name}");
        let json = serde_json::to_value(store.export_person(bob.id).await.unwrap()).unwrap();
        assert_eq!(json["pulse"]["left_pulse"], true, "{name}");

        store.delete_person(ada.id).await.unwrap();
        assert!(
            store.interactions(at(0), at(100)).await.unwrap().is_empty(),
            "{name}"
        );
        let priorities = store.pairing_priorities().await.unwrap();
        assert_eq!(priorities.people, [(cy.id, 0.5)], "{name}");
        store.delete_person(bob.id).await.unwrap();
        assert!(store.pulse_leavers().await.unwrap().is_empty(), "{name}");
    })
    .await;
}
