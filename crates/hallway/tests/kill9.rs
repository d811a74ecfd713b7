//! Durability under kill -9, on SQLite and PostgreSQL: a real `hallway serve` process, several
//! clients posting over the live WebSocket at once, the server killed with SIGKILL at random
//! moments and started again on the same data, over and over. Clients keep what was not
//! acknowledged and send it again (same client id) after each restart. At the end every
//! acknowledged message is stored exactly once, with the seq its ack named, and every room's
//! seqs are dense (1, 2, 3, … with no gap).
//!
//! 20 kills per backend by default; `HALLWAY_SOAK_KILLS=85` runs a longer soak (see
//! docs/benchmarks.md). `HALLWAY_KILL_SEED` repeats a run's random moments.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod durability;

use std::collections::HashMap;
use std::time::Duration;

use durability::{Ack, Rng, Server, Writer, WriterState};
use hallway_domain::{RoomId, RoomKind, RoomName};
use hallway_store::{NewRoom, RoomEventKind};
use hallway_testkit::backends;

/// Clients posting at once, each as its own person.
const WRITERS: usize = 4;
const ROOMS: usize = 2;

fn kills() -> usize {
    std::env::var("HALLWAY_SOAK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_message_survives_kill_9_exactly_once() {
    let seed = std::env::var("HALLWAY_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| u64::from(std::process::id()) * 7919 + 17);
    for backend in backends().await {
        let name = backend.name;
        let store = backend.store.clone();
        let mut rooms = Vec::new();
        for n in 0..ROOMS {
            let room = store
                .create_room(NewRoom {
                    name: RoomName::parse(&format!("Durable {n}")).unwrap(),
                    topic: String::new(),
                    kind: RoomKind::Open,
                    team: None,
                    overhearable: false,
                    created_by: None,
                    created_at: chrono::Utc::now(),
                })
                .await
                .unwrap();
            rooms.push(room.id);
        }
        let mut writers = Vec::new();
        for n in 0..WRITERS {
            writers.push(WriterState::create(store.as_ref(), n, rooms.clone()).await);
        }
        let dir = tempfile::tempdir().unwrap();
        let mut rng = Rng::new(seed);
        let started = std::time::Instant::now();
        let total = kills();
        for kill in 0..total {
            let server = Server::start(dir.path(), &backend.database_url()).await;
            let (tasks, stop) = Writer::spawn_all(&server.url, &mut writers);
            // Kill at a random moment: sometimes right away, sometimes mid-stream.
            tokio::time::sleep(Duration::from_millis(rng.below(700))).await;
            server.kill_9().await;
            writers = Writer::join_all(tasks, stop).await;
            let acked: usize = writers.iter().map(|w| w.acked.len()).sum();
            eprintln!(
                "{name}: kill {}/{total}, {acked} acknowledged so far",
                kill + 1
            );
        }
        // A last start: everything still unacknowledged is sent again until acknowledged.
        let server = Server::start(dir.path(), &backend.database_url()).await;
        writers = Writer::flush_all(&server.url, writers).await;
        server.kill_9().await;

        let mut expected: HashMap<(i64, String), Ack> = HashMap::new();
        for writer in &writers {
            assert!(
                writer.pending.is_empty(),
                "{name}: unsent {:?}",
                writer.pending
            );
            assert!(
                writer.conflicts.is_empty(),
                "{name}: {:?}",
                writer.conflicts
            );
            for (client_id, ack) in &writer.acked {
                expected.insert((writer.person.0, client_id.clone()), ack.clone());
            }
        }
        let (mut found, mut duplicated, mut stored) = (HashMap::new(), 0usize, 0usize);
        for room in &rooms {
            let events = store.room_events_after(*room, 0, 1_000_000).await.unwrap();
            let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
            let dense: Vec<i64> = (1..=seqs.len() as i64).collect();
            assert_eq!(seqs, dense, "{name}: room {room:?}'s seqs have a gap");
            let last = store.room(*room).await.unwrap().last_seq;
            assert_eq!(last, seqs.len() as i64, "{name}: the room's counter");
            for event in events {
                if let RoomEventKind::Posted {
                    message,
                    author,
                    client_id,
                    ..
                } = event.kind
                {
                    stored += 1;
                    let key = (author.map_or(0, |a| a.0), client_id.unwrap_or_default());
                    if found
                        .insert(key, (event.room, event.seq, message))
                        .is_some()
                    {
                        duplicated += 1;
                    }
                }
            }
        }
        let mut lost = 0usize;
        for (key, ack) in &expected {
            match found.get(key) {
                Some(&(room, seq, message)) => {
                    assert_eq!(
                        (room, seq, message.0),
                        (RoomId(ack.room), ack.seq, ack.message),
                        "{name}: {key:?} is stored elsewhere than its ack said"
                    );
                }
                None => lost += 1,
            }
        }
        println!(
            "kill9 {name}: kills={total} acknowledged={} stored={stored} lost={lost} \
             duplicated={duplicated} seconds={:.0} seed={seed}",
            expected.len(),
            started.elapsed().as_secs_f64()
        );
        assert_eq!(lost, 0, "{name}: acknowledged messages lost");
        assert_eq!(duplicated, 0, "{name}: messages stored twice");
        assert_eq!(
            stored,
            expected.len(),
            "{name}: stored messages nobody sent"
        );
        assert!(
            expected.len() > total,
            "{name}: too few messages got through"
        );
        backend.finish().await;
    }
}
