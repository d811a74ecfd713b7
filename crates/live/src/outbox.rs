//! A connection's bounded outbound queue. Producers never wait: a frame that does not fit
//! means the client cannot keep up, and the connection is closed with a reason (it resumes
//! without a gap, because every room event is replayable from the store).

use bytes::Bytes;
use std::sync::{Arc, OnceLock};

use tokio::sync::{mpsc, Notify};

/// Why and when a connection must close; the socket writer waits on it.
#[derive(Default, Debug)]
pub struct Closer {
    reason: OnceLock<String>,
    notify: Notify,
}

impl Closer {
    /// Asks the writer to send `bye` with `reason` and close; the first reason wins.
    pub fn close(&self, reason: impl Into<String>) {
        if self.reason.set(reason.into()).is_ok() {
            // Both the socket's reader and its writer wait for this.
            self.notify.notify_waiters();
        }
    }

    pub fn reason(&self) -> Option<&str> {
        self.reason.get().map(String::as_str)
    }

    /// Resolves once `close` was called.
    pub async fn closed(&self) {
        let notified = self.notify.notified();
        tokio::pin!(notified);
        // Registered before the check, so a close between the two is not missed.
        notified.as_mut().enable();
        if self.reason.get().is_some() {
            return;
        }
        notified.await;
    }
}

/// The sending half, held by the hub (fan-out) and by the connection's own handlers.
#[derive(Clone, Debug)]
pub struct Outbox {
    frames: mpsc::Sender<Bytes>,
    closer: Arc<Closer>,
}

/// The receiving half, held by the socket writer.
#[derive(Debug)]
pub struct Outgoing {
    pub frames: mpsc::Receiver<Bytes>,
    pub closer: Arc<Closer>,
}

/// A queue of `capacity` frames.
pub fn outbox(capacity: usize) -> (Outbox, Outgoing) {
    let (frames, receiver) = mpsc::channel(capacity.max(1));
    let closer = Arc::new(Closer::default());
    (
        Outbox {
            frames,
            closer: closer.clone(),
        },
        Outgoing {
            frames: receiver,
            closer,
        },
    )
}

impl Outbox {
    /// Queues a frame without waiting; `false` if the connection is gone or was just closed
    /// for falling behind.
    pub fn push(&self, frame: Bytes) -> bool {
        if self.closer.reason().is_some() {
            return false;
        }
        match self.frames.try_send(frame) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.closer.close(
                    "slow_consumer: the connection fell behind; reconnect and join with `after`",
                );
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }

    /// Queues a frame, waiting for room (replays, which must not overflow the queue).
    pub async fn push_waiting(&self, frame: Bytes) -> bool {
        if self.closer.reason().is_some() {
            return false;
        }
        self.frames.send(frame).await.is_ok()
    }

    /// Frames that fit in the queue right now.
    pub fn free(&self) -> usize {
        self.frames.capacity()
    }

    pub fn is_open(&self) -> bool {
        self.closer.reason().is_none() && !self.frames.is_closed()
    }

    pub fn close(&self, reason: impl Into<String>) {
        self.closer.close(reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_closes_the_connection_with_a_reason() {
        let (outbox, mut outgoing) = outbox(2);
        assert!(outbox.push("a".into()));
        assert!(outbox.push("b".into()));
        assert!(!outbox.push("c".into()));
        outgoing.closer.closed().await;
        assert!(outgoing
            .closer
            .reason()
            .unwrap()
            .starts_with("slow_consumer"));
        assert_eq!(outgoing.frames.recv().await.unwrap(), "a");
        assert!(!outbox.push("d".into()));
    }
}
