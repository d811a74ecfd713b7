//! `GET /api/v1/live`: the WebSocket. Authenticated by the session cookie (the route table
//! requires a signed-in viewer), Origin-checked, then handed to the live hub: one task reads
//! frames into the session, one writes the session's queue out in batches and pings.

use std::time::Instant;

use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::{SinkExt, StreamExt};
use hallway_live::{LiveSession, Outgoing};
use hallway_protocol::{ServerFrame, MAX_FRAME_BYTES};

use crate::auth::csrf::same_origin;
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// Frames up to this size are read (and refused with an error frame when over 64 KiB);
/// anything larger ends the socket at the WebSocket layer.
const READ_LIMIT: usize = 1024 * 1024;
/// The read buffer each socket starts with (tungstenite's default, 128 KiB, is zero-filled on
/// the first read, so every idle socket would hold it); larger frames grow it as needed.
const READ_BUFFER: usize = 4 * 1024;
/// Frames written per flush.
const WRITE_BATCH: usize = 64;

pub async fn socket(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    upgrade: WebSocketUpgrade,
    request: Request,
) -> Response {
    if !same_origin(&request, &state.config) {
        return AppError::forbidden("this socket was opened from another site (Origin mismatch)")
            .into_response();
    }
    let hub = state.hub.clone();
    upgrade
        .max_message_size(READ_LIMIT)
        .max_frame_size(READ_LIMIT)
        .read_buffer_size(READ_BUFFER)
        .on_upgrade(move |socket| async move {
            let (session, outgoing) = hub.connect(viewer.person).await;
            run(socket, session, outgoing).await;
        })
}

async fn run(socket: WebSocket, mut session: LiveSession, outgoing: Outgoing) {
    let (sink, mut stream) = socket.split();
    let (ping_every, ping_timeout) = session.ping_timing();
    let (pong_sender, pong_receiver) = tokio::sync::watch::channel(Instant::now());
    let closer = outgoing.closer.clone();
    let writer = tokio::spawn(write(
        sink,
        outgoing,
        ping_every,
        ping_timeout,
        pong_receiver,
    ));
    loop {
        let message = tokio::select! {
            () = closer.closed() => break,
            message = stream.next() => message,
        };
        let Some(Ok(message)) = message else { break };
        match message {
            Message::Text(text) => session.handle_text(text.as_str()).await,
            Message::Binary(bytes) if bytes.len() > MAX_FRAME_BYTES => {
                session.refuse_oversized(bytes.len())
            }
            Message::Binary(_) => session.refuse_binary(),
            Message::Pong(_) | Message::Ping(_) => {
                let _ = pong_sender.send(Instant::now());
            }
            Message::Close(_) => break,
        }
    }
    session.close().await;
    closer.close("closed");
    // Let the writer say why (bye) before the socket goes.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), writer).await;
}

async fn write(
    mut sink: futures_util::stream::SplitSink<WebSocket, Message>,
    mut outgoing: Outgoing,
    ping_every: std::time::Duration,
    ping_timeout: std::time::Duration,
    heard: tokio::sync::watch::Receiver<Instant>,
) {
    let mut ping = tokio::time::interval(ping_every);
    ping.tick().await;
    loop {
        tokio::select! {
            biased;
            () = outgoing.closer.closed() => {
                let reason = outgoing.closer.reason().unwrap_or("closing").to_owned();
                let bye = ServerFrame::Bye { reason }.to_json();
                let _ = sink.send(Message::Text(bye.into())).await;
                let _ = sink.close().await;
                return;
            }
            frame = outgoing.frames.recv() => {
                let Some(frame) = frame else { return };
                if feed(&mut sink, frame).await.is_err() {
                    outgoing.closer.close("write_failed");
                    return;
                }
                for _ in 1..WRITE_BATCH {
                    match outgoing.frames.try_recv() {
                        Ok(frame) => {
                            if feed(&mut sink, frame).await.is_err() {
                                outgoing.closer.close("write_failed");
                                return;
                            }
                        }
                        Err(_) => break,
                    }
                }
                if sink.flush().await.is_err() {
                    outgoing.closer.close("write_failed");
                    return;
                }
            }
            _ = ping.tick() => {
                if heard.borrow().elapsed() > ping_timeout {
                    outgoing.closer.close("timeout: no answer to pings");
                    continue;
                }
                if sink.send(Message::Ping(bytes::Bytes::new())).await.is_err() {
                    outgoing.closer.close("write_failed");
                    return;
                }
            }
        }
    }
}

async fn feed(
    sink: &mut futures_util::stream::SplitSink<WebSocket, Message>,
    frame: bytes::Bytes,
) -> Result<(), axum::Error> {
    match Utf8Bytes::try_from(frame) {
        Ok(text) => sink.feed(Message::Text(text)).await,
        Err(_) => Ok(()),
    }
}
