//! Shared helpers for the access suites: people with passwords who sign in over HTTP (so
//! their sessions are real), an admin to change their access, and frame matchers.

#![allow(dead_code)]

use std::time::Duration;

use chrono::Utc;
use hallway_domain::{DisplayName, Email, PersonId, Role, RoomId, TeamId};
use hallway_live::LiveConfig;
use hallway_protocol::{bye_code, ErrorCode, ServerFrame, ACCESS_REVOKED};
use hallway_server::accounts::starter_profile;
use hallway_store::NewPerson;
use hallway_testkit::{Client, LiveClient, TestApp, FRAME_WAIT};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct horse battery";

/// The hub as a test wants it: loose message limits, and sessions checked often, so the
/// periodic backstop is seen within the test's wait.
pub fn checked_often() -> LiveConfig {
    LiveConfig {
        messages_burst: 10_000,
        messages_per_second: 10_000.0,
        session_check_every: Duration::from_millis(200),
        presence_flush: Duration::from_millis(20),
        ..LiveConfig::default()
    }
}

/// A person with a password, and a client signed in as them over HTTP.
pub struct Person {
    pub id: PersonId,
    pub email: String,
    pub client: Client,
}

pub async fn person(app: &TestApp, role: Role, name: &str, teams: &[TeamId]) -> Person {
    let email = format!("{}@example.org", uuid::Uuid::new_v4().simple());
    let hash = hallway_server::auth::password::hash(PASSWORD.to_owned())
        .await
        .expect("hashing a password");
    let created = app
        .backend
        .store
        .create_person(NewPerson {
            email: Email::parse(&email).expect("an email"),
            role,
            password_hash: Some(hash),
            active: true,
            profile: starter_profile(DisplayName::parse(name).expect("a name"), None),
            teams: teams.to_vec(),
            joined_at: Utc::now(),
        })
        .await
        .expect("creating a person");
    let client = sign_in(app, &email).await;
    Person {
        id: created.id,
        email,
        client,
    }
}

/// Another session of the same person (another device).
pub async fn sign_in(app: &TestApp, email: &str) -> Client {
    let client = Client::new(&app.url).await;
    let reply = client
        .post(
            "/api/v1/session",
            &json!({"email": email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::OK, "signing in");
    client
}

/// Sends a request and checks that it succeeded.
pub async fn ok(client: &Client, method: Method, path: &str, body: Option<Value>) {
    let reply = client.send(method.clone(), path, body.as_ref()).await;
    let status = reply.status();
    let text = reply.text().await.unwrap_or_default();
    assert!(status.is_success(), "{method} {path}: {status} {text}");
}

/// A signed-in socket that said hello.
pub async fn socket(client: &Client) -> LiveClient {
    LiveClient::connect(client).await.0
}

/// Waits for `bye` and returns its code; then the server ends the socket.
pub async fn bye(live: &mut LiveClient) -> String {
    let code = match live.until(|f| matches!(f, ServerFrame::Bye { .. })).await {
        ServerFrame::Bye { reason } => bye_code(&reason).to_owned(),
        _ => unreachable!(),
    };
    assert!(
        live.ends_within(FRAME_WAIT).await,
        "the socket stays open after bye {code}"
    );
    code
}

/// A new socket on `client`'s session is refused (the session is gone).
pub async fn refused(client: &Client) {
    assert!(
        LiveClient::open_with_origin(client, &client.base)
            .await
            .is_err(),
        "a socket opened after the change was accepted"
    );
}

/// Waits for the server to take `room` away.
pub async fn left(live: &mut LiveClient, room: RoomId) {
    match live
        .until(|f| matches!(f, ServerFrame::Left { room: r, .. } if *r == room))
        .await
    {
        ServerFrame::Left { reason, .. } => assert_eq!(reason, ACCESS_REVOKED),
        _ => unreachable!(),
    }
}

/// Joins `room` and waits for `caught_up`.
pub async fn join(live: &mut LiveClient, room: RoomId) {
    live.send(json!({"type": "join", "room": room, "after": 0}))
        .await;
    live.until(|f| matches!(f, ServerFrame::CaughtUp { room: r, .. } if *r == room))
        .await;
}

/// The rooms of the next `hallway` frame, and whether it names people.
pub async fn hallway(live: &mut LiveClient) -> (Vec<RoomId>, bool) {
    match live
        .until(|f| matches!(f, ServerFrame::Hallway { .. }))
        .await
    {
        ServerFrame::Hallway { rooms, people } => {
            (rooms.iter().map(|r| r.room).collect(), !people.is_empty())
        }
        _ => unreachable!(),
    }
}

/// Posts in `room` as `live` and returns the seq once acknowledged.
pub async fn post(live: &mut LiveClient, room: RoomId, client_id: &str) -> i64 {
    live.send(json!({"type": "send", "room": room, "client_id": client_id, "body": client_id}))
        .await;
    match live
        .until(|f| matches!(f, ServerFrame::Ack { client_id: c, .. } if c == client_id))
        .await
    {
        ServerFrame::Ack { seq, .. } => seq,
        _ => unreachable!(),
    }
}

/// Frames up to the answer of a ping (what the server had queued for the socket by then).
pub async fn until_pong(live: &mut LiveClient) -> Vec<ServerFrame> {
    live.send(json!({"type": "ping", "ref": "sync"})).await;
    let mut frames = Vec::new();
    loop {
        match live.next().await {
            ServerFrame::Pong { reference } if reference.as_deref() == Some("sync") => {
                return frames
            }
            frame => frames.push(frame),
        }
    }
}

/// After access to `room` was taken away, the socket gets none of its events, cannot post
/// there and cannot replay it with `join after=0`. `other` is a socket still in the room.
pub async fn shut_out(live: &mut LiveClient, other: &mut LiveClient, room: RoomId, name: &str) {
    let seq = post(
        other,
        room,
        &format!("after-{}", uuid::Uuid::new_v4().simple()),
    )
    .await;
    other
        .until(|f| matches!(f, ServerFrame::Event(e) if e.seq == seq))
        .await;
    let seen = until_pong(live).await;
    assert!(
        !seen
            .iter()
            .any(|f| matches!(f, ServerFrame::Event(e) if e.room == room)),
        "{name}: an event of a room taken away arrived: {seen:?}"
    );
    live.send(json!({"type": "send", "room": room, "client_id": "late", "body": "still here?"}))
        .await;
    expect_error(live, ErrorCode::NoSuchRoom, name).await;
    live.send(json!({"type": "join", "room": room, "after": 0}))
        .await;
    let frames = expect_error(live, ErrorCode::NoSuchRoom, name).await;
    assert!(
        !frames.iter().any(|f| matches!(f, ServerFrame::Event(_))),
        "{name}: a replay of a room taken away: {frames:?}"
    );
}

/// Waits for an error with `code`; returns the frames before it.
async fn expect_error(live: &mut LiveClient, code: ErrorCode, name: &str) -> Vec<ServerFrame> {
    let mut before = Vec::new();
    loop {
        match live.next().await {
            ServerFrame::Error { code: got, .. } => {
                assert_eq!(got, code, "{name}");
                return before;
            }
            frame => before.push(frame),
        }
    }
}
