//! The `hallway` binary's library: the command line, configuration layers, opening the store
//! and the bus, running the server, the demo and the admin commands. `main.rs` only calls [`cli::run`].

pub mod admin;
pub mod ask;
pub mod bus;
pub mod circles;
pub mod cli;
pub mod config;
pub mod demo;
pub mod import;
pub use hallway_mail as mail;
pub mod memory;
pub mod output;
pub mod pair;
pub mod pulse;
pub mod reindex;
pub mod schedule;
pub mod serve;
pub mod storage;
