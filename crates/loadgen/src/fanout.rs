//! The fan-out measurement, the same for Hallway and for the raw ceiling: listeners in one room,
//! senders posting at a total rate, and per step every listener's deliveries counted, their
//! order checked and their latency measured.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use futures_util::{SinkExt, StreamExt, TryStreamExt};
use serde::Serialize;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{self, Socket};
use crate::measure::{self, now_micros, parse_event, Latency, Recorder};
use crate::senders::{self, Plan, SenderStats};
use crate::server::ServerProcess;

/// Sockets opened at once while connecting.
pub const CONNECT_CONCURRENCY: usize = 64;
/// How long a step waits for acks and deliveries after its last send.
const DRAIN_WAIT: Duration = Duration::from_secs(30);

/// Where to connect and as whom.
#[derive(Clone)]
pub struct Target {
    pub url: String,
    /// Session tokens; listeners take the first ones, senders cycle through the rest.
    pub tokens: Vec<String>,
    pub room: i64,
}

impl Target {
    fn token(&self, index: usize) -> &str {
        &self.tokens[index % self.tokens.len()]
    }
}

/// The listening sockets, each recording into its own recorder.
pub struct Listeners {
    recorders: Vec<Arc<Mutex<Recorder>>>,
}

fn lock(recorder: &Mutex<Recorder>) -> std::sync::MutexGuard<'_, Recorder> {
    recorder
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Opens `count` sockets, each hello + join, as the first `count` people of `target`.
pub async fn listen(target: &Target, count: usize) -> anyhow::Result<Listeners> {
    let recorders = futures_util::stream::iter(0..count)
        .map(|i| async move {
            let mut socket = client::greet(&target.url, target.token(i)).await?;
            let seq = client::join(&mut socket, target.room).await?;
            let recorder = Arc::new(Mutex::new(Recorder::from_seq(seq)));
            tokio::spawn(receive(socket, recorder.clone()));
            anyhow::Ok(recorder)
        })
        .buffer_unordered(CONNECT_CONCURRENCY)
        .try_collect()
        .await
        .context("connecting listeners")?;
    Ok(Listeners { recorders })
}

async fn receive(mut socket: Socket, recorder: Arc<Mutex<Recorder>>) {
    let reason = loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => {
                if let Some((seq, sent)) = parse_event(&text) {
                    lock(&recorder).record(seq, sent, now_micros());
                } else if text.starts_with(r#"{"type":"bye""#) {
                    break text.to_string();
                }
            }
            Some(Ok(Message::Close(_))) | None => break "closed".to_owned(),
            Some(Err(error)) => break format!("read error: {error}"),
            Some(Ok(_)) => {}
        }
    };
    lock(&recorder).closed = Some(reason);
}

/// One step's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub target_rate: f64,
    pub listeners: usize,
    pub senders: usize,
    pub secs: f64,
    pub sent: u64,
    pub acked: u64,
    pub send_errors: u64,
    pub first_error: Option<String>,
    pub send_rate: f64,
    pub deliveries: u64,
    pub expected_deliveries: u64,
    pub missing: u64,
    pub out_of_order: u64,
    pub disconnected: usize,
    pub deliveries_per_sec: f64,
    pub latency: Latency,
    pub ack_latency: Latency,
    pub server_cpu_secs: f64,
    pub server_rss_kib: u64,
    pub generator_cpu_secs: f64,
    pub load_average: String,
}

impl Step {
    /// Every message delivered once and in order to every listener, p99 within `p99_ms`,
    /// and the generator managed to send at the asked rate.
    pub fn meets(&self, p99_ms: f64) -> bool {
        self.missing == 0
            && self.out_of_order == 0
            && self.disconnected == 0
            && self.send_errors == 0
            && self.acked == self.sent
            && self.latency.p99_ms <= p99_ms
            && self.send_rate >= 0.9 * self.target_rate
    }
}

/// The knobs of a step.
#[derive(Clone, Copy)]
pub struct StepPlan {
    pub rate: f64,
    pub secs: f64,
    pub per_sender: f64,
    pub body_bytes: usize,
}

