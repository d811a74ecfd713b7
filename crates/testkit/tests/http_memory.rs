//! The finder over HTTP, on every backend: notes (members write, authors alone change them,
//! guests are refused), the "don't suggest me" choice, and asking — people with a reason and
//! snippets linking to the room message or the note, within the asker's walls.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod http;

use hallway_domain::{ClientMessageId, MessageBody, PersonId, RoomKind, RoomName};
use hallway_store::{NewMessage, NewRoom};
use hallway_testkit::{backends, spawn_app, TestApp};
use http::{delete, get, org, post, put};
use serde_json::{json, Value};

fn note(title: &str) -> Value {
    json!({
        "kind": "solved",
        "title": title,
        "body": "Pin the intermediate certificate, not the leaf: it survives rotations.",
        "tags": ["android", "TLS", "tls"],
    })
}

async fn room(app: &TestApp, name: &str, kind: RoomKind) -> hallway_store::Room {
    app.backend
        .store
        .create_room(NewRoom {
            name: RoomName::parse(name).unwrap(),
            topic: String::new(),
            kind,
            team: None,
            overhearable: false,
            created_by: None,
            created_at: chrono::Utc::now(),
        })
        .await
        .unwrap()
}

async fn say(app: &TestApp, room: &hallway_store::Room, author: i64, client: &str, text: &str) {
    app.backend
        .store
        .post_message(NewMessage {
            room: room.id,
            author: PersonId(author),
            client_id: ClientMessageId::parse(client).unwrap(),
            body: MessageBody::parse(text).unwrap(),
            reply_to: None,
            at: chrono::Utc::now(),
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn notes_are_written_by_members_and_changed_by_their_authors() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let created = post(&org.member.client, "/api/v1/notes", &note("Pinning")).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let body = created.json();
        assert_eq!(
            body["tags"],
            json!(["android", "tls"]),
            "tags are checked and merged"
        );
        assert_eq!(body["author"], json!(org.member.id));
        let id = body["id"].as_i64().unwrap();
        let path = format!("/api/v1/notes/{id}");

        let read = get(&org.admin.client, &path).await;
        assert_eq!(read.json()["title"], "Pinning", "{}", read.text);
        put(&org.admin.client, &path, &note("Mine now"))
            .await
            .problem(403, "only its author");
        delete(&org.owner.client, &path)
            .await
            .problem(403, "only its author");
        get(&org.guest.client, "/api/v1/notes")
            .await
            .problem(403, "");
        post(&org.guest.client, "/api/v1/notes", &note("Guest"))
            .await
            .problem(403, "");

        let mut bad = note("x");
        bad["title"] = json!("t".repeat(121));
        let problem = post(&org.member.client, "/api/v1/notes", &bad)
            .await
            .problem(422, "at most 120");
        assert_eq!(problem["field"], "title");
        bad = note("x");
        bad["kind"] = json!("howto");
        post(&org.member.client, "/api/v1/notes", &bad)
            .await
            .problem(422, "solved or learned");

        let edited = put(&org.member.client, &path, &note("Pinning, again")).await;
        assert_eq!(edited.json()["title"], "Pinning, again", "{}", edited.text);
        for i in 0..3 {
            post(
                &org.admin.client,
                "/api/v1/notes",
                &note(&format!("More {i}")),
            )
            .await;
        }
        let page = get(&org.member.client, "/api/v1/notes?limit=2")
            .await
            .json();
        let titles: Vec<&str> = page["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["More 2", "More 1"]);
        let next = page["next_before"].as_i64().unwrap();
        let rest = get(&org.member.client, &format!("/api/v1/notes?before={next}")).await;
        assert_eq!(
            rest.json()["notes"].as_array().unwrap().len(),
            2,
            "{}",
            rest.text
        );
        assert_eq!(rest.json()["next_before"], Value::Null);

        assert_eq!(delete(&org.member.client, &path).await.status, 204);
        get(&org.member.client, &path).await.problem(404, "note");
        app.finish().await;
    }
}

#[tokio::test]
async fn asking_finds_people_within_walls_and_respects_the_opt_out() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let org = org(&app).await;
        let kitchen = room(&app, "kitchen", RoomKind::Open).await;
        let secret = room(&app, "secret", RoomKind::Private).await;
        let owner = org.owner.id;
        let store = &app.backend.store;
        store
            .add_room_member(secret.id, PersonId(owner))
            .await
            .unwrap();
        say(
            &app,
            &kitchen,
            org.admin.id,
            "a1",
            "The zeppelin deploy needs a lockfile",
        )
        .await;
        say(
            &app,
            &secret,
            owner,
            "o1",
            "Zeppelin secrets live in the vault",
        )
        .await;
        let written = post(
            &org.member.client,
            "/api/v1/notes",
            &note("Zeppelin pinning"),
        )
        .await;
        let note_id = written.json()["id"].as_i64().unwrap();
        app.finder.sync().await.unwrap();

        let question = json!({"question": "zeppelin?", "limit": 5});
        let asked = post(&org.member.client, "/api/v1/ask", &question).await;
        assert_eq!(asked.status, 200, "{}", asked.text);
        let people = asked.json()["people"].as_array().unwrap().clone();
        let ids: Vec<i64> = people
            .iter()
            .map(|p| p["person"].as_i64().unwrap())
            .collect();
        assert!(ids.contains(&org.admin.id), "{people:#?}");
        assert!(
            !ids.contains(&owner),
            "the private room stays private: {people:#?}"
        );
        assert!(!ids.contains(&org.member.id), "never the asker");
        let admin = people
            .iter()
            .find(|p| p["person"] == json!(org.admin.id))
            .unwrap();
        assert!(
            admin["reason"]
                .as_str()
                .unwrap()
                .contains("related message"),
            "{admin}"
        );
        let snippet = &admin["evidence"][0];
        assert_eq!(snippet["room"]["name"], "kitchen", "{snippet}");
        assert!(snippet["link"]
            .as_str()
            .unwrap()
            .starts_with(&format!("/rooms/{}#m-", kitchen.id)));
        assert!(!asked.text.contains("vault"), "{}", asked.text);
        assert!(
            !asked.text.contains("\"score\""),
            "scores are not shown: {}",
            asked.text
        );

        let asked = post(&org.admin.client, "/api/v1/ask", &question)
            .await
            .json();
        let member = asked["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["person"] == json!(org.member.id))
            .expect("the note's author");
        assert_eq!(member["evidence"][0]["link"], format!("/notes/{note_id}"));
        assert_eq!(member["evidence"][0]["title"], "Zeppelin pinning");

        let guest = post(&org.guest.client, "/api/v1/ask", &question)
            .await
            .json();
        assert_eq!(
            guest["people"],
            json!([]),
            "guests read neither the kitchen nor notes"
        );

        let choice = put(
            &org.admin.client,
            "/api/v1/me/suggestions",
            &json!({"opted_out": true}),
        )
        .await;
        assert_eq!(choice.json(), json!({"opted_out": true}));
        let shown = get(&org.admin.client, "/api/v1/me/suggestions")
            .await
            .json();
        assert_eq!(shown, json!({"opted_out": true}));
        let asked = post(&org.member.client, "/api/v1/ask", &question).await;
        assert!(
            !asked.text.contains(&format!("\"person\":{}", org.admin.id)),
            "{}",
            asked.text
        );
        let export = get(&org.admin.client, "/api/v1/me/export").await.json();
        assert_eq!(
            export["data"]["memory"]["suggestions_opted_out"],
            json!(true)
        );

        let empty = post(
            &org.member.client,
            "/api/v1/ask",
            &json!({"question": "  "}),
        )
        .await;
        assert_eq!(empty.problem(422, "must not be empty")["field"], "question");
        let long = json!({"question": "why ".repeat(600)});
        post(&org.member.client, "/api/v1/ask", &long)
            .await
            .problem(422, "at most 2000");
        app.finish().await;
    }
}
