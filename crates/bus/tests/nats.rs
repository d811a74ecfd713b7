//! The NATS bus against a real server (`HALLWAY_TEST_NATS_URL`): two connections stand for two
//! nodes; each test uses its own subject prefix so tests sharing the server never meet.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use hallway_bus::{Bus, BusError, BusMessage, Delivery, NatsBus, Subscription};
use hallway_testkit::{nats_url, unique_nats_prefix};

/// Waits for the next delivery, failing the test instead of hanging.
async fn next(subscription: &mut Box<dyn Subscription>) -> Delivery {
    match tokio::time::timeout(Duration::from_secs(20), subscription.next()).await {
        Ok(Some(delivery)) => delivery,
        Ok(None) => panic!("the subscription ended"),
        Err(_) => panic!("nothing arrived within 20 s"),
    }
}

async fn node(url: &str, prefix: &str) -> NatsBus {
    NatsBus::connect_with_prefix(url, prefix)
        .await
        .unwrap_or_else(|e| panic!("connecting to {url}: {e}"))
}

#[tokio::test]
async fn a_message_published_on_one_node_reaches_both_nodes_in_order() {
    let Some(url) = nats_url() else { return };
    let prefix = unique_nats_prefix();
    let (a, b) = (node(&url, &prefix).await, node(&url, &prefix).await);
    assert_eq!(a.kind(), "nats");
    let mut on_a = a.subscribe().await.unwrap();
    let mut on_b = b.subscribe().await.unwrap();
    // Another Hallway on the same server, under another prefix, hears none of it.
    let elsewhere = node(&url, &unique_nats_prefix()).await;
    let mut on_elsewhere = elsewhere.subscribe().await.unwrap();

    for n in 0..1000u32 {
        a.publish("room.7", n.to_be_bytes().to_vec()).await.unwrap();
    }
    elsewhere.publish("fence", vec![]).await.unwrap();

    for (name, subscription) in [("A", &mut on_a), ("B", &mut on_b)] {
        for n in 0..1000u32 {
            let expected = Delivery::Message(BusMessage {
                subject: "room.7".into(),
                payload: n.to_be_bytes().to_vec(),
            });
            assert_eq!(
                next(subscription).await,
                expected,
                "node {name}, message {n}"
            );
        }
    }
    let first = next(&mut on_elsewhere).await;
    assert_eq!(
        first,
        Delivery::Message(BusMessage {
            subject: "fence".into(),
            payload: vec![]
        }),
        "another prefix must not hear this one"
    );
}

#[tokio::test]
async fn messages_from_the_other_node_arrive_too() {
    let Some(url) = nats_url() else { return };
    let prefix = unique_nats_prefix();
    let (a, b) = (node(&url, &prefix).await, node(&url, &prefix).await);
    let mut on_a = a.subscribe().await.unwrap();
    b.publish("presence", b"here".to_vec()).await.unwrap();
    assert_eq!(
        next(&mut on_a).await,
        Delivery::Message(BusMessage {
            subject: "presence".into(),
            payload: b"here".to_vec()
        })
    );
}

#[tokio::test]
async fn bad_subjects_and_prefixes_are_refused() {
    let Some(url) = nats_url() else { return };
    let bus = node(&url, &unique_nats_prefix()).await;
    for subject in ["a..b", "", "room.>", "room.*", "with space"] {
        assert!(
            matches!(
                bus.publish(subject, vec![]).await,
                Err(BusError::InvalidSubject(_))
            ),
            "{subject:?} must be refused"
        );
    }
    assert!(matches!(
        NatsBus::connect_with_prefix(&url, "hallway.>").await,
        Err(BusError::InvalidSubject(_))
    ));
}

#[tokio::test]
async fn a_reader_that_falls_behind_is_told_how_much_it_missed() {
    let Some(url) = nats_url() else { return };
    let bus = node(&url, &unique_nats_prefix()).await.with_capacity(4);
    let mut subscription = bus.subscribe().await.unwrap();
    for n in 0..200u32 {
        bus.publish("x", n.to_be_bytes().to_vec()).await.unwrap();
    }
    let (mut accounted, mut lagged, mut last) = (0u64, 0u64, None::<u32>);
    while accounted < 200 {
        match next(&mut subscription).await {
            Delivery::Message(message) => {
                let n = u32::from_be_bytes(message.payload.try_into().unwrap());
                assert!(last.is_none_or(|last| n > last), "{n} after {last:?}");
                last = Some(n);
                accounted += 1;
            }
            Delivery::Lagged(missed) => {
                lagged += missed;
                accounted += missed;
            }
        }
    }
    assert!(
        lagged > 0,
        "a reader of capacity 4 cannot hold 200 messages"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_named_quickly() {
    // Nothing listens on a port we just released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("nats://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let started = Instant::now();
    let error = NatsBus::connect(&url).await.err().expect("no server there");
    assert!(matches!(error, BusError::Unavailable(_)), "{error}");
    assert!(error.to_string().contains(&url), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_and_is_named() {
    // Accepts the connection but never says INFO.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("nats://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let _held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            open.push(socket);
        }
    });
    let started = Instant::now();
    let error = NatsBus::connect(&url).await.err().expect("no NATS there");
    assert!(error.to_string().contains(&url), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
}
