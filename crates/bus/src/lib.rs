//! The fan-out bus: every node publishes what happened (room events, presence, typing, voice
//! signals) and every node, itself included, receives it and delivers it to its own sockets.
//!
//! The bus only fans out; the store is the source of truth. A subscriber that falls behind is
//! told how much it missed ([`Delivery::Lagged`]) so it can catch up from the store.
//! Messages from one publisher arrive in the order they were published.
//!
//! Two implementations: [`InProcessBus`] for one node, [`NatsBus`] for several nodes sharing a
//! NATS server (each Hallway under its own subject prefix).

mod memory;
mod nats;

pub use memory::InProcessBus;
pub use nats::{redact_url as redact_nats_url, NatsBus, DEFAULT_PREFIX as DEFAULT_NATS_PREFIX};

use async_trait::async_trait;

/// One published message: a subject (e.g. `room.12`) and opaque bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusMessage {
    pub subject: String,
    pub payload: Vec<u8>,
}

/// What a subscription yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Message(BusMessage),
    /// This many messages were lost because the subscriber fell behind.
    Lagged(u64),
}

#[derive(Debug, thiserror::Error)]
pub enum BusError {
    #[error("the bus is unavailable: {0}")]
    Unavailable(String),
    #[error("invalid bus subject {0:?}: use letters, digits, '-', '_' and '.'")]
    InvalidSubject(String),
}

/// A stream of every message published on the bus after it was created.
#[async_trait]
pub trait Subscription: Send {
    /// The next delivery; `None` once the bus is gone.
    async fn next(&mut self) -> Option<Delivery>;
}

#[async_trait]
pub trait Bus: Send + Sync + 'static {
    /// "in-process" or "nats", for logs.
    fn kind(&self) -> &'static str;
    async fn publish(&self, subject: &str, payload: Vec<u8>) -> Result<(), BusError>;
    async fn subscribe(&self) -> Result<Box<dyn Subscription>, BusError>;
    /// Waits until what was published has left this process (a short-lived publisher, such
    /// as the CLI, calls it before exiting). In-process buses have nothing to wait for.
    async fn flush(&self) -> Result<(), BusError> {
        Ok(())
    }
}

/// Subjects are dot-separated words of letters, digits, `-` and `_`.
pub fn check_subject(subject: &str) -> Result<(), BusError> {
    let ok = !subject.is_empty()
        && subject.split('.').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if ok {
        Ok(())
    } else {
        Err(BusError::InvalidSubject(subject.to_owned()))
    }
}
