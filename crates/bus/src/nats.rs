//! The NATS bus: several nodes, one NATS server (core NATS, at most once).
//!
//! Every node publishes on `<prefix>.<subject>` through one client connection, so one node's
//! messages keep their order, and subscribes to `<prefix>.>`, so it also hears its own
//! messages (NATS echoes them), which the hub relies on.
//!
//! Each subscription is fed by a small pump task that moves messages from the NATS client into a
//! bounded channel without ever waiting. When that channel is full, or the client drops messages
//! itself (a slow consumer) or loses its connection, the pump counts what was missed and yields
//! [`Delivery::Lagged`] at the place of the gap. After a lost connection the count is a lower
//! bound (1): NATS cannot say how many messages went by while it was away.

use std::time::Duration;

use async_trait::async_trait;
use futures_util::StreamExt;
use tokio::sync::{broadcast, mpsc};

use crate::{check_subject, Bus, BusError, BusMessage, Delivery, Subscription};

/// The subject prefix used unless another is given.
pub const DEFAULT_PREFIX: &str = "hallway";
/// How long connecting may take before it is reported as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a publish may wait for room in the client's outgoing buffer.
const PUBLISH_TIMEOUT: Duration = Duration::from_secs(2);
/// Messages a subscription may hold for a slow reader before it lags (as [`crate::InProcessBus`]).
const DEFAULT_CAPACITY: usize = 65_536;

/// A bus shared by every node connected to the same NATS server with the same prefix.
pub struct NatsBus {
    client: async_nats::Client,
    prefix: String,
    capacity: usize,
    /// Gaps the client reports (a slow consumer, a lost connection), fanned out to every pump.
    gaps: broadcast::Sender<u64>,
}

impl NatsBus {
    /// Connects to `url` (e.g. `nats://127.0.0.1:4222`) with the subject prefix `hallway`.
    pub async fn connect(url: &str) -> Result<NatsBus, BusError> {
        Self::connect_with_prefix(url, DEFAULT_PREFIX).await
    }

    /// Connects with its own subject prefix, so buses with different prefixes on one server
    /// never hear each other (tests, or several Hallways sharing a NATS server).
    pub async fn connect_with_prefix(url: &str, prefix: &str) -> Result<NatsBus, BusError> {
        check_subject(prefix)?;
        let (gaps, _) = broadcast::channel(64);
        let reporter = gaps.clone();
        let options = async_nats::ConnectOptions::new()
            .connection_timeout(CONNECT_TIMEOUT)
            .subscription_capacity(DEFAULT_CAPACITY)
            .event_callback(move |event| {
                let reporter = reporter.clone();
                async move { report_event(&reporter, event) }
            });
        let shown = redact_url(url);
        let connecting = tokio::time::timeout(CONNECT_TIMEOUT, options.connect(url));
        let client = match connecting.await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => {
                return Err(BusError::Unavailable(format!(
                    "cannot connect to NATS at {shown}: {e}"
                )))
            }
            Err(_) => {
                return Err(BusError::Unavailable(format!(
                    "NATS at {shown} did not answer within {} s",
                    CONNECT_TIMEOUT.as_secs()
                )))
            }
        };
        tracing::info!(url = %shown, prefix, "connected to NATS");
        Ok(NatsBus {
            client,
            prefix: prefix.to_owned(),
            capacity: DEFAULT_CAPACITY,
            gaps,
        })
    }

    /// Messages each later subscription may hold for a slow reader before it lags.
    pub fn with_capacity(mut self, capacity: usize) -> NatsBus {
        self.capacity = capacity.max(1);
        self
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Returns once the server has processed everything this connection sent before.
    ///
    /// `flush` only says the bytes left this process; a subscription the server has not read
    /// yet would miss what other connections publish meanwhile. A request to a subject nobody
    /// listens on comes back ("no responders") only after the server has read what preceded it.
    async fn barrier(&self) -> Result<(), BusError> {
        use async_nats::client::RequestErrorKind;
        match self
            .client
            .request(self.client.new_inbox(), Vec::new().into())
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == RequestErrorKind::NoResponders => Ok(()),
            Err(e) => Err(BusError::Unavailable(format!(
                "NATS did not confirm the subscription: {e}"
            ))),
        }
    }
}

/// Turns the client's events into gaps: anything that may have lost messages is one.
fn report_event(gaps: &broadcast::Sender<u64>, event: async_nats::Event) {
    match event {
        async_nats::Event::SlowConsumer(_) | async_nats::Event::Disconnected => {
            tracing::warn!(%event, "NATS may have dropped messages; subscribers will catch up");
            // Nobody subscribed yet means nobody missed anything.
            let _ = gaps.send(1);
        }
        async_nats::Event::Connected => tracing::info!("NATS connection (re)established"),
        other => tracing::debug!(event = %other, "NATS event"),
    }
}

