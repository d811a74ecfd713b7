//! Sender sockets: each posts at a steady rate below the per-connection limit, with the send
//! time in the body (for listeners) and in the client id (for the ack), and counts its acks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use tokio::task::JoinHandle;
use tokio::time::{Instant, MissedTickBehavior};
use tokio_tungstenite::tungstenite::Message;

use crate::client::Socket;
use crate::measure::{body, histogram, now_micros, number_after};

/// What every sender of a step did, together.
pub struct SenderStats {
    pub sent: u64,
    pub acked: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// The largest seq acknowledged: every listener must reach it.
    pub max_seq: i64,
    pub ack_latency: Histogram<u64>,
}

impl Default for SenderStats {
    fn default() -> Self {
        Self {
            sent: 0,
            acked: 0,
            errors: 0,
            first_error: None,
            max_seq: 0,
            ack_latency: histogram(),
        }
    }
}

pub type Shared = Arc<Mutex<SenderStats>>;

pub fn lock(stats: &Shared) -> std::sync::MutexGuard<'_, SenderStats> {
    stats
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A sender while it runs: the sending task hands back its half of the socket when done.
pub struct Sender {
    sending: JoinHandle<SplitSink<Socket, Message>>,
    reading: JoinHandle<()>,
}

/// The plan for one sender.
pub struct Plan {
    pub index: usize,
    pub room: i64,
    pub per_second: f64,
    /// When the first sender sends; this one starts a fraction of a period later.
    pub start: Instant,
    pub until: Instant,
    pub body_bytes: usize,
    /// Where in the period this sender's sends fall (0..1), so senders do not send together.
    pub phase: f64,
}

/// Starts sending on `socket` according to `plan`.
pub fn start(socket: Socket, plan: Plan, stats: Shared) -> Sender {
    let (sink, stream) = socket.split();
    let reading = tokio::spawn(read_acks(stream, stats.clone()));
    let sending = tokio::spawn(send(sink, plan, stats));
    Sender { sending, reading }
}

impl Sender {
    /// Waits until the sender has sent its last message; returns it still open for its acks.
    pub async fn sent(self) -> Option<(SplitSink<Socket, Message>, JoinHandle<()>)> {
        let sink = self.sending.await.ok()?;
        Some((sink, self.reading))
    }
}

async fn send(
    mut sink: SplitSink<Socket, Message>,
    plan: Plan,
    stats: Shared,
) -> SplitSink<Socket, Message> {
    let period = Duration::from_secs_f64(1.0 / plan.per_second.max(0.001));
    let first = plan.start + period.mul_f64(plan.phase);
    let mut ticks = tokio::time::interval_at(first, period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Burst);
    let mut n = 0u64;
    loop {
        ticks.tick().await;
        if Instant::now() >= plan.until {
            return sink;
        }
        n += 1;
        let at = now_micros();
        let frame = format!(
            r#"{{"type":"send","room":{},"client_id":"s{}-{n}-{at}","body":"{}"}}"#,
            plan.room,
            plan.index,
            body(at, plan.body_bytes)
        );
        lock(&stats).sent += 1;
        if sink.send(Message::text(frame)).await.is_err() {
            lock(&stats).errors += 1;
            return sink;
        }
    }
}

async fn read_acks(mut stream: futures_util::stream::SplitStream<Socket>, stats: Shared) {
    while let Some(Ok(message)) = stream.next().await {
        let Message::Text(text) = message else {
            continue;
        };
        if text.starts_with(r#"{"type":"ack""#) {
            let now = now_micros();
            let mut stats = lock(&stats);
            stats.acked += 1;
            if let Some(seq) = number_after(&text, r#""seq":"#).and_then(|s| i64::try_from(s).ok())
            {
                stats.max_seq = stats.max_seq.max(seq);
            }
            if let Some(sent) = sent_time(&text) {
                let _ = stats.ack_latency.record(now.saturating_sub(sent).max(1));
            }
        } else if text.starts_with(r#"{"type":"error""#) {
            let mut stats = lock(&stats);
            stats.errors += 1;
            stats.first_error.get_or_insert_with(|| text.to_string());
        }
    }
}

/// The send time at the end of an ack's client id (`s<sender>-<n>-<micros>`).
fn sent_time(ack: &str) -> Option<u64> {
    let key = r#""client_id":""#;
    let start = ack.find(key)? + key.len();
    let id = &ack[start..start + ack[start..].find('"')?];
    id.rsplit('-').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_send_time_is_read_back_from_the_client_id() {
        let ack = r#"{"type":"ack","client_id":"s3-7-123456","room":1,"seq":9,"message":4,"duplicate":false}"#;
        assert_eq!(super::sent_time(ack), Some(123_456));
    }
}
