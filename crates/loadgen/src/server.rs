//! The server under test as a separate process (`hallway serve`, or this binary's `raw-server`),
//! so its memory and CPU are read from `/proc/<pid>` apart from the generator's.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How long a server may take to answer `/readyz` (or accept connections).
const READY_WAIT: Duration = Duration::from_secs(60);

pub struct ServerProcess {
    child: Child,
    pub pid: u32,
    /// e.g. `http://127.0.0.1:41234`; also the `Origin` sockets send.
    pub url: String,
    log: PathBuf,
}

/// A port that was free a moment ago.
pub fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

impl ServerProcess {
    /// Starts `hallway serve` on SQLite in `data_dir` or on `database_url`; waits for `/readyz`.
    pub async fn hallway(
        binary: &Path,
        data_dir: &Path,
        database_url: Option<&str>,
    ) -> anyhow::Result<ServerProcess> {
        let port = free_port()?;
        let mut command = Command::new(binary);
        command.arg("--data-dir").arg(data_dir);
        if let Some(url) = database_url {
            command.arg("--database-url").arg(url);
        }
        command
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("RUST_LOG", "warn,hallway=info")
            .env("NO_COLOR", "1");
        Self::spawn(command, port, data_dir.join("hallway.log"), true).await
    }

    /// Starts this binary's raw broadcast server (the ceiling); waits until it accepts.
    pub async fn raw(log_dir: &Path) -> anyhow::Result<ServerProcess> {
        let port = free_port()?;
        let mut command = Command::new(std::env::current_exe().context("this binary's path")?);
        command.args(["raw-server", "--bind", &format!("127.0.0.1:{port}")]);
        Self::spawn(command, port, log_dir.join("raw-server.log"), false).await
    }

    async fn spawn(
        mut command: Command,
        port: u16,
        log: PathBuf,
        http: bool,
    ) -> anyhow::Result<Self> {
        let out =
            std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        command
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .kill_on_drop(true);
        let child = command.spawn().context("starting the server process")?;
        let pid = child.id().context("the server's pid")?;
        let mut server = ServerProcess {
            child,
            pid,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        let started = Instant::now();
        loop {
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "the server exited ({status}) before it was ready:\n{}",
                    server.log_tail()
                );
            }
            if ready(port, http).await {
                return Ok(server);
            }
            if started.elapsed() > READY_WAIT {
                bail!(
                    "the server was not ready within {READY_WAIT:?}:\n{}",
                    server.log_tail()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Resident memory, in KiB.
    pub fn rss_kib(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid))?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .context("VmRSS in /proc/<pid>/status")
    }

    /// CPU seconds (user + system) the server has used so far.
    pub fn cpu_secs(&self) -> anyhow::Result<f64> {
        crate::measure::cpu_secs(&format!("/proc/{}/stat", self.pid))
    }

    /// The last lines of the server's log.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// Lines of the log containing `needle` (e.g. the open files limit it logged).
    pub fn log_lines(&self, needle: &str) -> Vec<String> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        text.lines()
            .filter(|l| l.contains(needle))
            .map(str::to_owned)
            .collect()
    }

    /// Asks the server to stop (SIGTERM), then kills it if it has not within 10 seconds.
    pub async fn stop(mut self) {
        let _ = Command::new("kill")
            .arg(self.pid.to_string())
            .status()
            .await;
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
    }
}

async fn ready(port: u16, http: bool) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    if !http {
        return true;
    }
    let request = "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    read.is_ok() && answer.starts_with(b"HTTP/1.1 200")
}
