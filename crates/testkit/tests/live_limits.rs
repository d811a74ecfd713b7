//! Sockets that would otherwise never go away or never stop: a client that stops reading has
//! its TCP connection closed by the server (not just forgotten), and joins, hallway watches and
//! voice joins are metered like posts. Runs on every backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;

use std::time::Duration;

use access::*;
use chrono::Utc;
use futures_util::SinkExt;
use hallway_domain::{Role, RoomId, RoomKind, RoomName};
use hallway_live::LiveConfig;
use hallway_protocol::{ErrorCode, ServerFrame};
use hallway_store::NewRoom;
use hallway_testkit::{backends, spawn_live_app, Client, TestApp, FRAME_WAIT};
use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

async fn kitchen(app: &TestApp) -> RoomId {
    app.backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse("kitchen").unwrap(),
            topic: String::new(),
            kind: RoomKind::Open,
            team: None,
            overhearable: false,
            created_by: None,
            created_at: Utc::now(),
        })
        .await
        .unwrap()
        .id
}

/// Opens the live socket over a TCP connection with a tiny receive buffer, says hello and joins
/// `room`; the caller then stops reading it.
async fn stalled_socket(
    client: &Client,
    room: RoomId,
) -> tokio_tungstenite::WebSocketStream<tokio::net::TcpStream> {
    let address: std::net::SocketAddr = client.base.trim_start_matches("http://").parse().unwrap();
    let tcp = tokio::net::TcpSocket::new_v4().unwrap();
    tcp.set_recv_buffer_size(4096).unwrap();
    let stream = tcp.connect(address).await.unwrap();
    let url = format!("{}/api/v1/live", client.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", client.base.parse().unwrap());
    request
        .headers_mut()
        .insert("Cookie", client.cookie_header().parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::client_async(request, stream)
        .await
        .unwrap();
    for frame in [
        json!({"type": "hello", "v": 1}),
        json!({"type": "join", "room": room}),
    ] {
        socket.send(Message::text(frame.to_string())).await.unwrap();
    }
    socket
}

async fn live_connections(client: &Client) -> String {
    let metrics = client.get("/metrics").await.text().await.unwrap();
    metrics
        .lines()
        .find(|l| l.starts_with("hallway_live_connections "))
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_client_that_stops_reading_has_its_connection_closed() {
    for backend in backends().await {
        let config = LiveConfig {
            outbound_queue: 32,
            ..checked_often()
        };
        let app = spawn_live_app(backend, |_| {}, config).await;
        let room = kitchen(&app).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let ben = person(&app, Role::Member, "Ben", &[]).await;
        let mut stalled = stalled_socket(&ana.client, room).await;
        let mut talker = socket(&ben.client).await;
        join(&mut talker, room).await;
        // Wait until Ana is in (her join is answered; she just never reads it).
        talker
            .until(|f| matches!(f, ServerFrame::RoomState(s) if s.present.len() == 2))
            .await;

        // 16 KB a message (4,000 four-byte characters) until the server gives up on Ana.
        let body = "🦀".repeat(4000);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        let mut sent = 0;
        while live_connections(&ana.client).await != "hallway_live_connections 1" {
            assert!(
                tokio::time::Instant::now() < deadline,
                "{}: Ana was never cut",
                app.name()
            );
            for _ in 0..20 {
                sent += 1;
                let id = format!("m{sent}");
                talker
                    .send(json!({"type": "send", "room": room, "client_id": id, "body": body}))
                    .await;
                talker
                    .until(|f| matches!(f, ServerFrame::Ack { client_id, .. } if *client_id == id))
                    .await;
            }
        }

        // The server let go of the TCP connection: what Ana sends now is answered with a reset.
        let deadline = tokio::time::Instant::now() + FRAME_WAIT;
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        loop {
            tick.tick().await;
            let sent = tokio::time::timeout(
                Duration::from_secs(1),
                stalled.send(Message::Ping(Vec::new().into())),
            )
            .await;
            if matches!(sent, Ok(Err(_))) {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{}: the server still holds the connection of a client it cut",
                app.name()
            );
        }
        // Ben was never held up.
        until_pong(&mut talker).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn joins_watches_and_voice_share_a_metered_budget() {
    for backend in backends().await {
        let config = LiveConfig {
            joins_burst: 3,
            joins_per_second: 0.001,
            ..checked_often()
        };
        let app = spawn_live_app(backend, |_| {}, config).await;
        let room = kitchen(&app).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let mut live = socket(&ana.client).await;
        post(&mut live, room, "history").await;
        for _ in 0..3 {
            join(&mut live, room).await;
        }
        for frame in [
            json!({"type": "join", "room": room, "after": 0}),
            json!({"type": "watch_hallway"}),
            json!({"type": "voice_join", "room": room}),
        ] {
            live.send(frame.clone()).await;
            match live.until(|f| matches!(f, ServerFrame::Error { .. })).await {
                ServerFrame::Error {
                    code,
                    retry_after_ms,
                    ..
                } => {
                    assert_eq!(code, ErrorCode::RateLimited, "{}: {frame}", app.name());
                    assert!(retry_after_ms.is_some_and(|ms| ms > 0));
                }
                _ => unreachable!(),
            }
        }
        let seen = until_pong(&mut live).await;
        assert!(
            !seen
                .iter()
                .any(|f| matches!(f, ServerFrame::Event(_) | ServerFrame::Hallway { .. })),
            "{}: a refused frame was acted on: {seen:?}",
            app.name()
        );
        // Posting has its own budget and carries on.
        post(&mut live, room, "still-posting").await;
        app.finish().await;
    }
}
