//! A live-protocol client as a page's script would be: the session cookie, the page's Origin,
//! JSON text frames. Buffers are small: the generator holds thousands of idle sockets.

use std::time::Duration;

use anyhow::{bail, Context};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::measure::number_after;

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long the handshake, hello or join may take.
pub const STEP_WAIT: Duration = Duration::from_secs(60);

/// Opens `/api/v1/live` on `base` (e.g. `http://127.0.0.1:8080`) with `token` as the session.
pub async fn open(base: &str, token: &str) -> anyhow::Result<Socket> {
    let url = format!("{}/api/v1/live", base.replacen("http", "ws", 1));
    let mut request = url.into_client_request()?;
    let headers = request.headers_mut();
    headers.insert("Origin", base.parse()?);
    headers.insert("Cookie", format!("hallway_session={token}").parse()?);
    let config = WebSocketConfig::default()
        .read_buffer_size(16 * 1024)
        .write_buffer_size(0);
    let connect = tokio_tungstenite::connect_async_with_config(request, Some(config), true);
    let (socket, _) = tokio::time::timeout(STEP_WAIT, connect)
        .await
        .context("the WebSocket handshake timed out")?
        .context("opening the live socket")?;
    Ok(socket)
}

/// Opens a socket and says hello.
pub async fn greet(base: &str, token: &str) -> anyhow::Result<Socket> {
    let mut socket = open(base, token).await?;
    socket
        .send(Message::text(r#"{"type":"hello","v":1}"#))
        .await?;
    until(&mut socket, r#"{"type":"welcome""#).await?;
    Ok(socket)
}

/// Joins `room`; returns the seq the socket is caught up to.
pub async fn join(socket: &mut Socket, room: i64) -> anyhow::Result<i64> {
    socket
        .send(Message::text(format!(r#"{{"type":"join","room":{room}}}"#)))
        .await?;
    let caught_up = until(socket, r#"{"type":"caught_up""#).await?;
    let seq = number_after(&caught_up, r#""seq":"#).context("caught_up without a seq")?;
    Ok(i64::try_from(seq)?)
}

/// Skips frames until one starts with `prefix`; fails on an error frame, close or timeout.
pub async fn until(socket: &mut Socket, prefix: &str) -> anyhow::Result<String> {
    let wait = tokio::time::timeout(STEP_WAIT, async {
        while let Some(message) = socket.next().await {
            match message? {
                Message::Text(text) if text.starts_with(prefix) => return Ok(text.to_string()),
                Message::Text(text) if text.starts_with(r#"{"type":"error""#) => {
                    bail!("the server answered with an error: {text}")
                }
                Message::Text(text) if text.starts_with(r#"{"type":"bye""#) => {
                    bail!("the server closed the socket: {text}")
                }
                Message::Close(_) => bail!("the server closed the socket"),
                _ => {}
            }
        }
        bail!("the socket ended")
    });
    wait.await
        .with_context(|| format!("no {prefix}…}} within {STEP_WAIT:?}"))?
}
