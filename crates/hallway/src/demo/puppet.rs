//! One simulated colleague's live session: a real [`LiveSession`] on the hub (so their presence,
//! voice, typing and posts are exactly what a browser's would be), driven by cues from the
//! director, with what the server tells them passed back.

use std::time::Duration;

use hallway_domain::{PersonId, RoomId};
use hallway_live::{Hub, LiveSession, Outgoing};
use hallway_protocol::ServerFrame;
use hallway_store::{NewSession, Person, StoreError};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// What the director asks a colleague to do.
#[derive(Debug, Clone)]
pub enum Cue {
    /// Send this protocol frame as is.
    Frame(Value),
    /// Type for a while (the room sees "is typing"), then post `body`.
    Say {
        room: RoomId,
        body: String,
        typing: Duration,
    },
}

/// What a colleague heard that the director cares about.
#[derive(Debug, Clone)]
pub struct Heard {
    pub who: PersonId,
    pub frame: ServerFrame,
}

/// A colleague's cue line.
#[derive(Debug, Clone)]
pub struct Puppet {
    pub cues: mpsc::Sender<Cue>,
}

/// Signs `person` in (a session of their own, like a browser's), connects them to the hub,
/// says hello, and runs their session until the cue line or the socket closes.
pub async fn enter(
    hub: &std::sync::Arc<Hub>,
    person: Person,
    heard: mpsc::Sender<Heard>,
) -> Result<Puppet, StoreError> {
    let (cues, rx) = mpsc::channel(64);
    let now = chrono::Utc::now();
    let signed_in = hub
        .store()
        .create_session(NewSession {
            person: person.id,
            token_hash: format!("demo-colleague-{:032x}", rand::random::<u128>()),
            user_agent: "Hallway demo colleague".into(),
            created_at: now,
            expires_at: now + chrono::Duration::days(30),
        })
        .await?;
    let (mut session, outgoing) = hub.connect(person.clone(), &signed_in).await;
    session
        .handle_text(&json!({"type": "hello", "v": hallway_protocol::VERSION}).to_string())
        .await;
    tokio::spawn(perform(session, outgoing, rx, heard, person.id));
    Ok(Puppet { cues })
}

/// A post being typed: where, what, and when it is sent.
struct Typing {
    room: RoomId,
    body: String,
    send_at: Instant,
    next_signal: Instant,
}

/// How often "typing" is repeated while typing (the hub relays at most one per 2 s).
const TYPING_EVERY: Duration = Duration::from_millis(2500);

async fn perform(
    mut session: LiveSession,
    mut outgoing: Outgoing,
    mut cues: mpsc::Receiver<Cue>,
    heard: mpsc::Sender<Heard>,
    who: PersonId,
) {
    let mut typing: Option<Typing> = None;
    let mut sent: u64 = 0;
    let started = chrono::Utc::now().timestamp_millis();
    loop {
        let wake = typing
            .as_ref()
            .map(|t| t.send_at.min(t.next_signal))
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            cue = cues.recv() => match cue {
                None => break,
                Some(Cue::Frame(frame)) => session.handle_text(&frame.to_string()).await,
                Some(Cue::Say { room, body, typing: takes }) => {
                    session.handle_text(&json!({"type": "typing", "room": room}).to_string()).await;
                    let now = Instant::now();
                    typing = Some(Typing { room, body, send_at: now + takes, next_signal: now + TYPING_EVERY });
                }
            },
            () = tokio::time::sleep_until(wake) => {
                let Some(current) = typing.as_mut() else { continue };
                if Instant::now() >= current.send_at {
                    sent += 1;
                    let frame = json!({
                        "type": "send",
                        "room": current.room,
                        "client_id": format!("sim-{}-{started}-{sent}", who.0),
                        "body": current.body,
                    });
                    typing = None;
                    session.handle_text(&frame.to_string()).await;
                } else {
                    current.next_signal = Instant::now() + TYPING_EVERY;
                    let frame = json!({"type": "typing", "room": current.room});
                    session.handle_text(&frame.to_string()).await;
                }
            }
            frame = outgoing.frames.recv() => {
                let Some(bytes) = frame else { break };
                let Ok(frame) = serde_json::from_slice::<ServerFrame>(&bytes) else { continue };
                if let ServerFrame::Error { code, message, .. } = &frame {
                    tracing::debug!(person = who.0, code = code.as_str(), %message, "a simulated colleague's frame was refused");
                }
                if worth_telling(&frame) && heard.try_send(Heard { who, frame }).is_err() {
                    tracing::debug!("the demo director is busy; a frame was not passed on");
                }
            }
            () = outgoing.closer.closed() => break,
        }
    }
    session.close().await;
}

/// Frames the director acts on: who is connected, and anything addressed to this person.
fn worth_telling(frame: &ServerFrame) -> bool {
    matches!(
        frame,
        ServerFrame::Hallway { .. } | ServerFrame::Person(_) | ServerFrame::Wave(_)
    )
}
