//! Bad input on the live socket: each problem gets an error frame naming it, and the connection
//! and every other client carry on. Runs on every backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod live;

use hallway_domain::{Role, RoomKind};
use hallway_live::LiveConfig;
use hallway_protocol::{ErrorCode, ServerFrame};
use hallway_testkit::{backends, Client, LiveClient};
use live::*;
use serde_json::json;

#[tokio::test]
async fn every_bad_frame_is_named_and_the_socket_carries_on() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let vault = room(&app, "vault", RoomKind::Private, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let ben = someone(&app, Role::Member, "Ben", &[]).await;
        let (mut b, _) = LiveClient::connect(&ben.client).await;
        join(&mut b, kitchen, None).await;

        let mut a = LiveClient::open(&ana.client).await;
        a.send(json!({"type": "join", "room": kitchen})).await;
        assert_eq!(error(&mut a).await.0, ErrorCode::HelloFirst);
        a.send(json!({"type": "hello", "v": 99})).await;
        let (code, message) = error(&mut a).await;
        assert_eq!(code, ErrorCode::UnsupportedVersion);
        assert!(message.contains("99"), "{message}");
        a.send(json!({"type": "hello", "v": 1})).await;
        a.until(|f| matches!(f, ServerFrame::Welcome { .. })).await;

        let cases: Vec<(String, ErrorCode, &str)> = vec![
            ("{not json".into(), ErrorCode::MalformedJson, "JSON"),
            (
                json!({"type": "shout"}).to_string(),
                ErrorCode::UnknownType,
                "shout",
            ),
            (
                json!({"room": 1}).to_string(),
                ErrorCode::UnknownType,
                "type",
            ),
            (
                json!({"type": "send", "room": kitchen}).to_string(),
                ErrorCode::InvalidFrame,
                "client_id",
            ),
            (
                json!({"type": "send", "room": kitchen, "client_id": "x", "body": "  "})
                    .to_string(),
                ErrorCode::InvalidField,
                "body",
            ),
            (
                json!({"type": "send", "room": kitchen, "client_id": "no spaces", "body": "hi"})
                    .to_string(),
                ErrorCode::InvalidField,
                "client_id",
            ),
            (
                json!({"type": "send", "room": vault, "client_id": "v1", "body": "let me in"})
                    .to_string(),
                ErrorCode::NoSuchRoom,
                "room",
            ),
            (
                json!({"type": "join", "room": vault}).to_string(),
                ErrorCode::NoSuchRoom,
                "room",
            ),
            (
                json!({"type": "join", "room": 999_999}).to_string(),
                ErrorCode::NoSuchRoom,
                "room",
            ),
            (
                json!({"type": "join", "room": kitchen, "after": 50}).to_string(),
                ErrorCode::FutureSequence,
                "50",
            ),
            (
                json!({"type": "typing", "room": vault}).to_string(),
                ErrorCode::NotInRoom,
                "join",
            ),
            (
                json!({"type": "voice_signal", "room": kitchen, "to": "nobody-1", "signal": {}})
                    .to_string(),
                ErrorCode::NotInVoice,
                "voice",
            ),
            (
                json!({"type": "status", "availability": "focusing", "until": "tomorrow"})
                    .to_string(),
                ErrorCode::InvalidField,
                "until",
            ),
            (
                json!({"type": "status", "availability": "sleeping"}).to_string(),
                ErrorCode::InvalidFrame,
                "sleeping",
            ),
            (
                format!(
                    r#"{{"type":"send","room":{kitchen},"client_id":"big","body":"{}"}}"#,
                    "x".repeat(70 * 1024)
                ),
                ErrorCode::FrameTooLarge,
                "65536",
            ),
        ];
        for (frame, code, needle) in cases {
            a.send_text(&frame).await;
            let (got, message) = error(&mut a).await;
            assert_eq!(got, code, "{} for {:.80}: {message}", app.name(), frame);
            assert!(
                message.contains(needle),
                "{message:?} should name {needle:?}"
            );
        }
        still_answers(&mut a).await;

        // Voice: a signal to someone not in the room's voice.
        join(&mut a, kitchen, None).await;
        a.send(json!({"type": "voice_join", "room": kitchen})).await;
        a.send(json!({"type": "voice_signal", "room": kitchen, "to": "nobody-1", "signal": {"sdp": "x"}}))
            .await;
        assert_eq!(error(&mut a).await.0, ErrorCode::NoSuchPeer);

        // Everyone else carried on.
        say(&mut a, kitchen, "fine", "still here").await;
        assert_eq!(
            body_of(&event(&mut b).await),
            "still here",
            "{}",
            app.name()
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn floods_are_answered_with_rate_limit_frames_not_silence() {
    for backend in backends().await {
        let strict = LiveConfig {
            messages_burst: 3,
            messages_per_second: 0.5,
            typing_burst: 5,
            ..LiveConfig::default()
        };
        let app = app(backend, strict).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let (mut a, _) = LiveClient::connect(&ana.client).await;
        join(&mut a, kitchen, None).await;
        for n in 0..4 {
            say(&mut a, kitchen, &format!("c{n}"), "hello").await;
        }
        for n in 0..3 {
            ack(&mut a, &format!("c{n}")).await;
        }
        match a.until(|f| matches!(f, ServerFrame::Error { .. })).await {
            ServerFrame::Error {
                code,
                reference,
                retry_after_ms,
                ..
            } => {
                assert_eq!(code, ErrorCode::RateLimited);
                assert_eq!(
                    reference.as_deref(),
                    Some("c3"),
                    "names the refused message"
                );
                assert!(retry_after_ms.unwrap() > 0);
            }
            _ => unreachable!(),
        }
        for _ in 0..8 {
            a.send(json!({"type": "typing", "room": kitchen})).await;
        }
        let (code, message) = error(&mut a).await;
        assert_eq!(code, ErrorCode::RateLimited, "{}", app.name());
        assert!(message.contains("typing"), "{message}");
        still_answers(&mut a).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_socket_needs_a_session_and_the_same_origin() {
    for backend in backends().await {
        let app = app(backend, roomy()).await;
        let ana = someone(&app, Role::Member, "Ana", &[]).await;
        let refused = LiveClient::open_with_origin(&ana.client, "https://evil.example").await;
        assert!(
            refused.is_err_and(|e| e.to_string().contains("403")),
            "another site's page may not open a socket with the cookie"
        );
        let stranger = Client::new(&app.url).await;
        let refused = LiveClient::open_with_origin(&stranger, &app.url).await;
        assert!(refused.is_err_and(|e| e.to_string().contains("401")));
        app.finish().await;
    }
}
