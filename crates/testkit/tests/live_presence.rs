//! Presence, typing and voice signalling over the live socket, and a client that cannot keep
//! up: it is told why, and resumes without a gap. Runs on every backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod live;

use std::time::Duration;

use hallway_domain::{Availability, Role, RoomKind};
use hallway_live::LiveConfig;
use hallway_protocol::ServerFrame;
use hallway_testkit::{backends, LiveClient};
use live::*;
use serde_json::json;

#[tokio::test]
async fn the_hallway_sees_people_enter_rooms_choose_a_status_and_leave() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let vault = room(&app, "vault", RoomKind::Private, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        app.backend
            .store
            .add_room_member(vault, ben.id)
            .await
            .unwrap();

        let (mut a, _) = LiveClient::connect(&ana.client).await;
        a.send(json!({"type": "watch_hallway"})).await;
        let rooms = match a.until(|f| matches!(f, ServerFrame::Hallway { .. })).await {
            ServerFrame::Hallway { rooms, .. } => rooms,
            _ => unreachable!(),
        };
        let visible: Vec<_> = rooms.iter().map(|r| r.room).collect();
        assert_eq!(
            visible,
            vec![kitchen],
            "{}: a private room stays hidden",
            app.name()
        );

        let (mut b, _) = LiveClient::connect(&ben.client).await;
        join(&mut b, kitchen, None).await;
        let (mut in_kitchen, mut connected) = (false, false);
        while !(in_kitchen && connected) {
            match a.next().await {
                ServerFrame::RoomState(s) if s.room == kitchen => {
                    in_kitchen = s.present == vec![ben.id]
                }
                ServerFrame::Person(p) if p.person == ben.id => connected = p.connected,
                _ => {}
            }
        }

        // Ben in the private room is not shown to Ana.
        join(&mut b, vault, None).await;
        b.send(json!({"type": "status", "availability": "focusing", "working_on": "the TLS migration"}))
            .await;
        let status = a
            .until(|f| matches!(f, ServerFrame::Person(p) if p.person == ben.id && p.status.availability == Availability::Focusing))
            .await;
        match status {
            ServerFrame::Person(p) => assert_eq!(p.status.working_on, "the TLS migration"),
            _ => unreachable!(),
        }
        b.close().await;
        let left = a
            .until(|f| matches!(f, ServerFrame::Person(p) if p.person == ben.id && !p.connected))
            .await;
        assert!(matches!(left, ServerFrame::Person(_)));
        let seen = a.drain(Duration::from_millis(300)).await;
        assert!(
            seen.iter()
                .all(|f| !matches!(f, ServerFrame::RoomState(s) if s.room == vault)),
            "{}: the private room's presence never reaches a non-member",
            app.name()
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn typing_is_relayed_to_the_room_without_flicker_and_voice_signals_reach_one_peer() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let (mut a, a_id) = LiveClient::connect(&ana.client).await;
        let (mut b, b_id) = LiveClient::connect(&ben.client).await;
        join(&mut a, kitchen, None).await;
        join(&mut b, kitchen, None).await;

        for _ in 0..4 {
            b.send(json!({"type": "typing", "room": kitchen})).await;
        }
        a.until(|f| matches!(f, ServerFrame::Typing { person, .. } if *person == ben.id))
            .await;
        let more = a.drain(Duration::from_millis(500)).await;
        assert!(
            !more.iter().any(|f| matches!(f, ServerFrame::Typing { .. })),
            "{}: typing within two seconds is relayed once",
            app.name()
        );

        a.send(json!({"type": "voice_join", "room": kitchen})).await;
        b.send(json!({"type": "voice_join", "room": kitchen})).await;
        let state = b
            .until(|f| matches!(f, ServerFrame::RoomState(s) if s.voice.len() == 2))
            .await;
        match state {
            ServerFrame::RoomState(s) => {
                let order: Vec<&str> = s.voice.iter().map(|o| o.connection.as_str()).collect();
                assert_eq!(
                    order,
                    [a_id.as_str(), b_id.as_str()],
                    "voice lists join order"
                );
            }
            _ => unreachable!(),
        }
        b.send(json!({"type": "voice_signal", "room": kitchen, "to": a_id, "signal": {"sdp": {"type": "offer", "sdp": "v=0"}}}))
            .await;
        match a
            .until(|f| matches!(f, ServerFrame::VoiceSignal { .. }))
            .await
        {
            ServerFrame::VoiceSignal {
                from,
                person,
                signal,
                ..
            } => {
                assert_eq!((from.as_str(), person), (b_id.as_str(), ben.id));
                assert_eq!(signal["sdp"]["type"], "offer");
            }
            _ => unreachable!(),
        }
        b.send(json!({"type": "voice_state", "room": kitchen, "muted": true, "speaking": false}))
            .await;
        a.until(|f| matches!(f, ServerFrame::RoomState(s) if s.voice.iter().any(|o| o.person == ben.id && o.muted)))
            .await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_client_that_cannot_keep_up_is_told_why_and_resumes_without_a_gap() {
    for backend in backends().await {
        let tight = LiveConfig {
            outbound_queue: 4,
            ..roomy()
        };
        let app = app(backend, tight).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        join(&mut a, kitchen, None).await;
        join(&mut b, kitchen, None).await;

        // Ben reads nothing while Ana sends far more than his socket buffers hold.
        let body = "x".repeat(3900);
        let total = 1500;
        for n in 1..=total {
            say(&mut a, kitchen, &format!("m{n}"), &format!("{n} {body}")).await;
            if n % 100 == 0 {
                ack(&mut a, &format!("m{n}")).await;
            }
        }
        let mut last = 0;
        let mut reason = None;
        loop {
            let asked = tokio::time::Instant::now();
            match b.try_next(Duration::from_secs(10)).await {
                Some(ServerFrame::Event(e)) => {
                    assert_eq!(e.seq, last + 1, "no gap before the disconnect");
                    last = e.seq;
                }
                Some(ServerFrame::Bye { reason: why }) => {
                    reason = Some(why);
                    break;
                }
                Some(_) => {}
                None => {
                    // A client that stopped reading for longer than the server waits cannot
                    // take a `bye`: its connection is dropped instead, and that is what it sees.
                    assert!(
                        asked.elapsed() < Duration::from_secs(10),
                        "{}: the slow client was neither told nor disconnected",
                        app.name()
                    );
                    break;
                }
            }
        }
        if let Some(reason) = &reason {
            assert!(reason.starts_with("slow_consumer"), "{reason}");
        }
        assert!(last < total, "{}: it fell behind", app.name());

        let (mut b, _) = LiveClient::connect(&ben.client).await;
        b.send(json!({"type": "join", "room": kitchen, "after": last}))
            .await;
        loop {
            match b.next().await {
                ServerFrame::Event(e) => {
                    assert_eq!(e.seq, last + 1, "the resume has no gap");
                    last = e.seq;
                }
                ServerFrame::CaughtUp { seq, .. } => {
                    assert_eq!(seq, total);
                    break;
                }
                _ => {}
            }
        }
        assert_eq!(last, total);
        app.finish().await;
    }
}
