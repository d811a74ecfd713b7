//! Stories about scheduled-round claims: of many nodes claiming one circle's cycle at once,
//! exactly one wins; a finished claim is never taken again; an abandoned one is taken over.

use chrono::{Duration, NaiveDate};
use hallway_domain::{Cadence, CircleId, CircleName, CircleShape};
use hallway_store::{NewCircle, RoundClaim, StoreError};

use super::{at, each};

fn claim(circle: CircleId, node: &str, seconds: i64) -> RoundClaim {
    RoundClaim {
        circle,
        cycle_start: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        node: node.to_owned(),
        at: at(seconds),
        stale_before: at(seconds) - Duration::minutes(10),
    }
}

fn coffee() -> NewCircle {
    NewCircle {
        name: CircleName::parse("Coffee").unwrap(),
        description: String::new(),
        cadence: Cadence::Weekly,
        shape: CircleShape::Pairs,
        cooldown_days: 30,
        created_by: None,
        team: None,
    }
}

#[tokio::test]
async fn concurrent_claims_for_one_cycle_have_exactly_one_winner() {
    each(|store, name| async move {
        let circle = store.create_circle(coffee()).await.unwrap();
        let mut tasks = tokio::task::JoinSet::new();
        for node in 0..8 {
            let store = store.clone();
            let claim = claim(circle.id, &format!("node-{node}"), 0);
            tasks.spawn(async move { store.claim_round(&claim).await });
        }
        let mut winners = 0;
        while let Some(result) = tasks.join_next().await {
            if result.unwrap().unwrap() {
                winners += 1;
            }
        }
        assert_eq!(winners, 1, "{name}: exactly one node may run the round");

        // Another cycle of the same circle is a separate claim.
        let mut next = claim(circle.id, "node-1", 0);
        next.cycle_start = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
        assert!(store.claim_round(&next).await.unwrap(), "{name}");
    })
    .await;
}

#[tokio::test]
async fn an_abandoned_claim_is_taken_over_but_a_finished_one_never() {
    each(|store, name| async move {
        let circle = store.create_circle(coffee()).await.unwrap();
        assert!(store.claim_round(&claim(circle.id, "a", 0)).await.unwrap());
        // Five minutes later node a may still be working: b must wait.
        assert!(!store
            .claim_round(&claim(circle.id, "b", 300))
            .await
            .unwrap());
        // Eleven minutes later a's claim is stale (a died mid-round): b takes over.
        assert!(
            store
                .claim_round(&claim(circle.id, "b", 660))
                .await
                .unwrap(),
            "{name}"
        );
        // a can no longer finish what b now holds.
        let cycle = claim(circle.id, "a", 0).cycle_start;
        assert!(matches!(
            store
                .finish_round_claim(circle.id, cycle, "a", at(700))
                .await,
            Err(StoreError::NotFound(hallway_store::Missing::RoundClaim))
        ));
        store
            .finish_round_claim(circle.id, cycle, "b", at(700))
            .await
            .unwrap();
        // Finished: nobody takes it again, however late.
        assert!(!store
            .claim_round(&claim(circle.id, "c", 86_400))
            .await
            .unwrap());
        assert!(!store
            .claim_round(&claim(circle.id, "b", 86_400))
            .await
            .unwrap());
    })
    .await;
}

#[tokio::test]
async fn claiming_an_unknown_circle_names_the_circle() {
    each(|store, name| async move {
        match store.claim_round(&claim(CircleId(404), "a", 0)).await {
            Err(StoreError::NotFound(what)) => {
                assert_eq!(what, hallway_store::Missing::Circle, "{name}")
            }
            other => panic!("{name}: expected NotFound(circle), got {other:?}"),
        }
    })
    .await;
}
