//! What the kill -9 test drives: a real `hallway serve` process on a backend's data, and
//! writers that post over the live WebSocket, each as its own person, keeping every message
//! until it is acknowledged and sending it again (same client id) after a reconnect.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Utc;
use futures_util::{SinkExt, StreamExt};
use hallway_domain::{DisplayName, Email, PersonId, Role, RoomId};
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{NewPerson, NewSession, Store};
use serde_json::{json, Value};
use tokio::process::{Child, Command};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

/// How long a server may take to answer `/readyz`, and a flush to get everything through.
const READY_WITHIN: Duration = Duration::from_secs(60);
const FLUSH_WITHIN: Duration = Duration::from_secs(120);
/// How long a writer waits for an answer before taking the server for dead.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// A small deterministic generator for the kill moments (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// One running `hallway serve`.
pub struct Server {
    pub url: String,
    child: Child,
    log: std::path::PathBuf,
}

impl Server {
    /// Starts `hallway serve` on `database_url` and waits until it answers `/readyz`.
    pub async fn start(dir: &Path, database_url: &str) -> Server {
        for _ in 0..3 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let url = format!("http://127.0.0.1:{port}");
            let log = dir.join(format!("serve-{port}.log"));
            let output = std::fs::File::create(&log).expect("a log file");
            let child = Command::new(env!("CARGO_BIN_EXE_hallway"))
                .arg("--data-dir")
                .arg(dir)
                .args(["--database-url", database_url])
                .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
                .args(["--public-url", &url])
                .env_remove("HALLWAY_CONFIG")
                .env_remove("HALLWAY_NATS_URL")
                .env("RUST_LOG", "warn")
                .stdin(Stdio::null())
                .stdout(output.try_clone().expect("the log file"))
                .stderr(output)
                .kill_on_drop(true)
                .spawn()
                .expect("starting hallway serve");
            let mut server = Server { url, child, log };
            if server.until_ready().await {
                return server;
            }
        }
        panic!(
            "hallway serve did not start (see the logs in {})",
            dir.display()
        );
    }

    /// True once ready; false if the process exited because its port was taken.
    async fn until_ready(&mut self) -> bool {
        let http = reqwest::Client::new();
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            if let Some(status) = self.child.try_wait().expect("polling the server") {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                assert!(
                    log.contains("another program using that port"),
                    "hallway serve exited ({status}) before it was ready:\n{log}"
                );
                return false;
            }
            let ready = http
                .get(format!("{}/readyz", self.url))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return true;
            }
            assert!(
                Instant::now() < deadline,
                "not ready within {READY_WITHIN:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL: no shutdown, no flush, the process is simply gone.
    pub async fn kill_9(mut self) {
        self.child.start_kill().expect("sending SIGKILL");
        let _ = self.child.wait().await;
    }
}

/// What the server acknowledged for one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    pub room: i64,
    pub seq: i64,
    pub message: i64,
}

/// One writer: a person with a session, the messages not yet acknowledged and those that are.
pub struct WriterState {
    pub person: PersonId,
    token: String,
    rooms: Vec<RoomId>,
    name: usize,
    next: usize,
    /// client id → (room, body), until acknowledged.
    pub pending: BTreeMap<String, (RoomId, String)>,
    pub acked: HashMap<String, Ack>,
    /// Anything that contradicts durability: a second ack naming another seq, a refusal.
    pub conflicts: Vec<String>,
}

impl WriterState {
    /// A member with a session, made through the store before the server starts.
    pub async fn create(store: &dyn Store, n: usize, rooms: Vec<RoomId>) -> WriterState {
        let person = store
            .create_person(NewPerson {
                email: Email::parse(&format!("writer{n}@example.org")).unwrap(),
                role: Role::Member,
                password_hash: None,
                active: true,
                profile: starter_profile(DisplayName::parse(&format!("Writer {n}")).unwrap(), None),
                teams: Vec::new(),
                joined_at: Utc::now(),
            })
            .await
            .unwrap();
        let token = new_token();
        store
            .create_session(NewSession {
                person: person.id,
                token_hash: token_hash(&token),
                user_agent: "kill -9 test".into(),
                created_at: Utc::now(),
                expires_at: Utc::now() + chrono::Duration::days(1),
            })
            .await
            .unwrap();
        WriterState {
            person: person.id,
            token,
            rooms,
            name: n,
            next: 0,
            pending: BTreeMap::new(),
            acked: HashMap::new(),
            conflicts: Vec::new(),
        }
    }

