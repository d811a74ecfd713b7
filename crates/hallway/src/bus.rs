//! Opens the bus the configuration names: NATS for a `nats_url`, otherwise in-process.
//!
//! One node needs no bus server; several nodes sharing one database must share a NATS server
//! (and subject prefix) too, or people on different nodes would not see each other live.

use std::sync::Arc;

use anyhow::Context;
use hallway_bus::{Bus, InProcessBus, NatsBus};

use crate::config::Config;

pub async fn open_bus(config: &Config) -> anyhow::Result<Arc<dyn Bus>> {
    let url = config.nats_url.trim();
    if url.is_empty() {
        return Ok(Arc::new(InProcessBus::default()));
    }
    let bus = NatsBus::connect_with_prefix(url, &config.nats_subject_prefix)
        .await
        .with_context(|| {
            format!(
                "nats_url: connecting to the bus at {}",
                hallway_bus::redact_nats_url(url)
            )
        })?;
    Ok(Arc::new(bus))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_node_gets_an_in_process_bus() {
        let bus = open_bus(&Config::default()).await.unwrap();
        assert_eq!(bus.kind(), "in-process");
    }

    #[tokio::test]
    async fn an_unreachable_nats_server_is_named() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!(
            "nats://hallway:s3cret@127.0.0.1:{}",
            closed.local_addr().unwrap().port()
        );
        drop(closed);
        let config = Config {
            nats_url: url,
            ..Config::default()
        };
        let started = std::time::Instant::now();
        let error = format!("{:#}", open_bus(&config).await.err().unwrap());
        assert!(error.contains("nats_url"), "{error}");
        assert!(error.contains("nats://hallway:***@127.0.0.1:"), "{error}");
        assert!(!error.contains("s3cret"), "{error}");
        assert!(started.elapsed() < std::time::Duration::from_secs(6));
    }
}