#[async_trait]
impl Bus for NatsBus {
    fn kind(&self) -> &'static str {
        "nats"
    }

    async fn flush(&self) -> Result<(), BusError> {
        match tokio::time::timeout(PUBLISH_TIMEOUT, self.client.flush()).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(BusError::Unavailable(format!("flushing to NATS: {e}"))),
            Err(_) => Err(BusError::Unavailable(
                "flushing to NATS: the server did not answer".into(),
            )),
        }
    }

    async fn publish(&self, subject: &str, payload: Vec<u8>) -> Result<(), BusError> {
        check_subject(subject)?;
        let subject = format!("{}.{subject}", self.prefix);
        // While NATS is away the client buffers; once its buffer is full, fail instead of
        // holding the publisher (subscribers will be told they lagged and catch up).
        match tokio::time::timeout(
            PUBLISH_TIMEOUT,
            self.client.publish(subject, payload.into()),
        )
        .await
        {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(BusError::Unavailable(format!("publishing to NATS: {e}"))),
            Err(_) => Err(BusError::Unavailable(
                "publishing to NATS: the connection is not taking messages".into(),
            )),
        }
    }

    async fn subscribe(&self) -> Result<Box<dyn Subscription>, BusError> {
        let gaps = self.gaps.subscribe();
        let nats = self
            .client
            .subscribe(format!("{}.>", self.prefix))
            .await
            .map_err(|e| BusError::Unavailable(format!("subscribing to NATS: {e}")))?;
        // From here on the server delivers every message, from this node or any other.
        self.barrier().await?;
        let (sender, receiver) = mpsc::channel(self.capacity);
        let strip = format!("{}.", self.prefix);
        tokio::spawn(pump(nats, gaps, sender, strip));
        Ok(Box::new(NatsSubscription { receiver }))
    }
}

/// Moves messages from NATS to `sender` without waiting, counting what does not fit.
async fn pump(
    mut nats: async_nats::Subscriber,
    mut gaps: broadcast::Receiver<u64>,
    sender: mpsc::Sender<Delivery>,
    strip: String,
) {
    let mut missed: u64 = 0;
    let mut gaps_open = true;
    loop {
        tokio::select! {
            biased;
            () = sender.closed() => break,
            permit = sender.reserve(), if missed > 0 => match permit {
                Ok(permit) => {
                    permit.send(Delivery::Lagged(missed));
                    missed = 0;
                }
                Err(_) => break,
            },
            gap = gaps.recv(), if gaps_open => match gap {
                Ok(n) | Err(broadcast::error::RecvError::Lagged(n)) => missed += n,
                Err(broadcast::error::RecvError::Closed) => gaps_open = false,
            },
            message = nats.next() => {
                let Some(message) = message else { break };
                let Some(subject) = message.subject.as_str().strip_prefix(&strip) else {
                    continue;
                };
                let delivery = Delivery::Message(BusMessage {
                    subject: subject.to_owned(),
                    payload: message.payload.to_vec(),
                });
                if missed > 0 {
                    // Keep the gap where it happened: nothing newer goes before the notice.
                    missed += 1;
                    continue;
                }
                match sender.try_send(delivery) {
                    Ok(()) => {}
                    Err(mpsc::error::TrySendError::Full(_)) => missed += 1,
                    Err(mpsc::error::TrySendError::Closed(_)) => break,
                }
            }
        }
    }
    // Dropping `nats` unsubscribes.
}

struct NatsSubscription {
    receiver: mpsc::Receiver<Delivery>,
}

#[async_trait]
impl Subscription for NatsSubscription {
    async fn next(&mut self) -> Option<Delivery> {
        self.receiver.recv().await
    }
}

/// `url` with any password or token replaced, safe for errors and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let (start, rest) = (&url[..scheme + 3], &url[at..]);
            match url[scheme + 3..at].split_once(':') {
                Some((user, _)) => format!("{start}{user}:***{rest}"),
                // `nats://TOKEN@host`: the user part is the secret.
                None => format!("{start}***{rest}"),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url as redact;

    #[test]
    fn passwords_stay_out_of_errors() {
        assert_eq!(redact("nats://a:secret@h:4222"), "nats://a:***@h:4222");
        assert_eq!(redact("nats://token@h"), "nats://***@h");
        assert_eq!(redact("nats://h:4222"), "nats://h:4222");
    }
}
