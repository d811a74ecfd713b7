//! A live socket keeps no power its session lost: signing out, a session revoked from another
//! device, a password change, an expired session, sessions ended behind the server's back (as
//! `hallway admin reset-password` does), deactivation and account deletion each close the
//! affected sockets with a `bye` naming why, and the session opens no new one. One person holds
//! at most 8 sockets. Runs on every backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;

use access::*;
use chrono::{Duration, Utc};
use hallway_domain::{Role, RoomKind, RoomName};
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewRoom, NewSession};
use hallway_testkit::{backends, spawn_live_app, Client, LiveClient, TestApp, FRAME_WAIT};
use reqwest::Method;
use serde_json::json;

async fn app(backend: hallway_testkit::TestBackend) -> TestApp {
    spawn_live_app(backend, |_| {}, checked_often()).await
}

async fn kitchen(app: &TestApp) -> hallway_domain::RoomId {
    app.backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse("kitchen").unwrap(),
            topic: String::new(),
            kind: RoomKind::Open,
            team: None,
            overhearable: true,
            created_by: None,
            created_at: Utc::now(),
        })
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn signing_out_closes_that_sessions_sockets_and_no_other() {
    for backend in backends().await {
        let app = app(backend).await;
        let room = kitchen(&app).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let laptop = sign_in(&app, &ana.email).await;
        let (mut phone_socket, mut laptop_socket) =
            (socket(&ana.client).await, socket(&laptop).await);
        join(&mut phone_socket, room).await;
        join(&mut laptop_socket, room).await;

        ok(&ana.client, Method::DELETE, "/api/v1/session", None).await;
        assert_eq!(bye(&mut phone_socket).await, "signed_out", "{}", app.name());
        refused(&ana.client).await;
        // The laptop's session is another one: its socket carries on and still posts.
        post(&mut laptop_socket, room, "from-the-laptop").await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_session_revoked_from_another_device_ends_its_sockets() {
    for backend in backends().await {
        let app = app(backend).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let stolen = sign_in(&app, &ana.email).await;
        let mut stolen_socket = socket(&stolen).await;
        let mut own_socket = socket(&ana.client).await;

        let sessions: serde_json::Value = ana
            .client
            .get("/api/v1/me/sessions")
            .await
            .json()
            .await
            .unwrap();
        let other = sessions
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["current"] == json!(false))
            .expect("the other session")["id"]
            .as_i64()
            .unwrap();
        let path = format!("/api/v1/me/sessions/{other}");
        ok(&ana.client, Method::DELETE, &path, None).await;
        assert_eq!(
            bye(&mut stolen_socket).await,
            "session_ended",
            "{}",
            app.name()
        );
        refused(&stolen).await;
        until_pong(&mut own_socket).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_sockets() {
    for backend in backends().await {
        let app = app(backend).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let other = sign_in(&app, &ana.email).await;
        let mut other_socket = socket(&other).await;
        let mut own_socket = socket(&ana.client).await;
        let body = json!({"current_password": PASSWORD, "new_password": "a brand new secret"});
        ok(&ana.client, Method::PUT, "/api/v1/me/password", Some(body)).await;
        assert_eq!(
            bye(&mut other_socket).await,
            "session_ended",
            "{}",
            app.name()
        );
        refused(&other).await;
        until_pong(&mut own_socket).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn sessions_ended_behind_the_servers_back_or_expired_close_within_the_check() {
    for backend in backends().await {
        let app = app(backend).await;
        let store = app.backend.store.clone();
        // What `hallway admin reset-password` does from another process: no bus message.
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let mut reset_socket = socket(&ana.client).await;
        store.delete_sessions_of(ana.id).await.unwrap();
        assert_eq!(
            bye(&mut reset_socket).await,
            "session_ended",
            "{}",
            app.name()
        );

        // A session that expires while its socket is open.
        let ben = person(&app, Role::Member, "Ben", &[]).await;
        let token = new_token();
        store
            .create_session(NewSession {
                person: ben.id,
                token_hash: token_hash(&token),
                user_agent: "short".into(),
                created_at: Utc::now(),
                expires_at: Utc::now() + Duration::seconds(3),
            })
            .await
            .unwrap();
        let short = Client::new(&app.url).await;
        short.add_cookie(&format!("hallway_session={token}"));
        let mut short_socket = socket(&short).await;
        let code = match short_socket
            .until(|f| matches!(f, hallway_protocol::ServerFrame::Bye { .. }))
            .await
        {
            hallway_protocol::ServerFrame::Bye { reason } => reason,
            _ => unreachable!(),
        };
        assert!(code.starts_with("session_ended"), "{}: {code}", app.name());
        assert!(short_socket.ends_within(FRAME_WAIT).await);
        app.finish().await;
    }
}

#[tokio::test]
async fn deactivation_and_deletion_close_every_socket_of_the_account() {
    for backend in backends().await {
        let app = app(backend).await;
        let admin = person(&app, Role::Admin, "Ada", &[]).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let phone = sign_in(&app, &ana.email).await;
        let (mut first, mut second) = (socket(&ana.client).await, socket(&phone).await);
        let path = format!("/api/v1/people/{}/deactivate", ana.id);
        ok(&admin.client, Method::POST, &path, None).await;
        assert_eq!(bye(&mut first).await, "account_closed", "{}", app.name());
        assert_eq!(bye(&mut second).await, "account_closed", "{}", app.name());
        refused(&ana.client).await;

        let ben = person(&app, Role::Member, "Ben", &[]).await;
        let mut ben_socket = socket(&ben.client).await;
        let body = json!({"password": PASSWORD});
        ok(&ben.client, Method::DELETE, "/api/v1/me", Some(body)).await;
        assert_eq!(
            bye(&mut ben_socket).await,
            "account_closed",
            "{}",
            app.name()
        );
        refused(&ben.client).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn one_person_holds_at_most_eight_sockets() {
    for backend in backends().await {
        let app = app(backend).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let mut open = Vec::new();
        for _ in 0..8 {
            open.push(socket(&ana.client).await);
        }
        let mut ninth = LiveClient::open(&ana.client).await;
        let code = bye(&mut ninth).await;
        assert_eq!(code, "too_many_connections", "{}", app.name());
        // The eight carry on; closing one makes room for another.
        until_pong(&mut open[7]).await;
        open.pop().unwrap().close().await;
        let deadline = tokio::time::Instant::now() + FRAME_WAIT;
        loop {
            let metrics = ana.client.get("/metrics").await.text().await.unwrap();
            if metrics.contains("hallway_live_connections 7\n") {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{}: the closed socket stays",
                app.name()
            );
            tokio::task::yield_now().await;
        }
        let mut again = socket(&ana.client).await;
        until_pong(&mut again).await;
        app.finish().await;
    }
}
