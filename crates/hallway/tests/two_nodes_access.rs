//! Access changes cross nodes: two real `hallway serve` processes on one PostgreSQL database
//! and one NATS server. A demotion and a deactivation made through node A, and a password reset
//! from the CLI, reach a socket on node B at once; and a node stopped with SIGTERM says `bye`
//! (`server_shutdown`) to its sockets and logs no error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod nodes;

use hallway_domain::RoomId;
use hallway_protocol::{bye_code, ServerFrame, ACCESS_REVOKED};
use hallway_testkit::{Client, LiveClient, FRAME_WAIT};
use nodes::Cluster;
use serde_json::{json, Value};

const OWNER: &str = "olive@example.org";
const PASSWORD: &str = "a long enough secret";

async fn sign_in(url: &str, email: &str, password: &str) -> Client {
    let client = Client::new(url).await;
    let reply = client
        .post(
            "/api/v1/session",
            &json!({"email": email, "password": password}),
        )
        .await;
    assert_eq!(reply.status(), 200, "signing in {email}");
    client
}

/// Invites `email` as a member (as `owner`) and accepts through `url`; returns the person's id.
async fn member(owner: &Client, url: &str, email: &str, name: &str) -> i64 {
    let invite: Value = owner
        .post("/api/v1/invites", &json!({"role": "member"}))
        .await
        .json()
        .await
        .unwrap();
    let token = invite["url"].as_str().unwrap().rsplit('/').next().unwrap();
    let client = Client::new(url).await;
    let reply: Value = client
        .post(
            &format!("/api/v1/invites/by-token/{token}/accept"),
            &json!({"email": email, "display_name": name, "password": PASSWORD}),
        )
        .await
        .json()
        .await
        .unwrap();
    reply["person"]["id"].as_i64().expect("the new person's id")
}

async fn ok(reply: reqwest::Response, what: &str) {
    let status = reply.status();
    assert!(
        status.is_success(),
        "{what}: {status} {:?}",
        reply.text().await
    );
}

async fn bye(live: &mut LiveClient) -> String {
    match live.until(|f| matches!(f, ServerFrame::Bye { .. })).await {
        ServerFrame::Bye { reason } => bye_code(&reason).to_owned(),
        _ => unreachable!(),
    }
}

async fn joined(client: &Client, room: RoomId) -> LiveClient {
    let (mut live, _) = LiveClient::connect(client).await;
    live.send(json!({"type": "join", "room": room, "after": 0}))
        .await;
    live.until(|f| matches!(f, ServerFrame::CaughtUp { .. }))
        .await;
    live
}

#[tokio::test]
async fn access_changed_on_one_node_reaches_sockets_on_the_other() {
    let Some(mut cluster) = Cluster::start(2).await else {
        return;
    };
    let (a, b) = (cluster.nodes[0].url.clone(), cluster.nodes[1].url.clone());
    cluster.setup_owner(0, OWNER, "Olive Owner", PASSWORD).await;
    let owner = sign_in(&a, OWNER, PASSWORD).await;
    let room: Value = owner
        .post(
            "/api/v1/rooms",
            &json!({"name": "kitchen", "kind": "open", "topic": ""}),
        )
        .await
        .json()
        .await
        .unwrap();
    let kitchen = RoomId(room["id"].as_i64().or(room["room"]["id"].as_i64()).unwrap());
    let ben = member(&owner, &b, "ben@example.org", "Ben").await;
    let cara = member(&owner, &b, "cara@example.org", "Cara").await;
    let ben_on_b = sign_in(&b, "ben@example.org", PASSWORD).await;
    let cara_on_b = sign_in(&b, "cara@example.org", PASSWORD).await;
    let mut ben_socket = joined(&ben_on_b, kitchen).await;
    let mut cara_socket = joined(&cara_on_b, kitchen).await;

    // A demotion through A takes the open room away from Ben's socket on B.
    let path = format!("/api/v1/people/{ben}/role");
    ok(
        owner.put(&path, &json!({"role": "guest"})).await,
        "demoting Ben",
    )
    .await;
    match ben_socket
        .until(|f| matches!(f, ServerFrame::Left { .. }))
        .await
    {
        ServerFrame::Left { room, reason } => {
            assert_eq!((room, reason.as_str()), (kitchen, ACCESS_REVOKED))
        }
        _ => unreachable!(),
    }
    ben_socket
        .send(json!({"type": "send", "room": kitchen, "client_id": "c1", "body": "hi"}))
        .await;
    assert!(matches!(
        ben_socket
            .until(|f| matches!(f, ServerFrame::Error { .. }))
            .await,
        ServerFrame::Error {
            code: hallway_protocol::ErrorCode::NoSuchRoom,
            ..
        }
    ));

    // A deactivation through A closes it.
    let path = format!("/api/v1/people/{ben}/deactivate");
    ok(owner.post(&path, &json!({})).await, "deactivating Ben").await;
    assert_eq!(bye(&mut ben_socket).await, "account_closed");

    // A password reset from the CLI (announced over NATS) ends Cara's socket on B.
    let out = cluster
        .hallway(&cluster.nodes[0].data_dir)
        .args(["admin", "reset-password", "--email", "cara@example.org"])
        .output()
        .await
        .expect("running hallway admin reset-password");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(bye(&mut cara_socket).await, "session_ended");
    let _ = cara;

    // SIGTERM: the owner's socket on A is told, and A logs no error on the way out.
    let (mut owner_socket, _) = LiveClient::connect(&owner).await;
    let node_a = cluster.nodes.remove(0);
    let log = node_a.stop().await;
    assert_eq!(bye(&mut owner_socket).await, "server_shutdown");
    assert!(owner_socket.ends_within(FRAME_WAIT).await);
    assert!(
        !log.contains("ERROR"),
        "a clean shutdown logged an error:\n{log}"
    );
    cluster.finish().await;
}
