//! Several real `hallway serve` processes sharing one fresh PostgreSQL database and one NATS
//! server, as in a multi-node deployment. Each cluster gets its own database
//! (`hallway_t_<random>`, dropped at the end, even when the test panics) and its own NATS subject
//! prefix, so clusters of concurrent tests never meet.
//!
//! Needs `HALLWAY_TEST_POSTGRES_URL` and `HALLWAY_TEST_NATS_URL`; without them [`Cluster::start`]
//! returns `None` after a loud warning, and panics when `CI` is set.

#![allow(dead_code)] // Each test binary that includes this module uses a part of it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use hallway_testkit::{nats_url, unique_nats_prefix, POSTGRES_URL_VAR, TEST_DB_PREFIX};
use sqlx::{Connection, Executor, PgConnection};
use tokio::process::{Child, Command};

/// How long a node may take to answer `/readyz`.
const READY_WITHIN: Duration = Duration::from_secs(60);
/// How long a node may take to stop after SIGTERM.
const STOP_WITHIN: Duration = Duration::from_secs(15);

/// Nodes of one Hallway, started together.
pub struct Cluster {
    pub nodes: Vec<Node>,
    /// `postgres://…/hallway_t_…`, shared by every node.
    pub database_url: String,
    pub nats_url: String,
    pub nats_prefix: String,
    /// Holds each node's data directory and logs.
    dir: tempfile::TempDir,
    /// Declared last: dropped after the nodes are killed.
    database: FreshDatabase,
}

/// One running `hallway serve`.
pub struct Node {
    pub name: String,
    /// e.g. `http://127.0.0.1:41234`
    pub url: String,
    pub data_dir: PathBuf,
    log: PathBuf,
    child: Child,
}

impl Cluster {
    /// Starts `count` nodes and waits until each answers `/readyz`; `None` when PostgreSQL or
    /// NATS is not configured (outside CI).
    pub async fn start(count: usize) -> Option<Cluster> {
        let admin_url = postgres_url()?;
        let nats_url = nats_url()?;
        let database = FreshDatabase::create(&admin_url).await;
        let dir = tempfile::tempdir().expect("a temporary directory for the nodes");
        let mut cluster = Cluster {
            nodes: Vec::new(),
            database_url: database.url.clone(),
            nats_url,
            nats_prefix: unique_nats_prefix(),
            dir,
            database,
        };
        let names: Vec<String> = (0..count)
            .map(|i| format!("node-{}", char::from(b'a' + i as u8)))
            .collect();
        let mut starting = Vec::new();
        for name in &names {
            starting.push(cluster.spawn_node(name).await);
        }
        for node in starting {
            let node = cluster.until_ready(node).await;
            cluster.nodes.push(node);
        }
        Some(cluster)
    }

