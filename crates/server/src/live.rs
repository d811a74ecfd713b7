//! `GET /api/v1/live`: the WebSocket. Authenticated by the session cookie (the route table
//! requires a signed-in viewer), Origin-checked, then handed to the live hub: one task reads
//! frames into the session, one writes the session's queue out in batches and pings.

use std::time::{Duration, Instant};

use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::{SinkExt, StreamExt};
use hallway_live::{LiveSession, Outgoing};
use hallway_protocol::{ByeCode, ServerFrame, MAX_FRAME_BYTES};

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
/// How long one write (a batch, a ping) may wait on a client that does not read before the
/// socket is given up as a slow consumer.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the writer has to say `bye` once the socket is closing; after that the connection
/// is dropped whatever the client does.
const BYE_GRACE: Duration = Duration::from_secs(2);

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
            let (session, outgoing) = hub.connect(viewer.person, &viewer.session).await;
            run(socket, session, outgoing).await;
        })
}

async fn run(socket: WebSocket, mut session: LiveSession, outgoing: Outgoing) {
    let (sink, mut stream) = socket.split();
    let (ping_every, ping_timeout) = session.ping_timing();
    let (pong_sender, pong_receiver) = tokio::sync::watch::channel(Instant::now());
    let closer = outgoing.closer.clone();
    let mut writer = tokio::spawn(write(
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
    closer.close("closed");
    // Let the writer say why (bye); a writer stuck on a client that stopped reading is
    // stopped, which drops its half of the socket: with the reader's half gone too, the TCP
    // connection closes.
    if tokio::time::timeout(BYE_GRACE, &mut writer).await.is_err() {
        writer.abort();
        let _ = writer.await;
    }
    drop(stream);
    // Only now is the session forgotten, so a shutdown waiting for it knows the bye is out.
    session.close().await;
}

async fn write(
    mut sink: futures_util::stream::SplitSink<WebSocket, Message>,
    mut outgoing: Outgoing,
    ping_every: Duration,
    ping_timeout: Duration,
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
                let _ = tokio::time::timeout(BYE_GRACE, async {
                    let _ = sink.send(Message::Text(bye.into())).await;
                    let _ = sink.close().await;
                })
                .await;
                return;
            }
            frame = outgoing.frames.recv() => {
                let Some(frame) = frame else { return };
                if let Err(why) = timed(write_batch(&mut sink, &mut outgoing, frame)).await {
                    outgoing.closer.close(why);
                    return;
                }
            }
            _ = ping.tick() => {
                if heard.borrow().elapsed() > ping_timeout {
                    outgoing.closer.close("timeout: no answer to pings");
                    continue;
                }
                if let Err(why) = timed(sink.send(Message::Ping(bytes::Bytes::new()))).await {
                    outgoing.closer.close(why);
                    return;
                }
            }
        }
    }
}

/// A write that must finish within [`WRITE_TIMEOUT`]; the error is the `bye` reason.
async fn timed(
    write: impl std::future::Future<Output = Result<(), axum::Error>>,
) -> Result<(), String> {
    match tokio::time::timeout(WRITE_TIMEOUT, write).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err("write_failed".to_owned()),
        Err(_) => Err(ByeCode::SlowConsumer.reason("the connection stopped reading")),
    }
}

/// Writes `first` and whatever else is queued (up to a batch), then flushes.
async fn write_batch(
    sink: &mut futures_util::stream::SplitSink<WebSocket, Message>,
    outgoing: &mut Outgoing,
    first: bytes::Bytes,
) -> Result<(), axum::Error> {
    feed(sink, first).await?;
    for _ in 1..WRITE_BATCH {
        match outgoing.frames.try_recv() {
            Ok(frame) => feed(sink, frame).await?,
            Err(_) => break,
        }
    }
    sink.flush().await
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
