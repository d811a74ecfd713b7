//! The hub's long-lived tasks: the bus loop, the presence flusher and heartbeat, and the
//! periodic session check. Each holds the hub weakly and ends once it is dropped.

use std::sync::Weak;

use hallway_bus::{Delivery, Subscription};

use crate::hub::Hub;
use crate::wire::BusEvent;

pub(crate) async fn run_bus(hub: Weak<Hub>, mut subscription: Box<dyn Subscription>) {
    while let Some(delivery) = subscription.next().await {
        let Some(hub) = hub.upgrade() else { return };
        match delivery {
            Delivery::Message(message) => match BusEvent::decode(&message.payload) {
                Ok(BusEvent::Access { origin, change }) => {
                    // Store reads for many sockets must not hold up room delivery.
                    if origin != hub.node() {
                        tokio::spawn(async move { hub.apply_access(&change).await });
                    }
                }
                Ok(event) => hub.receive(event).await,
                Err(error) => {
                    tracing::warn!(subject = %message.subject, %error, "unreadable bus message")
                }
            },
            Delivery::Lagged(missed) => {
                tracing::warn!(missed, "the bus lagged; catching up from the store");
                hub.feeds.resync(hub.store.as_ref()).await;
            }
        }
    }
    if hub.upgrade().is_some() {
        tracing::error!("the bus subscription ended; live updates stop on this node");
    } else {
        tracing::debug!("the bus subscription ended with the hub");
    }
}

pub(crate) async fn run_timers(hub: Weak<Hub>) {
    let (flush, beat) = match hub.upgrade() {
        Some(hub) => (hub.config.presence_flush, hub.config.node_heartbeat),
        None => return,
    };
    let mut flush_tick = tokio::time::interval(flush);
    let mut beat_tick = tokio::time::interval(beat);
    flush_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    beat_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = flush_tick.tick() => {
                let Some(hub) = hub.upgrade() else { return };
                hub.flush_presence();
            }
            _ = beat_tick.tick() => {
                let Some(hub) = hub.upgrade() else { return };
                hub.heartbeat().await;
            }
        }
    }
}

/// Checks every socket's session now and then (see `access.rs`).
pub(crate) async fn run_session_checks(hub: Weak<Hub>) {
    let every = match hub.upgrade() {
        Some(hub) => hub.config.session_check_every,
        None => return,
    };
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await;
    loop {
        tick.tick().await;
        let Some(hub) = hub.upgrade() else { return };
        hub.check_sessions().await;
    }
}
