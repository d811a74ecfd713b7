//! The in-process bus: one node, a broadcast channel.

use async_trait::async_trait;
use tokio::sync::broadcast;

use crate::{check_subject, Bus, BusError, BusMessage, Delivery, Subscription};

/// A bus inside one process; the default when Hallway runs as a single node.
pub struct InProcessBus {
    sender: broadcast::Sender<BusMessage>,
}

impl InProcessBus {
    /// `capacity` messages may wait for the slowest subscriber before it lags.
    pub fn new(capacity: usize) -> Self {
        let (sender, _) = broadcast::channel(capacity.max(1));
        Self { sender }
    }
}

impl Default for InProcessBus {
    fn default() -> Self {
        Self::new(65_536)
    }
}

#[async_trait]
impl Bus for InProcessBus {
    fn kind(&self) -> &'static str {
        "in-process"
    }

    async fn publish(&self, subject: &str, payload: Vec<u8>) -> Result<(), BusError> {
        check_subject(subject)?;
        // No subscriber is not an error: nobody is listening yet.
        let _ = self.sender.send(BusMessage {
            subject: subject.to_owned(),
            payload,
        });
        Ok(())
    }

    async fn subscribe(&self) -> Result<Box<dyn Subscription>, BusError> {
        Ok(Box::new(InProcessSubscription {
            receiver: self.sender.subscribe(),
        }))
    }
}

struct InProcessSubscription {
    receiver: broadcast::Receiver<BusMessage>,
}

#[async_trait]
impl Subscription for InProcessSubscription {
    async fn next(&mut self) -> Option<Delivery> {
        match self.receiver.recv().await {
            Ok(message) => Some(Delivery::Message(message)),
            Err(broadcast::error::RecvError::Lagged(n)) => Some(Delivery::Lagged(n)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_subscriber_gets_every_message_in_order() {
        let bus = InProcessBus::new(16);
        let mut a = bus.subscribe().await.unwrap();
        let mut b = bus.subscribe().await.unwrap();
        for n in 0..3u8 {
            bus.publish("room.1", vec![n]).await.unwrap();
        }
        for sub in [&mut a, &mut b] {
            for n in 0..3u8 {
                assert_eq!(
                    sub.next().await,
                    Some(Delivery::Message(BusMessage {
                        subject: "room.1".into(),
                        payload: vec![n]
                    }))
                );
            }
        }
    }

    #[tokio::test]
    async fn a_slow_subscriber_is_told_it_lagged_and_bad_subjects_are_refused() {
        let bus = InProcessBus::new(2);
        let mut sub = bus.subscribe().await.unwrap();
        for n in 0..5u8 {
            bus.publish("x", vec![n]).await.unwrap();
        }
        assert_eq!(sub.next().await, Some(Delivery::Lagged(3)));
        assert!(matches!(
            bus.publish("a..b", vec![]).await,
            Err(BusError::InvalidSubject(_))
        ));
    }
}