    /// The oldest unacknowledged message, or (unless `flushing`) a new one.
    fn next_message(&mut self, flushing: bool) -> Option<(String, RoomId, String)> {
        if let Some((id, (room, body))) = self.pending.iter().next() {
            return Some((id.clone(), *room, body.clone()));
        }
        if flushing {
            return None;
        }
        self.next += 1;
        let id = format!("w{}-{}", self.name, self.next);
        let room = self.rooms[self.next % self.rooms.len()];
        let body = format!("message {} of writer {}", self.next, self.name);
        self.pending.insert(id.clone(), (room, body.clone()));
        Some((id, room, body))
    }

    fn acknowledged(&mut self, frame: &Value) {
        let id = frame["client_id"].as_str().unwrap_or_default().to_owned();
        let ack = Ack {
            room: frame["room"].as_i64().unwrap_or(0),
            seq: frame["seq"].as_i64().unwrap_or(0),
            message: frame["message"].as_i64().unwrap_or(0),
        };
        if let Some(earlier) = self.acked.get(&id) {
            if *earlier != ack {
                self.conflicts
                    .push(format!("{id}: acked as {earlier:?}, then {ack:?}"));
            }
        }
        self.pending.remove(&id);
        self.acked.insert(id, ack);
    }
}

pub struct Writer;

type Tasks = Vec<tokio::task::JoinHandle<WriterState>>;

impl Writer {
    /// Starts every writer against `url`; they write until the server dies.
    pub fn spawn_all(url: &str, writers: &mut Vec<WriterState>) -> (Tasks, watch::Sender<bool>) {
        let (stop, stopped) = watch::channel(false);
        let tasks = writers
            .drain(..)
            .map(|mut state| {
                let (url, stopped) = (url.to_owned(), stopped.clone());
                tokio::spawn(async move {
                    session(&url, &mut state, false, &stopped).await;
                    state
                })
            })
            .collect();
        (tasks, stop)
    }

    /// Waits for every writer to notice the server is gone.
    pub async fn join_all(tasks: Tasks, stop: watch::Sender<bool>) -> Vec<WriterState> {
        let _ = stop.send(true);
        let mut states = Vec::new();
        for task in tasks {
            states.push(task.await.expect("a writer task"));
        }
        states
    }

    /// Sends every writer's unacknowledged messages until all are acknowledged.
    pub async fn flush_all(url: &str, writers: Vec<WriterState>) -> Vec<WriterState> {
        let deadline = Instant::now() + FLUSH_WITHIN;
        let (_stop, stopped) = watch::channel(false);
        let mut done = Vec::new();
        for mut state in writers {
            while !state.pending.is_empty() {
                assert!(
                    Instant::now() < deadline,
                    "could not flush {:?}",
                    state.pending
                );
                session(url, &mut state, true, &stopped).await;
            }
            done.push(state);
        }
        done
    }
}

/// One connection: hello, then one message at a time until the socket dies (or, when
/// `flushing`, nothing is left). Refusals are retried after the delay the server names.
async fn session(
    url: &str,
    state: &mut WriterState,
    flushing: bool,
    stopped: &watch::Receiver<bool>,
) {
    let ws_url = format!("{}/api/v1/live", url.replacen("http", "ws", 1));
    let mut request = ws_url.into_client_request().expect("a request");
    let headers = request.headers_mut();
    headers.insert("Origin", url.parse().expect("an origin"));
    let cookie = format!("hallway_session={}", state.token);
    headers.insert("Cookie", cookie.parse().expect("a cookie"));
    let Ok((mut socket, _)) = tokio_tungstenite::connect_async(request).await else {
        return;
    };
    let hello = json!({"type": "hello", "v": 1}).to_string();
    if socket.send(Message::text(hello)).await.is_err() {
        return;
    }
    let mut refusals = 0;
    while let Some((id, room, body)) = state.next_message(flushing) {
        if *stopped.borrow() && !flushing {
            return;
        }
        let frame = json!({"type": "send", "room": room.0, "client_id": id, "body": body});
        if socket.send(Message::text(frame.to_string())).await.is_err() {
            return;
        }
        loop {
            let Ok(Some(Ok(message))) = tokio::time::timeout(ANSWER_WITHIN, socket.next()).await
            else {
                return;
            };
            let Message::Text(text) = message else {
                continue;
            };
            let frame: Value = serde_json::from_str(text.as_str()).unwrap_or_default();
            match frame["type"].as_str() {
                Some("ack") if frame["client_id"] == id.as_str() => {
                    state.acknowledged(&frame);
                    refusals = 0;
                    break;
                }
                Some("error") => {
                    refusals += 1;
                    if refusals > 200 {
                        state
                            .conflicts
                            .push(format!("{id}: refused again and again: {frame}"));
                        state.pending.remove(&id);
                    }
                    let wait = frame["retry_after_ms"].as_u64().unwrap_or(50).min(1_000);
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                    break;
                }
                Some("bye") => return,
                _ => continue,
            }
        }
    }
}
