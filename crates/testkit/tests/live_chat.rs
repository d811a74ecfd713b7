//! The live protocol's promise about chat: every message reaches everyone in the room once and
//! in order, a retry is never stored twice, and a client that was away gets exactly what it
//! missed. Runs on every backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod live;

use hallway_domain::{Role, RoomKind};
use hallway_protocol::{ErrorCode, ServerFrame};
use hallway_store::RoomEventKind;
use hallway_testkit::{backends, LiveClient};
use live::*;
use serde_json::json;

#[tokio::test]
async fn messages_reach_everyone_in_order_exactly_once() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        assert_eq!(join(&mut a, kitchen, None).await, 0);
        join(&mut b, kitchen, None).await;
        let metrics = ana.client.get("/metrics").await.text().await.unwrap();
        assert!(metrics.contains("hallway_live_connections 2"), "{metrics}");

        for n in 1..=60 {
            say(&mut a, kitchen, &format!("m{n}"), &format!("line {n}")).await;
        }
        for n in 1..=60 {
            assert_eq!(
                ack(&mut a, &format!("m{n}")).await,
                (n, false),
                "{}",
                app.name()
            );
        }
        for n in 1..=60 {
            let got = event(&mut b).await;
            assert_eq!((got.seq, body_of(&got)), (n, format!("line {n}").as_str()));
            match got.kind {
                RoomEventKind::Posted { author, .. } => assert_eq!(author, Some(ana.id)),
                other => panic!("expected a post, got {other:?}"),
            }
        }

        // A retry after a lost ack: acknowledged again, stored once, delivered once.
        say(&mut a, kitchen, "m7", "line 7").await;
        assert_eq!(ack(&mut a, "m7").await, (7, true));
        say(&mut a, kitchen, "m61", "after the retry").await;
        let next = event(&mut b).await;
        assert_eq!(
            (next.seq, body_of(&next)),
            (61, "after the retry"),
            "{}",
            app.name()
        );
        // The same client id for another message is refused by name.
        say(&mut a, kitchen, "m7", "something else").await;
        assert_eq!(error(&mut a).await.0, ErrorCode::ClientIdReused);
        app.finish().await;
    }
}

#[tokio::test]
async fn a_client_that_was_away_gets_exactly_what_it_missed() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        join(&mut a, kitchen, None).await;
        join(&mut b, kitchen, None).await;
        for n in 1..=3 {
            say(
                &mut a,
                kitchen,
                &format!("before{n}"),
                &format!("before {n}"),
            )
            .await;
            ack(&mut a, &format!("before{n}")).await;
        }
        let mut last_seen = 0;
        for _ in 0..3 {
            last_seen = event(&mut b).await.seq;
        }
        b.close().await;

        for n in 1..=5 {
            say(
                &mut a,
                kitchen,
                &format!("away{n}"),
                &format!("while away {n}"),
            )
            .await;
            ack(&mut a, &format!("away{n}")).await;
        }
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        b.send(json!({"type": "join", "room": kitchen, "after": last_seen}))
            .await;
        let mut replayed = Vec::new();
        loop {
            match b.next().await {
                ServerFrame::Event(e) => replayed.push((e.seq, body_of(&e).to_owned())),
                ServerFrame::CaughtUp { seq, .. } => {
                    assert_eq!(seq, 8);
                    break;
                }
                _ => {}
            }
        }
        let expected: Vec<(i64, String)> = (1..=5)
            .map(|n| (3 + n, format!("while away {n}")))
            .collect();
        assert_eq!(replayed, expected, "{}", app.name());
        say(&mut a, kitchen, "live", "and now live").await;
        assert_eq!(body_of(&event(&mut b).await), "and now live");
        app.finish().await;
    }
}

#[tokio::test]
async fn edits_deletes_and_reactions_reach_the_room_and_only_authors_change_messages() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        join(&mut a, kitchen, None).await;
        join(&mut b, kitchen, None).await;
        say(&mut a, kitchen, "q", "does anyone know TLS?").await;
        let message = match a.until(|f| matches!(f, ServerFrame::Ack { .. })).await {
            ServerFrame::Ack { message, .. } => message,
            _ => unreachable!(),
        };
        event(&mut b).await;

        b.send(json!({"type": "edit", "room": kitchen, "message": message, "body": "hijack", "ref": "e1"}))
            .await;
        assert_eq!(error(&mut b).await.0, ErrorCode::NoSuchMessage);

        a.send(json!({"type": "edit", "room": kitchen, "message": message, "body": "does anyone know mTLS?", "ref": "e2"}))
            .await;
        let edited = event(&mut b).await;
        assert_eq!(body_of(&edited), "does anyone know mTLS?");
        b.send(json!({"type": "react", "room": kitchen, "message": message, "emoji": "👀", "on": true, "ref": "r1"}))
            .await;
        b.until(
            |f| matches!(f, ServerFrame::Done { reference } if reference.as_deref() == Some("r1")),
        )
        .await;
        let reacted = a
            .until(|f| matches!(f, ServerFrame::Event(e) if matches!(e.kind, RoomEventKind::Reacted { .. })))
            .await;
        match reacted {
            ServerFrame::Event(hallway_store::RoomEvent {
                kind:
                    RoomEventKind::Reacted {
                        emoji, on, person, ..
                    },
                ..
            }) => {
                assert_eq!((emoji.as_str(), on, person), ("👀", true, Some(ben.id)))
            }
            other => panic!("expected a reaction, got {other:?}"),
        }
        a.send(json!({"type": "delete", "room": kitchen, "message": message}))
            .await;
        b.until(|f| matches!(f, ServerFrame::Event(e) if matches!(e.kind, RoomEventKind::Deleted { .. })))
            .await;
        app.finish().await;
    }
}
