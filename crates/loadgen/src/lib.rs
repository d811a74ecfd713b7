//! `hallway-load`: drives a real Hallway server over loopback WebSockets and measures it —
//! idle sockets and the server's memory, fan-out delivery and latency (beside a raw broadcast
//! ceiling), and send→durable-ack latency. See `docs/benchmarks/live.md`.

pub mod client;
pub mod fanout;
pub mod idle;
pub mod measure;
pub mod prepare;
pub mod raw;
pub mod report;
pub mod scenarios;
pub mod senders;
pub mod server;

/// Raises this process's open-files limit to the hard limit (each socket is a descriptor).
pub fn raise_open_files_limit() -> u64 {
    rlimit::increase_nofile_limit(u64::MAX).unwrap_or_default()
}
