//! The NATS server for tests that need several nodes on one bus.
//!
//! Tests run against NATS when `HALLWAY_TEST_NATS_URL` names a server (e.g.
//! `nats://127.0.0.1:4222`). They share it, so each test picks its own subject prefix.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// The environment variable naming the NATS server for tests.
pub const NATS_URL_VAR: &str = "HALLWAY_TEST_NATS_URL";

/// The NATS server to test against, or `None` (after a loud warning) when none is configured.
///
/// Panics if `HALLWAY_TEST_NATS_URL` is set but nothing answers at its address, and if it is
/// unset while `CI` is set: CI must never pass by silently skipping NATS.
pub fn nats_url() -> Option<String> {
    match std::env::var(NATS_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => {
            let url = url.trim().to_owned();
            if let Err(why) = reachable(&url) {
                panic!("{NATS_URL_VAR} is set but NATS is unreachable ({url}): {why}");
            }
            Some(url)
        }
        _ if std::env::var_os("CI").is_some() => {
            panic!("{NATS_URL_VAR} is not set, but CI is: the NATS tests must run in CI")
        }
        _ => {
            warn_skipping_nats();
            None
        }
    }
}

/// A subject prefix no other test run uses, e.g. `t3f2a…`.
pub fn unique_nats_prefix() -> String {
    format!("t{}", uuid::Uuid::new_v4().simple())
}

/// Whether a TCP connection to the URL's (first) host and port opens within 3 s.
fn reachable(url: &str) -> Result<(), String> {
    let first = url.split(',').next().unwrap_or(url).trim();
    let without_scheme = first.split_once("://").map_or(first, |(_, rest)| rest);
    let host_port = without_scheme
        .rsplit_once('@')
        .map_or(without_scheme, |(_, rest)| rest)
        .trim_end_matches('/');
    let address = if host_port
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        host_port.to_owned()
    } else {
        format!("{host_port}:4222")
    };
    let addrs = address
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {address}: {e}"))?;
    let mut last = format!("{address} resolves to no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(3)) {
            Ok(_) => return Ok(()),
            Err(e) => last = format!("{addr}: {e}"),
        }
    }
    Err(last)
}

/// Says once per test binary, past the test harness's output capture, that NATS is skipped.
fn warn_skipping_nats() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPING NATS: {NATS_URL_VAR} is not set; the multi-node tests did not run ***\n"
        );
    });
}

#[cfg(test)]
mod tests {
    use super::reachable;

    #[test]
    fn a_closed_port_is_unreachable() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        assert!(reachable(&format!("nats://user:pw@127.0.0.1:{port}")).is_ok());
        drop(listener);
        assert!(reachable(&format!("nats://127.0.0.1:{port}")).is_err());
    }
}
