//! A WebSocket client for the live protocol, as a script in a page would use it: the session
//! cookie from a signed-in [`Client`], the page's Origin, JSON text frames.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hallway_protocol::ServerFrame;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::Client;

/// How long a test waits for an expected frame before failing.
pub const FRAME_WAIT: Duration = Duration::from_secs(10);

pub struct LiveClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl LiveClient {
    /// Opens `/api/v1/live` as `client`'s person, without saying hello.
    pub async fn open(client: &Client) -> LiveClient {
        Self::open_with_origin(client, &client.base)
            .await
            .expect("opening the live socket")
    }

    /// Opens the socket with a chosen `Origin`; the error is the refused handshake.
    pub async fn open_with_origin(
        client: &Client,
        origin: &str,
    ) -> Result<LiveClient, tokio_tungstenite::tungstenite::Error> {
        let url = format!("{}/api/v1/live", client.base.replacen("http", "ws", 1));
        let mut request = url.into_client_request()?;
        let headers = request.headers_mut();
        headers.insert("Origin", origin.parse().expect("an origin header"));
        headers.insert(
            "Cookie",
            client.cookie_header().parse().expect("a cookie header"),
        );
        let (socket, _) = tokio_tungstenite::connect_async(request).await?;
        Ok(LiveClient { socket })
    }

    /// Opens the socket and completes the hello; returns the welcome's connection id.
    pub async fn connect(client: &Client) -> (LiveClient, String) {
        let mut live = Self::open(client).await;
        live.send(json!({"type": "hello", "v": 1})).await;
        match live.next().await {
            ServerFrame::Welcome { connection, .. } => (live, connection),
            other => panic!("expected welcome, got {other:?}"),
        }
    }

    pub async fn send(&mut self, frame: Value) {
        self.send_text(&frame.to_string()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        self.socket
            .send(Message::text(text))
            .await
            .expect("sending a frame");
    }

    /// The next frame from the server (pings are answered by the library and skipped).
    pub async fn next(&mut self) -> ServerFrame {
        self.try_next(FRAME_WAIT)
            .await
            .unwrap_or_else(|| panic!("no frame within {FRAME_WAIT:?}"))
    }

    /// The next frame within `wait`, or `None` if none came (or the socket closed).
    pub async fn try_next(&mut self, wait: Duration) -> Option<ServerFrame> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let message = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .ok()??;
            match message.ok()? {
                Message::Text(text) => {
                    return Some(serde_json::from_str(text.as_str()).unwrap_or_else(|e| {
                        panic!("the server sent a frame that is not protocol JSON ({e}): {text}")
                    }))
                }
                Message::Close(_) => return None,
                _ => continue,
            }
        }
    }

    /// Skips frames until one matches; panics with what was skipped if none does in time.
    pub async fn until(&mut self, mut wanted: impl FnMut(&ServerFrame) -> bool) -> ServerFrame {
        let deadline = tokio::time::Instant::now() + FRAME_WAIT;
        let mut skipped = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match self.try_next(left).await {
                Some(frame) if wanted(&frame) => return frame,
                Some(frame) => skipped.push(frame),
                None => panic!("no matching frame within {FRAME_WAIT:?}; skipped {skipped:#?}"),
            }
        }
    }

    /// Frames that arrive within `wait`, for asserting that something did NOT arrive.
    pub async fn drain(&mut self, wait: Duration) -> Vec<ServerFrame> {
        let mut frames = Vec::new();
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match self.try_next(left).await {
                Some(frame) => frames.push(frame),
                None => return frames,
            }
        }
    }

    /// Whether the server ends the socket (a close frame, the end of the stream or a reset)
    /// within `wait`, skipping any frames before that.
    pub async fn ends_within(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.socket.next()).await {
                Err(_) => return false,
                Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => return true,
                Ok(Some(Ok(_))) => continue,
            }
        }
    }

    /// Closes the socket (as a tab closing would).
    pub async fn close(mut self) {
        let _ = self.socket.close(None).await;
    }
}
