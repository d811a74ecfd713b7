//! Results as a small table on stdout and as JSON for the record.

use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use crate::fanout::Step;
use crate::idle::IdleResult;

/// The machine the figures come from.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cores: usize,
    pub memory_gib: u64,
    pub kernel: String,
    pub load_average_at_start: String,
}

impl Machine {
    pub fn now() -> Machine {
        let memory_kib = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| crate::measure::number_after(&m.replace(' ', ""), "MemTotal:"))
            .unwrap_or_default();
        Machine {
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            memory_gib: memory_kib.div_ceil(1024 * 1024),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            load_average_at_start: crate::measure::load_average(),
        }
    }
}

/// Everything one run of the generator measured.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    pub machine: Option<Machine>,
    pub scenario: String,
    pub backend: String,
    /// The open files limit the server logged at start-up.
    pub server_open_files: Vec<String>,
    pub idle: Option<IdleResult>,
    pub hallway: Vec<Step>,
    pub ceiling: Vec<Step>,
    pub best_hallway_rate: Option<f64>,
    pub best_ceiling_rate: Option<f64>,
    /// Hallway's figure over the ceiling's: the best rates for a sweep, deliveries/s otherwise.
    pub ratio: Option<f64>,
}

impl Report {
    pub fn write_json(&self, path: &Path) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(self)?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
    }

    pub fn print(&self) {
        if let Some(machine) = &self.machine {
            println!(
                "machine: {} cores, {} GiB, Linux {}, load average at start {}",
                machine.cores, machine.memory_gib, machine.kernel, machine.load_average_at_start
            );
        }
        println!("scenario: {} on {}", self.scenario, self.backend);
        for line in &self.server_open_files {
            println!("server: {}", line.trim());
        }
        if let Some(idle) = &self.idle {
            print_idle(idle);
        }
        for (name, steps) in [("hallway", &self.hallway), ("ceiling", &self.ceiling)] {
            if !steps.is_empty() {
                println!("\n{name}");
                println!("{}", header());
                for step in steps {
                    println!("{}", step_line(step));
                }
            }
        }
        if let Some(rate) = self.best_hallway_rate {
            println!("\nhighest rate meeting the goal: hallway {rate} msg/s");
        }
        if let Some(rate) = self.best_ceiling_rate {
            println!("highest rate meeting the goal: ceiling {rate} msg/s");
        }
        if let Some(ratio) = self.ratio {
            println!("hallway / ceiling: {ratio:.2}");
        }
    }
}

fn print_idle(idle: &IdleResult) {
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "{} idle sockets ({} people, {} rooms) opened in {:.1} s, held {} s",
        idle.connections, idle.people, idle.rooms, idle.connect_secs, idle.hold_secs
    );
    println!(
        "server RSS: before {:.1} MiB | connected {:.1} MiB | after hold {:.1} MiB | max {:.1} MiB",
        mib(idle.rss_before_kib),
        mib(idle.rss_connected_kib),
        mib(idle.rss_after_hold_kib),
        mib(idle.rss_max_kib)
    );
    println!(
        "per idle connection: {:.0} bytes ({:.1} KiB); lost during hold {}; answered the final ping {}/{}",
        idle.bytes_per_connection,
        idle.bytes_per_connection / 1024.0,
        idle.lost_during_hold,
        idle.answered_final_ping,
        idle.connections
    );
    println!(
        "server CPU while holding: {:.1} s; load average {}",
        idle.server_cpu_secs_during_hold, idle.load_average
    );
}

pub fn header() -> String {
    format!(
        "{:>7} {:>6} {:>6} {:>7} {:>10} {:>7} {:>4} {:>11} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>6}",
        "rate", "lstnrs", "sndrs", "sent", "deliveries", "missing", "ooo", "deliv/s", "p50 ms", "p99 ms",
        "max ms", "ack p50", "ack p99", "srv cpu", "gen cpu", "rss MB"
    )
}

/// One step as a table row.
pub fn step_line(s: &Step) -> String {
    format!(
        "{:>7} {:>6} {:>6} {:>7} {:>10} {:>7} {:>4} {:>11.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>7.1} {:>7.1} {:>6}{}",
        s.target_rate,
        s.listeners,
        s.senders,
        s.sent,
        s.deliveries,
        s.missing,
        s.out_of_order,
        s.deliveries_per_sec,
        s.latency.p50_ms,
        s.latency.p99_ms,
        s.latency.max_ms,
        s.ack_latency.p50_ms,
        s.ack_latency.p99_ms,
        s.server_cpu_secs,
        s.generator_cpu_secs,
        s.server_rss_kib / 1024,
        problems(s)
    )
}

fn problems(s: &Step) -> String {
    let mut out = String::new();
    if s.disconnected > 0 {
        out.push_str(&format!("  {} listeners disconnected", s.disconnected));
    }
    if s.send_errors > 0 || s.acked < s.sent {
        out.push_str(&format!(
            "  {} send errors, {} unacked (first: {})",
            s.send_errors,
            s.sent.saturating_sub(s.acked + s.send_errors),
            s.first_error.as_deref().unwrap_or("-")
        ));
    }
    if s.send_rate < 0.9 * s.target_rate {
        out.push_str(&format!("  sent only {:.0}/s", s.send_rate));
    }
    out
}
