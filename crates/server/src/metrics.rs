//! A few Prometheus metrics, kept in atomics and rendered as text at `/metrics`.
//! Counts of requests and outcomes only: nothing about who did what.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    buckets: [AtomicU64; 10],
    duration_micros: AtomicU64,
    count: AtomicU64,
    sign_in_failures: AtomicU64,
}

impl Metrics {
    pub fn sign_in_failed(&self) {
        self.sign_in_failures.fetch_add(1, Ordering::Relaxed);
    }

    fn observe(&self, status: u16, seconds: f64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        for (bucket, bound) in self.buckets.iter().zip(BUCKETS) {
            if seconds <= bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.duration_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self, database_up: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP hallway_database_up Whether the database answered the last check."
        );
        let _ = writeln!(out, "# TYPE hallway_database_up gauge");
        let _ = writeln!(out, "hallway_database_up {}", u8::from(database_up));
        let _ = writeln!(
            out,
            "# HELP hallway_http_requests_total HTTP responses by status class."
        );
        let _ = writeln!(out, "# TYPE hallway_http_requests_total counter");
        for (index, counter) in self.by_class.iter().enumerate() {
            let _ = writeln!(
                out,
                "hallway_http_requests_total{{class=\"{}xx\"}} {}",
                index + 1,
                counter.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            out,
            "# HELP hallway_http_request_duration_seconds Time to answer a request."
        );
        let _ = writeln!(
            out,
            "# TYPE hallway_http_request_duration_seconds histogram"
        );
        for (bucket, bound) in self.buckets.iter().zip(BUCKETS) {
            let _ = writeln!(
                out,
                "hallway_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "hallway_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let sum = self.duration_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "hallway_http_request_duration_seconds_sum {sum}");
        let _ = writeln!(out, "hallway_http_request_duration_seconds_count {count}");
        let _ = writeln!(
            out,
            "# HELP hallway_sign_in_failures_total Failed sign-in attempts."
        );
        let _ = writeln!(out, "# TYPE hallway_sign_in_failures_total counter");
        let _ = writeln!(
            out,
            "hallway_sign_in_failures_total {}",
            self.sign_in_failures.load(Ordering::Relaxed)
        );
        out
    }
}

pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .observe(response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}
