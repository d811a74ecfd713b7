//! Rounds on schedule, on every backend: two nodes' schedulers on one database run the same
//! due pass at the same moment, and the circle gets exactly one round, saved by one node; a
//! later pass in the same cycle changes nothing; before the announce day nothing runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, Days, NaiveDate, TimeZone, Utc, Weekday};
use hallway::schedule::Scheduler;
use hallway_domain::{Cadence, CircleName, CircleShape, DisplayName, Email, Role, TimeZoneName};
use hallway_server::accounts::starter_profile;
use hallway_store::{MemberSettings, NewCircle, NewPerson, Store};
use hallway_testkit::backends;

async fn member_of(store: &dyn Store, circle: hallway_domain::CircleId, n: usize) {
    let zones = [
        "Europe/London",
        "Europe/Berlin",
        "America/New_York",
        "Asia/Kolkata",
    ];
    let person = store
        .create_person(NewPerson {
            email: Email::parse(&format!("p{n}@example.org")).unwrap(),
            role: Role::Member,
            password_hash: None,
            active: true,
            profile: starter_profile(
                DisplayName::parse(&format!("Person {n}")).unwrap(),
                Some(TimeZoneName::parse(zones[n % zones.len()]).unwrap()),
            ),
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .unwrap();
    store
        .set_circle_member(circle, person.id, &MemberSettings::joined())
        .await
        .unwrap();
}

fn node(store: &std::sync::Arc<dyn Store>, name: &str) -> Scheduler {
    Scheduler {
        store: store.clone(),
        mailer: None,
        node: name.to_owned(),
        announce: Weekday::Thu,
    }
}

#[tokio::test]
async fn two_nodes_run_a_due_round_once() {
    for backend in backends().await {
        let name = backend.name;
        let store = backend.store.clone();
        let circle = store
            .create_circle(NewCircle {
                name: CircleName::parse("Coffee").unwrap(),
                description: String::new(),
                cadence: Cadence::Weekly,
                shape: CircleShape::Pairs,
                cooldown_days: 90,
                created_by: None,
                team: None,
            })
            .await
            .unwrap();
        for n in 0..9 {
            member_of(store.as_ref(), circle.id, n).await;
        }
        // A Wednesday: the next cycle's round is announced on Thursday.
        let mut wednesday = Utc::now().date_naive() + Days::new(7);
        while wednesday.weekday() != Weekday::Wed {
            wednesday = wednesday.succ_opt().unwrap();
        }
        let at =
            |day: NaiveDate, hour| Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap());
        let (a, b) = (node(&store, "node-a"), node(&store, "node-b"));
        let early = a.run_due(at(wednesday, 12)).await.unwrap();
        assert!(
            early.rounds.is_empty(),
            "{name}: not due before the announce day"
        );
        assert!(store.rounds(circle.id).await.unwrap().is_empty(), "{name}");

        let thursday = wednesday.succ_opt().unwrap();
        let (pass_a, pass_b) = tokio::join!(a.run_due(at(thursday, 9)), b.run_due(at(thursday, 9)));
        let (pass_a, pass_b) = (pass_a.unwrap(), pass_b.unwrap());
        assert_eq!(
            pass_a.rounds.len() + pass_b.rounds.len(),
            1,
            "{name}: exactly one node ran the round"
        );
        let rounds = store.rounds(circle.id).await.unwrap();
        assert_eq!(rounds.len(), 1, "{name}");
        let monday = thursday + Days::new(4);
        assert_eq!(rounds[0].cycle_start, monday, "{name}");
        let placed: usize = rounds[0].groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(
            placed, 9,
            "{name}: everyone placed (a trio for the odd one)"
        );

        // Friday, both nodes again: the cycle's round exists, nothing more is made.
        let friday = thursday.succ_opt().unwrap();
        let again_a = a.run_due(at(friday, 9)).await.unwrap();
        let again_b = b.run_due(at(friday, 9)).await.unwrap();
        assert!(
            again_a.rounds.is_empty() && again_b.rounds.is_empty(),
            "{name}"
        );
        assert_eq!(store.rounds(circle.id).await.unwrap().len(), 1, "{name}");
        backend.finish().await;
    }
}
