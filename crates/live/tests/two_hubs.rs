//! Two hubs (two nodes) over one store and one bus: messages written concurrently through both
//! reach listeners on both in sequence order, exactly once — the bus may bring them in any
//! order, and each node fills gaps from the store.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::Utc;
use hallway_bus::{Bus, InProcessBus};
use hallway_domain::{
    Bio, DisplayName, Email, Profile, Role, RoomKind, RoomName, TimeZoneName, WorkingHours,
};
use hallway_live::{Hub, LiveConfig, LiveSession, Outgoing};
use hallway_protocol::ServerFrame;
use hallway_store::{NewPerson, NewRoom, NewSession, Person, Store};

use serde_json::json;

async fn person(store: &dyn Store, name: &str) -> Person {
    store
        .create_person(NewPerson {
            email: Email::parse(&format!("{name}@example.org")).unwrap(),
            role: Role::Member,
            password_hash: None,
            active: true,
            profile: Profile {
                display_name: DisplayName::parse(name).unwrap(),
                pronouns: None,
                time_zone: TimeZoneName::utc(),
                working_hours: WorkingHours::default(),
                ask_me_about: Vec::new(),
                bio: Bio::empty(),
            },
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .unwrap()
}

/// Connects `who` with a session made in `hub`'s store, as a signed-in socket would.
async fn connect(hub: &Arc<Hub>, store: &dyn Store, who: Person) -> (LiveSession, Outgoing) {
    let session = store
        .create_session(NewSession {
            person: who.id,
            token_hash: format!("hash-of-{}", who.id),
            user_agent: "two hubs".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::days(1),
        })
        .await
        .unwrap();
    let (mut session, mut out) = hub.connect(who, &session).await;
    session
        .handle_text(&json!({"type": "hello", "v": 1}).to_string())
        .await;
    next(&mut out).await;
    (session, out)
}

async fn next(out: &mut Outgoing) -> ServerFrame {
    let frame = tokio::time::timeout(std::time::Duration::from_secs(10), out.frames.recv())
        .await
        .expect("a frame in time")
        .expect("the connection is open");
    serde_json::from_slice(&frame).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_on_two_nodes_reach_every_listener_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(
        hallway_store_sqlite::open(&dir.path().join("h.db"))
            .await
            .unwrap(),
    );
    let bus: Arc<dyn Bus> = Arc::new(InProcessBus::default());
    let config = LiveConfig {
        messages_burst: 10_000,
        messages_per_second: 10_000.0,
        outbound_queue: 4096,
        ..LiveConfig::default()
    };
    let node_a = Hub::start(store.clone(), bus.clone(), config.clone())
        .await
        .unwrap();
    let node_b = Hub::start(store.clone(), bus.clone(), config)
        .await
        .unwrap();
    let room = store
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
        .id;

    let mut listeners = Vec::new();
    for (n, hub) in [&node_a, &node_b].into_iter().enumerate() {
        let (mut session, mut out) = connect(
            hub,
            store.as_ref(),
            person(store.as_ref(), &format!("listener{n}")).await,
        )
        .await;
        session
            .handle_text(&json!({"type": "join", "room": room}).to_string())
            .await;
        while !matches!(next(&mut out).await, ServerFrame::CaughtUp { .. }) {}
        listeners.push((session, out));
    }

    let per_writer = 150;
    let mut writers = Vec::new();
    for (n, hub) in [&node_a, &node_b, &node_a, &node_b].into_iter().enumerate() {
        let who = person(store.as_ref(), &format!("writer{n}")).await;
        // The writer's socket stays open (its acks are queued for it), as a browser's would.
        let (mut session, out) = connect(hub, store.as_ref(), who).await;
        writers.push(tokio::spawn(async move {
            let _open = out;
            for m in 0..per_writer {
                let frame = json!({"type": "send", "room": room, "client_id": format!("w{n}-{m}"), "body": format!("{n}:{m}")});
                session.handle_text(&frame.to_string()).await;
            }
            session
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }

    let total = 4 * per_writer;
    for (_, out) in &mut listeners {
        let mut expected = 1;
        while expected <= total {
            if let ServerFrame::Event(event) = next(out).await {
                assert_eq!(event.seq, expected, "in order, no gaps, no repeats");
                expected += 1;
            }
        }
    }
}
