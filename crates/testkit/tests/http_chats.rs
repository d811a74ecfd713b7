//! 9-minute chats over HTTP, on every backend: a request reaches its colleague live only when
//! they may be interrupted (held while focusing, delivered when that changes); accepting makes
//! a private room with both people that nobody else can enter; declining tells the asker only
//! "not now"; bad input is named; requests are rate-limited per asker.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use hallway_domain::{PersonId, Role, WorkingHours};
use hallway_protocol::ServerFrame;
use hallway_testkit::{backends, spawn_app, Client, LiveClient, TestApp};
use http::{get, post, store_person, store_session};
use serde_json::{json, Value};

/// A signed-in person whose profile gives no working hours (so the clock never holds their
/// requests), with their HTTP client and an open live socket.
struct Person {
    id: PersonId,
    client: Client,
    live: LiveClient,
}

async fn person(app: &TestApp, role: Role, name: &str) -> Person {
    let id = store_person(app, role, name).await;
    let store = &app.backend.store;
    let mut profile = store.person(id).await.unwrap().profile;
    profile.working_hours = WorkingHours::default();
    store.update_profile(id, &profile).await.unwrap();
    let (_, token) = store_session(app, id).await;
    let client = Client::new(&app.url).await;
    client.add_cookie(&format!("hallway_session={token}"));
    let (live, _) = LiveClient::connect(&client).await;
    Person { id, client, live }
}

async fn ask(from: &Person, to: &Person, topic: &str) -> Value {
    let reply = post(
        &from.client,
        "/api/v1/chats",
        &json!({"colleague": to.id, "topic": topic}),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json()
}

async fn offered(live: &mut LiveClient) -> i64 {
    match live
        .until(|f| matches!(f, ServerFrame::ChatRequest(_)))
        .await
    {
        ServerFrame::ChatRequest(offer) => offer.request.0,
        _ => unreachable!(),
    }
}

async fn answered(live: &mut LiveClient) -> (String, Option<i64>) {
    match live
        .until(|f| matches!(f, ServerFrame::ChatAnswer { .. }))
        .await
    {
        ServerFrame::ChatAnswer { answer, room, .. } => (answer, room.map(|r| r.0)),
        _ => unreachable!(),
    }
}

async fn set_status(live: &mut LiveClient, availability: &str) {
    live.send(json!({"type": "status", "availability": availability, "working_on": ""}))
        .await;
    live.until(|f| matches!(f, ServerFrame::Done { reference: None }))
        .await;
}

#[tokio::test]
async fn accepting_makes_a_private_room_with_both_and_nobody_else() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let mut ada = person(&app, Role::Member, "Ada").await;
        let mut bob = person(&app, Role::Member, "Bob").await;
        let cy = person(&app, Role::Admin, "Cy").await;

        let request = ask(&ada, &bob, "certificate pinning").await;
        assert_eq!(request["state"], "pending");
        assert_eq!(request["colleague_name"], "Bob");
        let id = request["id"].as_i64().unwrap();
        assert_eq!(offered(&mut bob.live).await, id, "Bob hears of it live");
        let incoming = get(&bob.client, "/api/v1/chats").await.json();
        assert_eq!(incoming["incoming"][0]["asker_name"], "Ada", "{incoming}");
        assert_eq!(incoming["incoming"][0]["topic"], "certificate pinning");

        post(
            &cy.client,
            &format!("/api/v1/chats/{id}/accept"),
            &json!({}),
        )
        .await
        .problem(404, "chat request");
        post(
            &ada.client,
            &format!("/api/v1/chats/{id}/accept"),
            &json!({}),
        )
        .await
        .problem(404, "chat request");
        let accepted = post(
            &bob.client,
            &format!("/api/v1/chats/{id}/accept"),
            &json!({}),
        )
        .await;
        assert_eq!(accepted.status, 200, "{}", accepted.text);
        assert_eq!(accepted.json()["state"], "accepted");
        let link = accepted.json()["room"].as_str().unwrap().to_owned();
        let (answer, room) = answered(&mut ada.live).await;
        assert_eq!(answer, "accepted");
        let room = room.expect("the room to join");
        assert_eq!(link, format!("/rooms/{room}"));

        for (who, client) in [("Ada", &ada.client), ("Bob", &bob.client)] {
            let page = get(client, &link).await;
            assert_eq!(
                page.status, 200,
                "{who} enters the chat room: {}",
                page.text
            );
            assert!(
                page.text.contains("voice-join"),
                "{who}: voice is one click away"
            );
        }
        let api_room = format!("/api/v1/rooms/{room}");
        assert_eq!(get(&ada.client, &api_room).await.json()["kind"], "private");
        // Not even an admin who was not asked may enter.
        get(&cy.client, &api_room).await.problem(404, "room");
        assert_eq!(get(&cy.client, &link).await.status, 404);
        post(
            &bob.client,
            &format!("/api/v1/chats/{id}/decline"),
            &json!({}),
        )
        .await
        .problem(409, "already accepted");

        // The fresh chat is in Ada's room list (and the hallway); a chat from yesterday is
        // not, though its room and history stay reachable by link.
        let old = app
            .backend
            .store
            .create_room(hallway_store::NewRoom {
                name: hallway_domain::RoomName::parse("9-minute chat #999").unwrap(),
                topic: "A 9-minute chat".into(),
                kind: hallway_domain::RoomKind::Private,
                team: None,
                overhearable: false,
                created_by: Some(ada.id),
                created_at: chrono::Utc::now() - chrono::Duration::hours(13),
            })
            .await
            .unwrap();
        app.backend
            .store
            .add_room_member(old.id, ada.id)
            .await
            .unwrap();
        let listed = get(&ada.client, "/api/v1/rooms").await;
        let names: Vec<String> = listed
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_owned())
            .collect();
        assert!(names.contains(&format!("9-minute chat #{id}")), "{names:?}");
        assert!(
            !names.contains(&"9-minute chat #999".to_owned()),
            "{names:?}"
        );
        let hallway = get(&ada.client, "/").await.text;
        assert!(!hallway.contains("9-minute chat #999"), "{hallway}");
        assert_eq!(
            get(&ada.client, &format!("/rooms/{}", old.id)).await.status,
            200
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn declining_tells_the_asker_only_not_now() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let mut ada = person(&app, Role::Member, "Ada").await;
        let bob = person(&app, Role::Member, "Bob").await;
        let id = ask(&ada, &bob, "").await["id"].as_i64().unwrap();
        let declined = post(
            &bob.client,
            &format!("/api/v1/chats/{id}/decline"),
            &json!({}),
        )
        .await;
        assert_eq!(declined.json()["state"], "declined", "{}", declined.text);
        let (answer, room) = answered(&mut ada.live).await;
        assert_eq!((answer.as_str(), room), ("not_now", None));
        let seen = get(&ada.client, &format!("/api/v1/chats/{id}")).await;
        assert_eq!(seen.json()["state"], "not_now", "{}", seen.text);
        assert!(!seen.text.contains("declined"), "{}", seen.text);
        let mine = get(&ada.client, "/api/v1/chats").await.json();
        assert_eq!(mine["outgoing"][0]["state"], "not_now");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_request_to_someone_focusing_is_held_until_they_are_not() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let ada = person(&app, Role::Member, "Ada").await;
        let mut bob = person(&app, Role::Member, "Bob").await;
        set_status(&mut bob.live, "focusing").await;
        let id = ask(&ada, &bob, "rollout").await["id"].as_i64().unwrap();
        let listed = get(&bob.client, "/api/v1/chats").await.json();
        assert_eq!(
            listed["incoming"],
            json!([]),
            "held while focusing: {listed}"
        );
        assert_eq!(listed["held"], true);

        bob.live
            .send(json!({"type": "status", "availability": "open_to_chat", "working_on": ""}))
            .await;
        let mut before_done = Vec::new();
        loop {
            let frame = bob.live.next().await;
            if matches!(frame, ServerFrame::Done { reference: None }) {
                break;
            }
            before_done.push(frame);
        }
        assert!(
            !before_done
                .iter()
                .any(|f| matches!(f, ServerFrame::ChatRequest(_))),
            "nothing arrived while Bob was focusing: {before_done:?}"
        );
        assert_eq!(
            offered(&mut bob.live).await,
            id,
            "delivered once Bob is open"
        );
        let listed = get(&bob.client, "/api/v1/chats").await.json();
        assert_eq!(listed["incoming"][0]["id"], json!(id), "{listed}");
        app.finish().await;
    }
}

