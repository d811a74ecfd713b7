//! Two real `hallway serve` processes on one PostgreSQL database and one NATS server: what one
//! node does, the other sees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod nodes;

use hallway_domain::PersonId;
use hallway_protocol::ServerFrame;
use hallway_store::RoomEventKind;
use hallway_testkit::{Client, LiveClient};
use nodes::Cluster;
use serde_json::{json, Value};

const EMAIL: &str = "olive@example.org";
const PASSWORD: &str = "a long enough secret";

#[tokio::test]
async fn two_nodes_share_people_and_sessions() {
    let Some(cluster) = Cluster::start(2).await else {
        return;
    };
    let (a, b) = (&cluster.nodes[0], &cluster.nodes[1]);

    // The owner is set up by an operator on node A…
    cluster.setup_owner(0, EMAIL, "Olive Owner", PASSWORD).await;

    // …and signs in through node B.
    let mut client = Client::new(&b.url).await;
    let reply = client
        .post(
            "/api/v1/session",
            &json!({"email": EMAIL, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        reply.status(),
        200,
        "sign-in on B: {:?}",
        reply.text().await
    );
    assert_eq!(me(&client).await["email"], EMAIL, "B knows who signed in");

    // The session made on B is honoured on A (cookies ignore the port; sessions are stored).
    client.base = a.url.clone();
    assert_eq!(me(&client).await["email"], EMAIL, "A honours B's session");

    live_events_cross_nodes(&cluster, &client).await;

    cluster.finish().await;
}

/// `GET /api/v1/me` as `client`'s signed-in person.
async fn me(client: &Client) -> Value {
    let reply = client.get("/api/v1/me").await;
    assert_eq!(reply.status(), 200, "GET /api/v1/me");
    reply.json().await.expect("JSON from /api/v1/me")
}

/// Live across nodes: Olive on node A, Ben on node B, in one room.
/// - messages sent through A reach B's socket, in the order A accepted them, and back;
/// - presence (entering the room, a chosen status) and typing started on one node show on
///   the other;
/// - voice signalling between a socket on A and one on B is relayed.
async fn live_events_cross_nodes(cluster: &Cluster, olive: &Client) {
    let b = &cluster.nodes[1];
    let invite: Value = olive
        .post("/api/v1/invites", &json!({"role": "member"}))
        .await
        .json()
        .await
        .unwrap();
    let token = invite["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let ben = Client::new(&b.url).await;
    let reply = ben
        .post(
            &format!("/api/v1/invites/by-token/{token}/accept"),
            &json!({"email": "ben@example.org", "display_name": "Ben", "password": PASSWORD}),
        )
        .await;
    assert_eq!(reply.status(), 201, "Ben joins through B");
    let ben_id = me(&ben).await["id"].as_i64().unwrap();
    let room: Value = olive
        .post(
            "/api/v1/rooms",
            &json!({"name": "kitchen", "kind": "open", "topic": "coffee"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let kitchen = room["room"]["id"]
        .as_i64()
        .or(room["id"].as_i64())
        .expect("the room id");

    let (mut on_a, a_connection) = LiveClient::connect(olive).await;
    let (mut on_b, b_connection) = LiveClient::connect(&ben).await;
    assert_ne!(
        a_connection.split('-').next(),
        b_connection.split('-').next(),
        "two nodes"
    );
    on_a.send(json!({"type": "watch_hallway"})).await;
    for live in [&mut on_a, &mut on_b] {
        live.send(json!({"type": "join", "room": kitchen})).await;
        live.until(|f| matches!(f, ServerFrame::CaughtUp { .. }))
            .await;
    }
    // Presence crosses: A sees Ben (on B) in the kitchen.
    on_a.until(|f| matches!(f, ServerFrame::RoomState(s) if s.present.contains(&PersonId(ben_id))))
        .await;

    // Messages through A reach B in order, and B's reach A.
    for n in 1..=20 {
        on_a.send(json!({"type": "send", "room": kitchen, "client_id": format!("a{n}"), "body": format!("from A {n}")}))
            .await;
    }
    for n in 1..=20 {
        let event = next_event(&mut on_b).await;
        assert_eq!(event.seq, n, "in order across nodes");
        assert!(
            matches!(&event.kind, RoomEventKind::Posted { body, .. } if *body == format!("from A {n}"))
        );
    }
    on_b.send(json!({"type": "send", "room": kitchen, "client_id": "b1", "body": "hello from B"}))
        .await;
    on_a.until(|f| matches!(f, ServerFrame::Event(e) if matches!(&e.kind, RoomEventKind::Posted { body, .. } if body == "hello from B")))
        .await;

    // Typing and a chosen status cross.
    on_b.send(json!({"type": "typing", "room": kitchen})).await;
    on_a.until(|f| matches!(f, ServerFrame::Typing { person, .. } if *person == PersonId(ben_id)))
        .await;
    on_b.send(json!({"type": "status", "availability": "focusing", "working_on": "two nodes"}))
        .await;
    on_a.until(|f| matches!(f, ServerFrame::Person(p) if p.person == PersonId(ben_id) && p.status.working_on == "two nodes"))
        .await;

    // Voice signalling crosses.
    for live in [&mut on_a, &mut on_b] {
        live.send(json!({"type": "voice_join", "room": kitchen}))
            .await;
    }
    on_b.until(|f| matches!(f, ServerFrame::RoomState(s) if s.voice.len() == 2))
        .await;
    on_b.send(json!({"type": "voice_signal", "room": kitchen, "to": a_connection, "signal": {"sdp": {"type": "offer"}}}))
        .await;
    match on_a
        .until(|f| matches!(f, ServerFrame::VoiceSignal { .. }))
        .await
    {
        ServerFrame::VoiceSignal { from, .. } => assert_eq!(from, b_connection),
        _ => unreachable!(),
    }
}

async fn next_event(live: &mut LiveClient) -> hallway_store::RoomEvent {
    match live.until(|f| matches!(f, ServerFrame::Event(_))).await {
        ServerFrame::Event(event) => event,
        _ => unreachable!(),
    }
}
