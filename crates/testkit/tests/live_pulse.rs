//! What the live hallway tells pulse: a reply to someone else and an @mention of someone who
//! may read the room become interactions (never text); a mention of someone who may not read
//! the room, a reply to oneself and anything from a person who left pulse do not. Runs on every
//! backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod live;

use std::sync::Arc;

use chrono::{Duration, Utc};
use hallway_domain::{PersonId, Role, RoomKind};
use hallway_store::{Interaction, InteractionKind, Store};
use hallway_testkit::{backends, LiveClient};
use live::*;
use serde_json::json;

/// Polls the store (recording runs after the ack, off the hot path) until `count`
/// interactions are stored, failing after ten seconds.
async fn recorded(store: &Arc<dyn Store>, count: usize) -> Vec<Interaction> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found = store
            .interactions(
                Utc::now() - Duration::hours(1),
                Utc::now() + Duration::hours(1),
            )
            .await
            .unwrap();
        if found.len() >= count || std::time::Instant::now() > deadline {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

fn pairs(found: &[Interaction]) -> Vec<(InteractionKind, PersonId, PersonId)> {
    let mut out: Vec<_> = found.iter().map(|i| (i.kind, i.a, i.b)).collect();
    out.sort_by_key(|(k, a, b)| (k.as_str(), *a, *b));
    out
}

#[tokio::test]
async fn replies_and_mentions_in_a_shared_room_are_recorded() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let store = app.backend.store.clone();
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana Silva", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let cy = someone(&app, Role::Member, "Cy", &[]).await;
        let gus = someone(&app, Role::Guest, "Gus", &[]).await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        join(&mut a, kitchen, None).await;
        join(&mut b, kitchen, None).await;

        say(&mut a, kitchen, "a1", "Anyone seen the deploy fail?").await;
        ack(&mut a, "a1").await;
        let first = store.messages_before(kitchen, None, 1).await.unwrap()[0].id;
        b.send(json!({"type": "send", "room": kitchen, "client_id": "b1",
            "body": "Yes, ask @cy or @Gus", "reply_to": first}))
            .await;
        ack(&mut b, "b1").await;
        a.send(json!({"type": "send", "room": kitchen, "client_id": "a2",
            "body": "Answering myself", "reply_to": first}))
            .await;
        ack(&mut a, "a2").await;
        say(&mut a, kitchen, "a3", "thanks @Ben").await;
        ack(&mut a, "a3").await;

        let found = recorded(&store, 3).await;
        let expected = vec![
            (InteractionKind::Mention, ana.id, ben.id),
            (InteractionKind::Mention, ben.id, cy.id),
            (InteractionKind::Reply, ben.id, ana.id),
        ];
        assert_eq!(pairs(&found), expected, "{}: {found:?}", app.name());
        assert!(
            found.iter().all(|i| !i.source.contains("deploy")),
            "no text is stored"
        );
        assert!(
            !found.iter().any(|i| i.b == gus.id),
            "a guest cannot read it"
        );

        store.set_left_pulse(cy.id, true).await.unwrap();
        say(&mut b, kitchen, "b2", "@Cy one more thing, @Ana").await;
        ack(&mut b, "b2").await;
        let found = recorded(&store, 3).await;
        let mut expected = vec![
            (InteractionKind::Mention, ana.id, ben.id),
            (InteractionKind::Mention, ben.id, ana.id),
            (InteractionKind::Reply, ben.id, ana.id),
        ];
        expected.sort_by_key(|(k, a, b)| (k.as_str(), *a, *b));
        assert_eq!(pairs(&found), expected, "{}: Cy left pulse", app.name());
        app.finish().await;
    }
}
