//! Rooms over the API, on every backend: who sees and creates which rooms, invitations, and
//! scroll-back. A room someone may not enter answers 404, exactly like a missing one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use chrono::Utc;
use hallway_domain::{ClientMessageId, MessageBody, PersonId, RoomId};
use hallway_store::NewMessage;
use hallway_testkit::{backends, spawn_app, TestApp};
use http::{delete, get, org, post, store_team, Org};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn names(rooms: &Value) -> Vec<String> {
    rooms
        .as_array()
        .expect("a list of rooms")
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn create(org_member: &hallway_testkit::Client, body: Value) -> Value {
    let reply = post(org_member, "/api/v1/rooms", &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json()
}

async fn post_messages(app: &TestApp, room: i64, author: i64, count: usize) {
    for n in 1..=count {
        app.backend
            .store
            .post_message(NewMessage {
                room: RoomId(room),
                author: PersonId(author),
                client_id: ClientMessageId::parse(&format!("c{n}")).unwrap(),
                body: MessageBody::parse(&format!("message {n}")).unwrap(),
                reply_to: None,
                at: Utc::now(),
            })
            .await
            .unwrap();
    }
}

async fn team_of(app: &TestApp, org: &Org) -> i64 {
    let team = store_team(app).await;
    app.backend
        .store
        .set_person_teams(PersonId(org.member.id), &[team])
        .await
        .unwrap();
    team.0
}

#[tokio::test]
async fn walls_decide_who_sees_and_creates_rooms() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let team = team_of(&app, &org).await;

        let kitchen = create(
            &org.member.client,
            json!({"name": "Kitchen", "topic": "coffee", "kind": "open"}),
        )
        .await;
        assert_eq!(kitchen["overhearable"], json!(true), "{name}");
        assert_eq!(kitchen["last_seq"], json!(0), "{name}");
        let secret = create(
            &org.member.client,
            json!({"name": "Secret", "kind": "private"}),
        )
        .await;
        let platform = create(
            &org.member.client,
            json!({"name": "Platform", "kind": "team", "team": team}),
        )
        .await;

        // Someone outside the team may not open a room for it; an admin may.
        post(
            &org.guest.client,
            "/api/v1/rooms",
            &json!({"name": "Guest room"}),
        )
        .await
        .problem(403, "guests");
        let refused = json!({"name": "Not mine", "kind": "team", "team": team});
        let other = http::join(&app, &org.owner.client, "member", "x@example.org", "X").await;
        post(&other.client, "/api/v1/rooms", &refused)
            .await
            .problem(403, "team");
        let by_admin = json!({"name": "Admin's", "kind": "team", "team": team});
        assert_eq!(
            post(&org.admin.client, "/api/v1/rooms", &by_admin)
                .await
                .status,
            StatusCode::CREATED,
            "{name}"
        );
        // Bad input names its field; a taken name is a conflict.
        let bad = post(
            &org.member.client,
            "/api/v1/rooms",
            &json!({"name": "Z", "kind": "team"}),
        )
        .await
        .problem(422, "team");
        assert_eq!(bad["field"], json!("team"));
        post(
            &org.member.client,
            "/api/v1/rooms",
            &json!({"name": "kitchen"}),
        )
        .await
        .problem(409, "kitchen");

        // The creator sees all three; the other member only the open one; the guest none.
        let mine = names(&get(&org.member.client, "/api/v1/rooms").await.json());
        for room in ["Kitchen", "Secret", "Platform"] {
            assert!(mine.contains(&room.to_owned()), "{name}: {mine:?}");
        }
        let theirs = names(&get(&other.client, "/api/v1/rooms").await.json());
        assert!(theirs.contains(&"Kitchen".to_owned()), "{name}: {theirs:?}");
        assert!(!theirs.contains(&"Secret".to_owned()), "{name}: {theirs:?}");
        assert!(
            !theirs.contains(&"Platform".to_owned()),
            "{name}: {theirs:?}"
        );
        assert!(names(&get(&org.guest.client, "/api/v1/rooms").await.json()).is_empty());

        // A room one may not enter is 404, like one that does not exist.
        let secret_path = format!("/api/v1/rooms/{}", secret["id"]);
        get(&other.client, &secret_path).await.problem(404, "room");
        get(&other.client, "/api/v1/rooms/999999")
            .await
            .problem(404, "room");
        get(&other.client, &format!("{secret_path}/messages"))
            .await
            .problem(404, "room");
        let shown = get(&org.member.client, &secret_path).await.json();
        assert_eq!(shown["members"], json!([org.member.id]), "{name}");

        // Invitations: the guest is let into the kitchen and the secret room, then leaves one.
        let invite = json!({"person": org.guest.id});
        post(&other.client, &format!("{secret_path}/members"), &invite)
            .await
            .problem(404, "room");
        for room in [&kitchen, &secret] {
            let path = format!("/api/v1/rooms/{}/members", room["id"]);
            let reply = post(&org.member.client, &path, &invite).await;
            assert_eq!(reply.status, StatusCode::OK, "{name}: {}", reply.text);
        }
        post(
            &org.member.client,
            &format!("{secret_path}/members"),
            &json!({"person": 999999}),
        )
        .await
        .problem(404, "person");
        let guest_sees = names(&get(&org.guest.client, "/api/v1/rooms").await.json());
        assert_eq!(guest_sees, vec!["Kitchen", "Secret"], "{name}");
        let leave = format!("{secret_path}/members/{}", org.guest.id);
        // Someone else may not remove the guest; the guest may leave.
        delete(&other.client, &leave).await.problem(404, "room");
        let other_path = format!("{secret_path}/members/{}", org.member.id);
        delete(&org.guest.client, &other_path)
            .await
            .problem(403, "creator");
        assert_eq!(
            delete(&org.guest.client, &leave).await.status,
            StatusCode::NO_CONTENT
        );
        get(&org.guest.client, &secret_path)
            .await
            .problem(404, "room");
        let _ = platform;
        app.finish().await;
    }
}

