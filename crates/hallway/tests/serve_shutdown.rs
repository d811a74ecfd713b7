//! One real `hallway serve` on SQLite with no bus server, as most teams run it: a password
//! reset from the CLI (another process, which no bus reaches) still ends the person's open
//! socket, found by the server's periodic session check; and on SIGTERM every socket gets
//! `bye` `server_shutdown`, the process exits 0 and logs no error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Stdio;
use std::time::Duration;

use hallway_protocol::{bye_code, ServerFrame};
use hallway_testkit::{Client, LiveClient, FRAME_WAIT};
use serde_json::json;
use tokio::process::Command;

const EMAIL: &str = "olive@example.org";

fn hallway(data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hallway"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("HALLWAY_CONFIG")
        .env_remove("HALLWAY_DATABASE_URL")
        .env_remove("HALLWAY_NATS_URL")
        .env("RUST_LOG", "info")
        .kill_on_drop(true);
    command
}

async fn run(data_dir: &std::path::Path, args: &[&str], stdin: &str) -> String {
    let mut child = hallway(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut input, stdin.as_bytes())
        .await
        .unwrap();
    drop(input);
    let out = child.wait_with_output().await.unwrap();
    assert!(
        out.status.success(),
        "hallway {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

async fn sign_in(url: &str, password: &str) -> Client {
    let client = Client::new(url).await;
    let reply = client
        .post(
            "/api/v1/session",
            &json!({"email": EMAIL, "password": password}),
        )
        .await;
    assert_eq!(reply.status(), 200, "signing in");
    client
}

async fn bye(live: &mut LiveClient) -> String {
    match live.until(|f| matches!(f, ServerFrame::Bye { .. })).await {
        ServerFrame::Bye { reason } => bye_code(&reason).to_owned(),
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn a_cli_reset_reaches_the_server_and_sigterm_says_bye() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let password = "a long enough secret";
    run(
        data,
        &["admin", "setup-owner", "--email", EMAIL, "--name", "Olive"],
        &format!("{password}\n"),
    )
    .await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let log_path = data.join("serve.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut server = hallway(data)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--public-url",
            &url,
        ])
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let http = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let ready = http
            .get(format!("{url}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ready {
            break;
        }
        assert!(server.try_wait().unwrap().is_none(), "serve exited early");
        assert!(
            tokio::time::Instant::now() < deadline,
            "serve never got ready"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let olive = sign_in(&url, password).await;
    let (mut live, _) = LiveClient::connect(&olive).await;
    let new_password = run(data, &["admin", "reset-password", "--email", EMAIL], "").await;
    assert_eq!(bye(&mut live).await, "session_ended");
    assert!(live.ends_within(FRAME_WAIT).await);

    let olive = sign_in(&url, &new_password).await;
    let (mut first, _) = LiveClient::connect(&olive).await;
    let (mut second, _) = LiveClient::connect(&olive).await;
    let pid = server.id().unwrap().to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(signalled.success());
    for socket in [&mut first, &mut second] {
        assert_eq!(bye(socket).await, "server_shutdown");
        assert!(socket.ends_within(FRAME_WAIT).await);
    }
    let status = tokio::time::timeout(Duration::from_secs(15), server.wait())
        .await
        .expect("serve stops on SIGTERM")
        .unwrap();
    let logged = std::fs::read_to_string(&log_path).unwrap();
    assert!(status.success(), "serve exited with {status}:\n{logged}");
    assert!(
        !logged.contains("ERROR"),
        "a clean shutdown logged an error:\n{logged}"
    );
}
