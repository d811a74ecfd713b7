//! The measuring code counts correctly: a tiny fan-out against the real server (in-process, on
//! every test backend) and against the raw ceiling, where every delivery must be counted once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use hallway_loadgen::fanout::{self, Step, StepPlan, Target};
use hallway_loadgen::prepare::prepare;
use hallway_testkit::{backends, spawn_app};

const LISTENERS: usize = 5;

fn tiny() -> StepPlan {
    // 20 messages over 5 senders at 4/s each, within the server's 5/s per connection.
    StepPlan {
        rate: 20.0,
        secs: 1.0,
        per_sender: 4.0,
        body_bytes: 100,
    }
}

fn assert_counted(step: &Step, what: &str) {
    assert!(step.sent > 0, "{what}: nothing sent");
    assert_eq!(step.acked, step.sent, "{what}: {step:#?}");
    assert_eq!(step.send_errors, 0, "{what}: {step:#?}");
    assert_eq!(
        step.deliveries,
        step.sent * LISTENERS as u64,
        "{what}: {step:#?}"
    );
    assert_eq!(step.expected_deliveries, step.deliveries, "{what}");
    assert_eq!(
        (step.missing, step.out_of_order, step.disconnected),
        (0, 0, 0),
        "{what}"
    );
    assert_eq!(step.latency.count, step.deliveries, "{what}");
    assert_eq!(step.ack_latency.count, step.acked, "{what}");
    assert!(
        step.latency.max_ms > 0.0 && step.latency.p50_ms <= step.latency.p99_ms,
        "{what}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_delivery_is_counted_once_on_hallway() {
    for backend in backends().await {
        let app = spawn_app(backend, |_| {}).await;
        let prepared = prepare(&app.backend.store, LISTENERS + 5, 1).await.unwrap();
        let target = Target {
            url: app.url.clone(),
            tokens: prepared.tokens,
            room: prepared.rooms[0].0,
        };
        let listeners = fanout::listen(&target, LISTENERS).await.unwrap();
        let first = fanout::step(&target, &listeners, tiny(), None)
            .await
            .unwrap();
        assert_counted(&first, app.name());
        // A second step on the same listeners counts only its own messages.
        let second = fanout::step(&target, &listeners, tiny(), None)
            .await
            .unwrap();
        assert_counted(&second, app.name());
        app.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_delivery_is_counted_once_on_the_ceiling() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(hallway_loadgen::raw::serve_on(listener));
    let target = Target {
        url,
        tokens: vec!["unused".into()],
        room: 1,
    };
    let listeners = fanout::listen(&target, LISTENERS).await.unwrap();
    let step = fanout::step(&target, &listeners, tiny(), None)
        .await
        .unwrap();
    assert_counted(&step, "ceiling");
    server.abort();
}