/// Posts at `plan.rate` for `plan.secs` and measures what every listener received.
pub async fn step(
    target: &Target,
    listeners: &Listeners,
    plan: StepPlan,
    server: Option<&ServerProcess>,
) -> anyhow::Result<Step> {
    let count = (plan.rate / plan.per_sender).ceil().max(1.0) as usize;
    let first_sender = listeners.recorders.len();
    let sockets: Vec<Socket> = futures_util::stream::iter(0..count)
        .map(|i| client::greet(&target.url, target.token(first_sender + i)))
        .buffer_unordered(CONNECT_CONCURRENCY)
        .try_collect()
        .await
        .context("connecting senders")?;
    for recorder in &listeners.recorders {
        lock(recorder).take();
    }
    let server_cpu = server
        .map(|s| s.cpu_secs().unwrap_or_default())
        .unwrap_or_default();
    let own_cpu = measure::cpu_secs("/proc/self/stat").unwrap_or_default();
    let stats = Arc::new(Mutex::new(SenderStats::default()));
    let start = Instant::now() + Duration::from_millis(50);
    let started_at = now_micros() + 50_000;
    let until = start + Duration::from_secs_f64(plan.secs);
    let running: Vec<_> = sockets
        .into_iter()
        .enumerate()
        .map(|(index, socket)| {
            let sender = Plan {
                index,
                room: target.room,
                per_second: plan.rate / count as f64,
                start,
                until,
                body_bytes: plan.body_bytes,
                phase: index as f64 / count as f64,
            };
            senders::start(socket, sender, stats.clone())
        })
        .collect();
    let mut open = Vec::new();
    for sender in running {
        open.extend(sender.sent().await);
    }
    let drained = Instant::now() + DRAIN_WAIT;
    while Instant::now() < drained {
        let done = {
            let s = senders::lock(&stats);
            s.acked + s.errors >= s.sent
        };
        if done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let max_seq = senders::lock(&stats).max_seq;
    while Instant::now() < drained && !listeners.reached(max_seq) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let server_cpu = server
        .map(|s| s.cpu_secs().unwrap_or_default())
        .unwrap_or_default()
        - server_cpu;
    let own_cpu = measure::cpu_secs("/proc/self/stat").unwrap_or_default() - own_cpu;
    for (mut sink, reading) in open {
        let _ = sink.close().await;
        reading.abort();
    }
    let stats = senders::lock(&stats);
    let mut total = Recorder::default();
    let mut disconnected = 0;
    for recorder in &listeners.recorders {
        let taken = lock(recorder).take();
        disconnected += usize::from(taken.closed.is_some());
        total.received += taken.received;
        total.out_of_order += taken.out_of_order;
        total.skipped += taken.skipped;
        total.last_at = total.last_at.max(taken.last_at);
        let _ = total.latency.add(&taken.latency);
    }
    let expected = stats.acked * listeners.recorders.len() as u64;
    let span = total.last_at.saturating_sub(started_at).max(1) as f64 / 1e6;
    Ok(Step {
        target_rate: plan.rate,
        listeners: listeners.recorders.len(),
        senders: count,
        secs: plan.secs,
        sent: stats.sent,
        acked: stats.acked,
        send_errors: stats.errors,
        first_error: stats.first_error.clone(),
        send_rate: stats.sent as f64 / plan.secs,
        deliveries: total.received,
        expected_deliveries: expected,
        missing: expected.saturating_sub(total.received - total.out_of_order),
        out_of_order: total.out_of_order,
        disconnected,
        deliveries_per_sec: total.received as f64 / span,
        latency: Latency::of(&total.latency),
        ack_latency: Latency::of(&stats.ack_latency),
        server_cpu_secs: server_cpu,
        server_rss_kib: server.and_then(|s| s.rss_kib().ok()).unwrap_or_default(),
        generator_cpu_secs: own_cpu,
        load_average: measure::load_average(),
    })
}

impl Listeners {
    /// Every open listener has seen `seq`.
    fn reached(&self, seq: i64) -> bool {
        self.recorders.iter().all(|r| {
            let r = lock(r);
            r.closed.is_some() || r.last_seq.is_some_and(|last| last >= seq)
        })
    }
}

/// Raises the rate step by step (doubling, then once halfway back after the first miss) until
/// a step misses `p99_ms` or loses messages; when the first rate already misses, halves it
/// instead (down to 1/16 of it) to find one that meets the goal. Returns every step.
pub async fn sweep(
    target: &Target,
    listeners: &Listeners,
    plan: StepPlan,
    max_rate: f64,
    p99_ms: f64,
    server: Option<&ServerProcess>,
) -> anyhow::Result<Vec<Step>> {
    let mut steps: Vec<Step> = Vec::new();
    let run = |rate: f64| step(target, listeners, StepPlan { rate, ..plan }, server);
    let mut rate = plan.rate;
    while rate <= max_rate {
        let result = run(rate).await?;
        eprintln!("{}", crate::report::step_line(&result));
        let met = result.meets(p99_ms);
        let lost_listeners = result.disconnected > 0;
        steps.push(result);
        if met {
            rate *= 2.0;
            continue;
        }
        let last_good = best(&steps, p99_ms).map(|s| s.target_rate);
        match last_good {
            _ if lost_listeners => {}
            Some(good) => {
                let refined = run((good + rate) / 2.0).await?;
                eprintln!("{}", crate::report::step_line(&refined));
                steps.push(refined);
            }
            None => {
                let mut lower = rate / 2.0;
                while lower >= plan.rate / 16.0 {
                    let result = run(lower).await?;
                    eprintln!("{}", crate::report::step_line(&result));
                    let met = result.meets(p99_ms) || result.disconnected > 0;
                    steps.push(result);
                    if met {
                        break;
                    }
                    lower /= 2.0;
                }
            }
        }
        break;
    }
    Ok(steps)
}

/// The highest rate among `steps` that met the goal.
pub fn best(steps: &[Step], p99_ms: f64) -> Option<&Step> {
    steps
        .iter()
        .filter(|s| s.meets(p99_ms))
        .max_by(|a, b| a.target_rate.total_cmp(&b.target_rate))
}
