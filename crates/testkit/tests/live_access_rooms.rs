//! A live socket loses the rooms its person may no longer enter, at once: a demotion to guest,
//! a removal from a team or from a private room, and a team deleted (its rooms become private)
//! each take the rooms away with a `left` frame, stop their events, refuse posts and
//! `join after=0` replays there, and recompute the hallway's rooms. Runs on every backend.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;

use access::*;
use chrono::Utc;
use hallway_domain::{Role, RoomId, RoomKind, RoomName, TeamId, TeamName};
use hallway_store::NewRoom;
use hallway_testkit::{backends, spawn_live_app, TestApp};
use reqwest::Method;
use serde_json::json;

async fn app(backend: hallway_testkit::TestBackend) -> TestApp {
    spawn_live_app(backend, |_| {}, checked_often()).await
}

async fn room(app: &TestApp, name: &str, kind: RoomKind, team: Option<TeamId>) -> RoomId {
    app.backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse(name).unwrap(),
            topic: String::new(),
            kind,
            team,
            overhearable: kind == RoomKind::Open,
            created_by: None,
            created_at: Utc::now(),
        })
        .await
        .unwrap()
        .id
}

async fn team(app: &TestApp, name: &str) -> TeamId {
    let name = TeamName::parse(name).unwrap();
    app.backend.store.create_team(&name, "").await.unwrap().id
}

#[tokio::test]
async fn a_member_demoted_to_guest_loses_the_open_rooms_and_the_people() {
    for backend in backends().await {
        let app = app(backend).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let admin = person(&app, Role::Admin, "Ada", &[]).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        let mut watcher = socket(&admin.client).await;
        join(&mut watcher, kitchen).await;
        let mut ana_socket = socket(&ana.client).await;
        ana_socket.send(json!({"type": "watch_hallway"})).await;
        assert_eq!(hallway(&mut ana_socket).await.0, vec![kitchen]);
        join(&mut ana_socket, kitchen).await;

        let path = format!("/api/v1/people/{}/role", ana.id);
        ok(
            &admin.client,
            Method::PUT,
            &path,
            Some(json!({"role": "guest"})),
        )
        .await;
        left(&mut ana_socket, kitchen).await;
        let (rooms, sees_people) = hallway(&mut ana_socket).await;
        assert!(rooms.is_empty(), "{}: {rooms:?}", app.name());
        assert!(!sees_people, "{}: a guest is shown people", app.name());
        shut_out(&mut ana_socket, &mut watcher, kitchen, app.name()).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn removal_from_a_team_takes_its_room_away() {
    for backend in backends().await {
        let app = app(backend).await;
        let platform = team(&app, "Platform").await;
        let ops = room(&app, "ops", RoomKind::Team, Some(platform)).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open, None).await;
        let admin = person(&app, Role::Admin, "Ada", &[platform]).await;
        let ana = person(&app, Role::Member, "Ana", &[platform]).await;
        let mut admin_socket = socket(&admin.client).await;
        join(&mut admin_socket, ops).await;
        let mut ana_socket = socket(&ana.client).await;
        join(&mut ana_socket, ops).await;
        join(&mut ana_socket, kitchen).await;

        let path = format!("/api/v1/people/{}/teams", ana.id);
        ok(
            &admin.client,
            Method::PUT,
            &path,
            Some(json!({"teams": []})),
        )
        .await;
        left(&mut ana_socket, ops).await;
        shut_out(&mut ana_socket, &mut admin_socket, ops, app.name()).await;
        // The open room stays hers.
        post(&mut ana_socket, kitchen, "still-in-the-kitchen").await;
        app.finish().await;
    }
}

#[tokio::test]
async fn removal_from_a_private_room_takes_it_away_and_off_the_hallway() {
    for backend in backends().await {
        let app = app(backend).await;
        let vault = room(&app, "vault", RoomKind::Private, None).await;
        let admin = person(&app, Role::Admin, "Ada", &[]).await;
        let ana = person(&app, Role::Member, "Ana", &[]).await;
        for who in [admin.id, ana.id] {
            app.backend.store.add_room_member(vault, who).await.unwrap();
        }
        let mut admin_socket = socket(&admin.client).await;
        join(&mut admin_socket, vault).await;
        let mut ana_socket = socket(&ana.client).await;
        ana_socket.send(json!({"type": "watch_hallway"})).await;
        assert_eq!(hallway(&mut ana_socket).await.0, vec![vault]);
        join(&mut ana_socket, vault).await;

        let path = format!("/api/v1/rooms/{vault}/members/{}", ana.id);
        ok(&admin.client, Method::DELETE, &path, None).await;
        left(&mut ana_socket, vault).await;
        let (rooms, _) = hallway(&mut ana_socket).await;
        assert!(rooms.is_empty(), "{}: {rooms:?}", app.name());
        shut_out(&mut ana_socket, &mut admin_socket, vault, app.name()).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_deleted_teams_rooms_turn_private_and_leave_its_members() {
    for backend in backends().await {
        let app = app(backend).await;
        let platform = team(&app, "Platform").await;
        let ops = room(&app, "ops", RoomKind::Team, Some(platform)).await;
        let admin = person(&app, Role::Admin, "Ada", &[]).await;
        let ana = person(&app, Role::Member, "Ana", &[platform]).await;
        let ben = person(&app, Role::Member, "Ben", &[platform]).await;
        // Ben was invited into the room too: he keeps it.
        app.backend
            .store
            .add_room_member(ops, ben.id)
            .await
            .unwrap();
        let mut ana_socket = socket(&ana.client).await;
        join(&mut ana_socket, ops).await;
        let mut ben_socket = socket(&ben.client).await;
        join(&mut ben_socket, ops).await;

        let path = format!("/api/v1/teams/{platform}");
        ok(&admin.client, Method::DELETE, &path, None).await;
        left(&mut ana_socket, ops).await;
        shut_out(&mut ana_socket, &mut ben_socket, ops, app.name()).await;
        let _ = admin;
        app.finish().await;
    }
}
