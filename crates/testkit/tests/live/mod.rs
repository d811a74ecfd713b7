//! Shared helpers for the live-protocol suites: people and rooms made straight in the store,
//! signed-in clients, and a few frame matchers.

#![allow(dead_code)]

use chrono::{Duration, Utc};
use hallway_domain::{DisplayName, Email, PersonId, Role, RoomId, RoomKind, RoomName, TeamId};
use hallway_live::LiveConfig;
use hallway_protocol::{ErrorCode, ServerFrame};
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewPerson, NewRoom, NewSession, RoomEvent, RoomEventKind};
use hallway_testkit::{spawn_live_app, Client, LiveClient, TestApp, TestBackend};
use serde_json::json;

/// A hub with limits loose enough for tests that send many messages.
pub fn roomy() -> LiveConfig {
    LiveConfig {
        messages_burst: 100_000,
        messages_per_second: 100_000.0,
        presence_flush: std::time::Duration::from_millis(20),
        ..LiveConfig::default()
    }
}

pub async fn app(backend: TestBackend, live: LiveConfig) -> TestApp {
    spawn_live_app(backend, |_| {}, live).await
}

/// A person (made in the store, signed in by cookie) and their HTTP client.
pub struct Someone {
    pub id: PersonId,
    pub client: Client,
}

pub async fn someone(app: &TestApp, role: Role, name: &str, teams: &[TeamId]) -> Someone {
    let store = &app.backend.store;
    let email = format!("{}@example.org", uuid::Uuid::new_v4().simple());
    let person = store
        .create_person(NewPerson {
            email: Email::parse(&email).expect("an email"),
            role,
            password_hash: None,
            active: true,
            profile: starter_profile(DisplayName::parse(name).expect("a name"), None),
            teams: teams.to_vec(),
            joined_at: Utc::now(),
        })
        .await
        .expect("creating a person");
    let token = new_token();
    store
        .create_session(NewSession {
            person: person.id,
            token_hash: token_hash(&token),
            user_agent: "live test".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + Duration::days(1),
        })
        .await
        .expect("creating a session");
    let client = Client::new(&app.url).await;
    client.add_cookie(&format!("hallway_session={token}"));
    Someone {
        id: person.id,
        client,
    }
}

pub async fn room(app: &TestApp, name: &str, kind: RoomKind, team: Option<TeamId>) -> RoomId {
    app.backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse(name).expect("a room name"),
            topic: format!("the {name}"),
            kind,
            team,
            overhearable: kind == RoomKind::Open,
            created_by: None,
            created_at: Utc::now(),
        })
        .await
        .expect("creating a room")
        .id
}

/// Joins `room` (optionally resuming after `after`) and returns the seq it caught up to.
pub async fn join(live: &mut LiveClient, room: RoomId, after: Option<i64>) -> i64 {
    live.send(json!({"type": "join", "room": room, "after": after}))
        .await;
    match live
        .until(|f| matches!(f, ServerFrame::CaughtUp { room: r, .. } if *r == room))
        .await
    {
        ServerFrame::CaughtUp { seq, .. } => seq,
        _ => unreachable!(),
    }
}

pub async fn say(live: &mut LiveClient, room: RoomId, client_id: &str, body: &str) {
    live.send(json!({"type": "send", "room": room, "client_id": client_id, "body": body}))
        .await;
}

/// Waits for the ack of `client_id`: (seq, duplicate).
pub async fn ack(live: &mut LiveClient, client_id: &str) -> (i64, bool) {
    match live
        .until(|f| matches!(f, ServerFrame::Ack { client_id: c, .. } if c == client_id))
        .await
    {
        ServerFrame::Ack { seq, duplicate, .. } => (seq, duplicate),
        _ => unreachable!(),
    }
}

/// The next room event (skipping presence and other frames).
pub async fn event(live: &mut LiveClient) -> RoomEvent {
    match live.until(|f| matches!(f, ServerFrame::Event(_))).await {
        ServerFrame::Event(event) => event,
        _ => unreachable!(),
    }
}

pub fn body_of(event: &RoomEvent) -> &str {
    match &event.kind {
        RoomEventKind::Posted { body, .. } | RoomEventKind::Edited { body, .. } => body,
        _ => "",
    }
}

/// Waits for an error frame and returns its code and message.
pub async fn error(live: &mut LiveClient) -> (ErrorCode, String) {
    match live.until(|f| matches!(f, ServerFrame::Error { .. })).await {
        ServerFrame::Error { code, message, .. } => (code, message),
        _ => unreachable!(),
    }
}

/// The connection still answers.
pub async fn still_answers(live: &mut LiveClient) {
    live.send(json!({"type": "ping", "ref": "alive"})).await;
    live.until(
        |f| matches!(f, ServerFrame::Pong { reference } if reference.as_deref() == Some("alive")),
    )
    .await;
}