    /// The `hallway` command with this cluster's database, bus and node `data_dir`.
    pub fn hallway(&self, data_dir: &Path) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hallway"));
        command
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--database-url")
            .arg(&self.database_url)
            .env_remove("HALLWAY_CONFIG")
            .env("HALLWAY_NATS_URL", &self.nats_url)
            .env("HALLWAY_NATS_SUBJECT_PREFIX", &self.nats_prefix)
            .env("RUST_LOG", "info")
            .kill_on_drop(true);
        command
    }

    /// Runs `hallway admin setup-owner` against the shared database (as an operator on
    /// `node` would), with the password on standard input.
    pub async fn setup_owner(&self, node: usize, email: &str, name: &str, password: &str) {
        let mut child = self
            .hallway(&self.nodes[node].data_dir)
            .args(["admin", "setup-owner", "--email", email, "--name", name])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running hallway admin setup-owner");
        let mut stdin = child.stdin.take().expect("setup-owner's stdin");
        tokio::io::AsyncWriteExt::write_all(&mut stdin, format!("{password}\n").as_bytes())
            .await
            .expect("writing the password");
        drop(stdin);
        let out = child.wait_with_output().await.expect("setup-owner ran");
        assert!(
            out.status.success(),
            "setup-owner failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Stops every node with SIGTERM, checks each exited cleanly, and drops the database.
    pub async fn finish(mut self) {
        for node in std::mem::take(&mut self.nodes) {
            node.stop().await;
        }
        self.database.drop_now().await;
    }

    async fn spawn_node(&self, name: &str) -> Node {
        let data_dir = self.dir.path().join(name);
        std::fs::create_dir_all(&data_dir).expect("a node's data directory");
        let log = self.dir.path().join(format!("{name}.log"));
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        let output = std::fs::File::create(&log).expect("a node's log file");
        let child = self
            .hallway(&data_dir)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .args(["--public-url", &url])
            .stdin(Stdio::null())
            .stdout(output.try_clone().expect("the log file"))
            .stderr(output)
            .spawn()
            .expect("starting hallway serve");
        Node {
            name: name.to_owned(),
            url,
            data_dir,
            log,
            child,
        }
    }

    /// Waits until `node` answers `/readyz`; starts it again on another port if the free port
    /// it was given was taken in the meantime.
    async fn until_ready(&self, mut node: Node) -> Node {
        let http = reqwest::Client::new();
        let deadline = Instant::now() + READY_WITHIN;
        let mut port_retries = 3;
        loop {
            if let Some(status) = node.child.try_wait().expect("polling a node") {
                let log = node.log_text();
                if log.contains("is another program using that port") && port_retries > 0 {
                    port_retries -= 1;
                    node = self.spawn_node(&node.name).await;
                    continue;
                }
                panic!(
                    "{} exited ({status}) before it was ready:\n{log}",
                    node.name
                );
            }
            let ready = http
                .get(format!("{}/readyz", node.url))
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|reply| reply.status().is_success());
            if ready {
                return node;
            }
            assert!(
                Instant::now() < deadline,
                "{} did not become ready within {READY_WITHIN:?}:\n{}",
                node.name,
                node.log_text()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Node {
    /// What the node has logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, then waits for a clean exit (killing it if it hangs); returns what it logged.
    pub async fn stop(mut self) -> String {
        let pid = self.child.id().expect("a running node has a pid");
        let signalled = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .expect("running kill");
        assert!(signalled.success(), "could not signal {}", self.name);
        match tokio::time::timeout(STOP_WITHIN, self.child.wait()).await {
            Ok(status) => {
                let status = status.expect("waiting for a node");
                assert!(
                    status.success(),
                    "{} exited with {status} on SIGTERM:\n{}",
                    self.name,
                    self.log_text()
                );
                self.log_text()
            }
            Err(_) => {
                let _ = self.child.kill().await;
                panic!(
                    "{} did not stop within {STOP_WITHIN:?} of SIGTERM:\n{}",
                    self.name,
                    self.log_text()
                );
            }
        }
    }
}

/// A port nobody listens on right now (another program may take it before the node binds it;
/// [`Cluster::until_ready`] then starts the node again).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binding port 0");
    listener.local_addr().expect("the bound address").port()
}

/// The PostgreSQL server for tests, as testkit's `backends()` decides it.
fn postgres_url() -> Option<String> {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{POSTGRES_URL_VAR} is not set, but CI is: the multi-node tests must run in CI")
        }
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPING the multi-node tests: {POSTGRES_URL_VAR} is not set ***\n"
            );
            None
        }
    }
}

/// A database `hallway_t_<random>` on the test server, dropped by [`FreshDatabase::drop_now`]
/// or, if the test panicked first, on drop.
struct FreshDatabase {
    admin_url: String,
    name: String,
    url: String,
    dropped: bool,
}

impl FreshDatabase {
    async fn create(admin_url: &str) -> FreshDatabase {
        let name = format!("{TEST_DB_PREFIX}{}", uuid::Uuid::new_v4().simple());
        let mut conn = admin(admin_url).await;
        conn.execute(&*format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
        let _ = conn.close().await;
        FreshDatabase {
            url: with_database(admin_url, &name),
            admin_url: admin_url.to_owned(),
            name,
            dropped: false,
        }
    }

    async fn drop_now(&mut self) {
        drop_database(&self.admin_url, &self.name).await;
        self.dropped = true;
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        // A `Drop` cannot await and may run inside the test's runtime: use a thread of its own.
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        let cleanup = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(drop_database(&url, &name));
            }
        });
        let _ = cleanup.join();
    }
}

async fn admin(url: &str) -> PgConnection {
    match tokio::time::timeout(Duration::from_secs(10), PgConnection::connect(url)).await {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => panic!("{POSTGRES_URL_VAR} is set but PostgreSQL is unusable ({url}): {e}"),
        Err(_) => panic!("{POSTGRES_URL_VAR} is set but PostgreSQL did not answer in 10 s ({url})"),
    }
}

async fn drop_database(admin_url: &str, name: &str) {
    let mut conn = admin(admin_url).await;
    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    if let Err(e) = conn.execute(&*sql).await {
        eprintln!("could not drop the test database {name}: {e}");
    }
    let _ = conn.close().await;
}

/// `url` with its database (the path) replaced by `database`; query parameters are kept.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let root = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{root}/{database}{query}")
}