#[tokio::test]
async fn scroll_back_pages_through_history() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let room = create(&org.member.client, json!({"name": "Porch"})).await;
        let id = room["id"].as_i64().unwrap();
        post_messages(&app, id, org.member.id, 7).await;

        let path = format!("/api/v1/rooms/{id}/messages");
        let all = get(&org.member.client, &path).await.json();
        assert_eq!(all["messages"].as_array().unwrap().len(), 7, "{name}");
        assert_eq!(all["before"], Value::Null, "{name}: everything fits");

        let newest = get(&org.member.client, &format!("{path}?limit=3"))
            .await
            .json();
        let seqs: Vec<i64> = newest["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["seq"].as_i64().unwrap())
            .collect();
        assert_eq!(seqs, vec![5, 6, 7], "{name}: newest page, oldest first");
        assert_eq!(newest["before"], json!(5), "{name}");
        let older = get(&org.member.client, &format!("{path}?before=5&limit=3"))
            .await
            .json();
        assert_eq!(older["messages"][0]["body"], json!("message 2"), "{name}");
        assert_eq!(
            get(&org.member.client, &format!("/api/v1/rooms/{id}"))
                .await
                .json()["last_seq"],
            json!(7),
            "{name}"
        );

        for (query, field) in [
            ("limit=201", "limit"),
            ("limit=0", "limit"),
            ("before=0", "before"),
            ("before=x", "before"),
        ] {
            let problem = get(&org.member.client, &format!("{path}?{query}"))
                .await
                .problem(422, field);
            assert_eq!(problem["field"], json!(field), "{name}: {query}");
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn pages_show_only_rooms_one_may_enter() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let name = app.name();
        let org = org(&app).await;
        let open = create(
            &org.member.client,
            json!({"name": "Kitchen", "topic": "coffee & <b>whatever</b>"}),
        )
        .await;
        let secret = create(
            &org.member.client,
            json!({"name": "Hush", "kind": "private"}),
        )
        .await;
        post_messages(&app, open["id"].as_i64().unwrap(), org.member.id, 1).await;

        // The hallway is the front page for people signed in; text is escaped.
        let hallway = get(&org.admin.client, "/").await;
        assert_eq!(hallway.status, StatusCode::OK, "{name}");
        assert!(hallway.text.contains("Kitchen"), "{name}");
        assert!(
            hallway
                .text
                .contains("coffee &#38; &#60;b&#62;whatever&#60;/b&#62;"),
            "{name}: the topic is escaped"
        );
        assert!(!hallway.text.contains("<b>whatever"), "{name}");
        assert!(
            hallway.text.contains("message 1"),
            "{name}: the overheard line"
        );
        assert!(!hallway.text.contains("Hush"), "{name}: no private room");
        assert_eq!(
            get(&org.admin.client, "/hallway").await.status,
            StatusCode::OK
        );

        // A room page one may not enter is a 404 page, like a missing one.
        let page = get(&org.admin.client, &format!("/rooms/{}", secret["id"])).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{name}");
        let page = get(&org.member.client, &format!("/rooms/{}", secret["id"])).await;
        assert_eq!(page.status, StatusCode::OK, "{name}");
        let page = get(&org.admin.client, &format!("/rooms/{}", open["id"])).await;
        assert!(page.text.contains("message 1"), "{name}: history shown");

        // The new-room form creates a room and leads into it.
        let reply = http::form(
            &org.member.client,
            "/rooms",
            &[("name", "Porch"), ("kind", "open"), ("overhearable", "on")],
        )
        .await;
        assert!(reply.status.is_redirection(), "{name}: {}", reply.text);
        assert!(reply.location().starts_with("/rooms/"), "{name}");
        let taken = http::form(&org.member.client, "/rooms", &[("name", "porch")]).await;
        assert_eq!(taken.status, StatusCode::CONFLICT, "{name}");
        assert!(taken.text.contains("already exists"), "{name}");
        app.finish().await;
    }
}
