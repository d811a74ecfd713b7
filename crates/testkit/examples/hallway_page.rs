//! Measures the hallway page with 500 people and 60 rooms (docs/benchmarks.md): the server's
//! render time (`GET /` over loopback, the page's whole server work) and, in headless Chromium,
//! when the page is interactive (`domContentLoadedEventEnd`: every module ran and bound its
//! handlers) and when the live picture is on screen (the `hallway-live` mark of hallway.js).
//!
//! `cargo run --release -p hallway-testkit --example hallway_page -- [views]`
//! On SQLite always, on PostgreSQL too when `HALLWAY_TEST_POSTGRES_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // measurement tooling, like the tests

use std::time::{Duration, Instant};

use chrono::Utc;
use hallway_domain::{
    Availability, ClientMessageId, MessageBody, PersonId, RoomKind, RoomName, Status,
};
use hallway_store::{NewMessage, NewRoom, NewSession, PeopleQuery, Store};
use hallway_testkit::{backends, open_signed_in, spawn_app, Browser, Client, LiveClient};
use serde_json::json;

const PEOPLE: usize = 500;
const ROOMS: usize = 60;
/// People with the hallway open in a room during the measurement (two per room).
const PRESENT: usize = 120;

async fn seed(store: &dyn Store) -> Vec<PersonId> {
    let org = hallway_seed::generated_company(PEOPLE, 12, 8, 7).expect("a generated company");
    hallway::demo::seed(store, &org, "not-a-password-hash")
        .await
        .expect("seeding people");
    let people: Vec<PersonId> = store
        .search_people(&PeopleQuery::default())
        .await
        .expect("the directory")
        .iter()
        .map(|p| p.id)
        .collect();
    let now = Utc::now();
    for i in 0..ROOMS {
        let room = store
            .create_room(NewRoom {
                name: RoomName::parse(&format!("Room {i:02}")).unwrap(),
                topic: format!("Everything about topic {i}"),
                kind: RoomKind::Open,
                team: None,
                overhearable: true,
                created_by: None,
                created_at: now,
            })
            .await
            .expect("a room");
        for n in 0..5 {
            let author = people[(i * 7 + n) % people.len()];
            store
                .post_message(NewMessage {
                    room: room.id,
                    author,
                    client_id: ClientMessageId::parse(&format!("bench-{i}-{n}")).unwrap(),
                    body: MessageBody::parse(&format!("Line {n} in room {i}: the deploy is green"))
                        .unwrap(),
                    reply_to: None,
                    at: now,
                })
                .await
                .expect("a message");
        }
    }
    for (i, person) in people.iter().enumerate().step_by(3) {
        let availability = Availability::ALL[i % 4];
        let status = Status::new(availability, None, "the quarterly report", now).unwrap();
        store.set_status(*person, &status, now).await.unwrap();
    }
    people
}

async fn session(store: &dyn Store, person: PersonId) -> String {
    let token = hallway_server::auth::new_token();
    store
        .create_session(NewSession {
            person,
            token_hash: hallway_server::auth::token_hash(&token),
            user_agent: "hallway page bench".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::days(1),
        })
        .await
        .expect("a session");
    token
}

fn summary(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {label}: median {:.1} ms, p95 {:.1} ms, min {:.1} ms ({} runs)",
        at(0.5),
        at(0.95),
        ms[0],
        ms.len()
    );
}

#[tokio::main]
async fn main() {
    let views: usize = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let browser = Browser::start().await;
    for backend in backends().await {
        let started = Instant::now();
        let people = seed(backend.store.as_ref()).await;
        let viewer = people[0];
        let app = spawn_app(backend, |_| {}).await;
        println!(
            "{}: {PEOPLE} people, {ROOMS} rooms, {PRESENT} present (seeded in {:.1} s)",
            app.name(),
            started.elapsed().as_secs_f64()
        );
        let mut present = Vec::new();
        for (i, person) in people.iter().skip(1).take(PRESENT).enumerate() {
            let client = Client::new(&app.url).await;
            let token = session(app.backend.store.as_ref(), *person).await;
            client.add_cookie(&format!("hallway_session={token}"));
            let (mut live, _) = LiveClient::connect(&client).await;
            let rooms = app.backend.store.rooms().await.unwrap();
            live.send(json!({"type": "join", "room": rooms[i % ROOMS].id}))
                .await;
            present.push(live);
        }

        let token = session(app.backend.store.as_ref(), viewer).await;
        let client = Client::new(&app.url).await;
        client.add_cookie(&format!("hallway_session={token}"));
        let mut server = Vec::new();
        for _ in 0..views {
            let start = Instant::now();
            let response = client.get("/").await;
            assert!(response.status().is_success(), "GET / failed");
            let body = response.text().await.unwrap();
            server.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(body.contains("Room 59"), "the page lists every room");
        }
        summary("server render, GET / (HTTP over loopback)", server);

        if let Some(browser) = &browser {
            let page = browser.session().await;
            open_signed_in(&page, &app.url, &token, "/").await;
            let (mut interactive, mut live_shown) = (Vec::new(), Vec::new());
            for _ in 0..views.min(20) {
                page.goto(&format!("{}/", app.url)).await.unwrap();
                let deadline = Instant::now() + Duration::from_secs(20);
                let timing = loop {
                    let value = page
                        .execute(
                            "const n = performance.getEntriesByType('navigation')[0];\
                             const m = performance.getEntriesByName('hallway-live')[0];\
                             return m ? [n.domContentLoadedEventEnd, m.startTime] : null;",
                            Vec::new(),
                        )
                        .await
                        .unwrap();
                    if let Some(pair) = value.as_array() {
                        break (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
                    }
                    assert!(Instant::now() < deadline, "the hallway never went live");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                };
                interactive.push(timing.0);
                live_shown.push(timing.1);
            }
            summary(
                "Chromium: interactive (domContentLoadedEventEnd)",
                interactive,
            );
            summary(
                "Chromium: live picture on screen (hallway-live mark)",
                live_shown,
            );
            page.close().await.unwrap();
        }
        for live in present {
            live.close().await;
        }
        app.finish().await;
    }
}