#[tokio::test]
async fn bad_chat_requests_are_named_and_askers_are_rate_limited() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let ada = person(&app, Role::Member, "Ada").await;
        let bob = person(&app, Role::Member, "Bob").await;
        let guest = person(&app, Role::Guest, "Gus").await;
        let path = "/api/v1/chats";
        let long = "x".repeat(121);
        post(
            &ada.client,
            path,
            &json!({"colleague": bob.id, "topic": long}),
        )
        .await
        .problem(422, "topic");
        post(&ada.client, path, &json!({"colleague": 99_999}))
            .await
            .problem(404, "colleague");
        post(&ada.client, path, &json!({"colleague": ada.id}))
            .await
            .problem(422, "yourself");
        post(&ada.client, path, &json!({"topic": "hi"}))
            .await
            .problem(400, "colleague");
        post(
            &ada.client,
            path,
            &json!({"colleague": bob.id, "when": "now"}),
        )
        .await
        .problem(400, "when");
        post(&guest.client, path, &json!({"colleague": bob.id}))
            .await
            .problem(403, "");
        ask(&ada, &bob, "").await;
        post(&ada.client, path, &json!({"colleague": bob.id}))
            .await
            .problem(409, "already asked");
        for n in 0..4 {
            let other = person(&app, Role::Member, &format!("Other {n}")).await;
            ask(&ada, &other, "").await;
        }
        let more = person(&app, Role::Member, "One Too Many").await;
        post(&ada.client, path, &json!({"colleague": more.id}))
            .await
            .problem(429, "an hour");
        app.finish().await;
    }
}
