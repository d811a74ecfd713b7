//! The ceiling: a minimal WebSocket broadcast server speaking just enough of the live protocol
//! (hello, join, send) for the same generator. Each message gets the next seq, is serialised
//! once as an event frame of Hallway's shape, and is pushed to every joined socket through its
//! own bounded channel; a writer per socket sends in batches of up to 64 and flushes, as
//! Hallway's does. No storage, no checks, no presence: what is left is the cost of the sockets.

use std::sync::{Arc, Mutex};

use anyhow::Context;
use bytes::Bytes;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};
use tokio_tungstenite::WebSocketStream;

/// Frames that may wait for one socket (Hallway's default outbound queue).
const QUEUE: usize = 1024;
/// Frames written per flush.
const WRITE_BATCH: usize = 64;

#[derive(Default)]
struct Room {
    seq: i64,
    subscribers: Vec<mpsc::Sender<Bytes>>,
}

type Shared = Arc<Mutex<Room>>;

fn lock(room: &Shared) -> std::sync::MutexGuard<'_, Room> {
    room.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Serves until the process is stopped.
pub async fn serve(bind: &str) -> anyhow::Result<()> {
    crate::raise_open_files_limit();
    let listener = TcpListener::bind(bind)
        .await
        .with_context(|| format!("binding {bind}"))?;
    serve_on(listener).await
}

/// Serves on a bound listener until the task is dropped (tests run it in-process).
pub async fn serve_on(listener: TcpListener) -> anyhow::Result<()> {
    let room = Shared::default();
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(stream, room.clone()));
    }
}

async fn connection(stream: TcpStream, room: Shared) {
    let config = WebSocketConfig::default().read_buffer_size(16 * 1024);
    let Ok(socket) = tokio_tungstenite::accept_async_with_config(stream, Some(config)).await else {
        return;
    };
    let (sink, mut stream) = socket.split();
    let (outbox, frames) = mpsc::channel::<Bytes>(QUEUE);
    let writer = tokio::spawn(write(sink, frames));
    while let Some(Ok(message)) = stream.next().await {
        let Message::Text(text) = message else {
            continue;
        };
        let Ok(frame) = serde_json::from_str::<Value>(text.as_str()) else {
            continue;
        };
        let answer = match frame["type"].as_str() {
            Some("hello") => {
                r#"{"type":"welcome","v":1,"connection":"raw-1","you":1,"heartbeat_secs":20}"#
                    .to_owned()
            }
            Some("join") => {
                let mut room = lock(&room);
                room.subscribers.push(outbox.clone());
                format!(
                    r#"{{"type":"caught_up","room":{},"seq":{}}}"#,
                    frame["room"], room.seq
                )
            }
            Some("send") => post(&room, &frame),
            _ => continue,
        };
        if outbox.try_send(answer.into()).is_err() {
            break;
        }
    }
    drop(outbox);
    let _ = writer.await;
}

/// An event frame in Hallway's shape (`ServerFrame::Event` of a posted message), fields in
/// the same order.
#[derive(Serialize)]
struct Event<'a> {
    r#type: &'static str,
    room: &'a Value,
    seq: i64,
    at: chrono::DateTime<chrono::Utc>,
    kind: Posted<'a>,
}

#[derive(Serialize)]
struct Posted<'a> {
    r#type: &'static str,
    message: i64,
    author: i64,
    client_id: &'a Value,
    body: &'a Value,
    reply_to: Option<i64>,
}

/// Numbers the message, serialises its event once and queues it for every subscriber;
/// returns the sender's ack.
fn post(room: &Shared, frame: &Value) -> String {
    let mut room = lock(room);
    room.seq += 1;
    let seq = room.seq;
    let event = Event {
        r#type: "event",
        room: &frame["room"],
        seq,
        at: chrono::Utc::now(),
        kind: Posted {
            r#type: "posted",
            message: seq,
            author: 1,
            client_id: &frame["client_id"],
            body: &frame["body"],
            reply_to: None,
        },
    };
    let event: Bytes = serde_json::to_string(&event).unwrap_or_default().into();
    // A subscriber that cannot keep up is dropped, as Hallway closes a slow consumer.
    room.subscribers
        .retain(|s| s.try_send(event.clone()).is_ok());
    format!(
        r#"{{"type":"ack","client_id":{},"room":{},"seq":{seq},"message":{seq},"duplicate":false}}"#,
        frame["client_id"], frame["room"]
    )
}

async fn write(
    mut sink: SplitSink<WebSocketStream<TcpStream>, Message>,
    mut frames: mpsc::Receiver<Bytes>,
) {
    while let Some(frame) = frames.recv().await {
        if feed(&mut sink, frame).await.is_err() {
            return;
        }
        for _ in 1..WRITE_BATCH {
            let Ok(frame) = frames.try_recv() else { break };
            if feed(&mut sink, frame).await.is_err() {
                return;
            }
        }
        if sink.flush().await.is_err() {
            return;
        }
    }
}

async fn feed(
    sink: &mut SplitSink<WebSocketStream<TcpStream>, Message>,
    frame: Bytes,
) -> Result<(), tokio_tungstenite::tungstenite::Error> {
    match Utf8Bytes::try_from(frame) {
        Ok(text) => sink.feed(Message::Text(text)).await,
        Err(_) => Ok(()),
    }
}
