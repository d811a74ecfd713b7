//! Idle sockets: open many (hello + join, spread over people and rooms), hold them while the
//! server's memory is sampled, then prove each is still alive with a ping it must answer.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use futures_util::{SinkExt, StreamExt, TryStreamExt};
use serde::Serialize;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{self, Socket};
use crate::fanout::CONNECT_CONCURRENCY;
use crate::server::ServerProcess;

/// How often the server's memory is sampled while holding.
const SAMPLE_EVERY: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Serialize)]
pub struct IdleResult {
    pub connections: usize,
    pub people: usize,
    pub rooms: usize,
    pub connect_secs: f64,
    pub hold_secs: u64,
    pub rss_before_kib: u64,
    pub rss_connected_kib: u64,
    pub rss_after_hold_kib: u64,
    pub rss_max_kib: u64,
    /// (after hold − before) / connections.
    pub bytes_per_connection: f64,
    pub lost_during_hold: u64,
    pub answered_final_ping: u64,
    pub server_cpu_secs_during_hold: f64,
    pub load_average: String,
}

#[derive(Default)]
struct Counters {
    closed: AtomicU64,
    pongs: AtomicU64,
}

/// Opens `connections` sockets as `tokens` (cycled) into `rooms` (cycled) and holds them.
pub async fn run(
    server: &ServerProcess,
    tokens: &[String],
    rooms: &[i64],
    connections: usize,
    hold: Duration,
) -> anyhow::Result<IdleResult> {
    let rss_before = server.rss_kib()?;
    let counters = Arc::new(Counters::default());
    let (check, checked) = watch::channel(0u32);
    let started = Instant::now();
    let url = server.url.as_str();
    let sockets: Vec<Socket> = futures_util::stream::iter(0..connections)
        .map(|i| async move {
            let mut socket = client::greet(url, &tokens[i % tokens.len()]).await?;
            client::join(&mut socket, rooms[i % rooms.len()]).await?;
            if (i + 1) % 1000 == 0 {
                eprintln!("  {} sockets open", i + 1);
            }
            anyhow::Ok(socket)
        })
        .buffer_unordered(CONNECT_CONCURRENCY)
        .try_collect()
        .await
        .context("opening idle sockets")?;
    let connect_secs = started.elapsed().as_secs_f64();
    for socket in sockets {
        tokio::spawn(hold_socket(socket, checked.clone(), counters.clone()));
    }
    // Let presence settle before reading memory.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_connected = server.rss_kib()?;
    let cpu_before = server.cpu_secs()?;
    let mut rss_max = rss_connected;
    let held = Instant::now();
    while held.elapsed() < hold {
        tokio::time::sleep(SAMPLE_EVERY.min(hold.saturating_sub(held.elapsed()))).await;
        let rss = server.rss_kib()?;
        rss_max = rss_max.max(rss);
        eprintln!(
            "  held {:>4} s: server RSS {} MiB, lost {}",
            held.elapsed().as_secs(),
            rss / 1024,
            counters.closed.load(Ordering::Relaxed)
        );
    }
    let rss_after = server.rss_kib()?;
    let cpu_during = server.cpu_secs()? - cpu_before;
    let lost = counters.closed.load(Ordering::Relaxed);
    let _ = check.send(1);
    let waited = Instant::now();
    while counters.pongs.load(Ordering::Relaxed) + counters.closed.load(Ordering::Relaxed)
        < connections as u64
        && waited.elapsed() < Duration::from_secs(60)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(IdleResult {
        connections,
        people: tokens.len().min(connections),
        rooms: rooms.len(),
        connect_secs,
        hold_secs: hold.as_secs(),
        rss_before_kib: rss_before,
        rss_connected_kib: rss_connected,
        rss_after_hold_kib: rss_after,
        rss_max_kib: rss_max,
        bytes_per_connection: (rss_after.saturating_sub(rss_before) * 1024) as f64
            / connections as f64,
        lost_during_hold: lost,
        answered_final_ping: counters.pongs.load(Ordering::Relaxed),
        server_cpu_secs_during_hold: cpu_during,
        load_average: crate::measure::load_average(),
    })
}

/// Reads (answering server pings) until told to check, then sends a `ping` frame and
/// counts the `pong`.
async fn hold_socket(mut socket: Socket, mut check: watch::Receiver<u32>, counters: Arc<Counters>) {
    loop {
        tokio::select! {
            message = socket.next() => match message {
                Some(Ok(Message::Text(text))) if text.starts_with(r#"{"type":"pong""#) => {
                    counters.pongs.fetch_add(1, Ordering::Relaxed);
                }
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(Message::Text(text))) if text.starts_with(r#"{"type":"bye""#) => break,
                Some(Ok(_)) => {}
            },
            changed = check.changed() => {
                if changed.is_err() || socket.send(Message::text(r#"{"type":"ping","ref":"idle"}"#)).await.is_err() {
                    break;
                }
            }
        }
    }
    counters.closed.fetch_add(1, Ordering::Relaxed);
}
