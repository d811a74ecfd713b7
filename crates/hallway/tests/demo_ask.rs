//! The demo's promise on the command line: after `hallway demo` has written its team and
//! history, `hallway ask "who knows about the client-side encryption requirement?"` asked by
//! someone who was not in that conversation names Priya first, with a message from #help-desk.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use hallway::config::Config;

const QUESTION: &str = "who knows about the client-side encryption requirement?";

fn hallway(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HALLWAY_CONFIG")
        .env_remove("HALLWAY_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_demo_answers_who_knows_about_client_side_encryption() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let config = Config {
        data_dir: data.clone(),
        ..Config::default()
    };
    drop(hallway::demo::prepare(&config, false).await.unwrap());

    let out = hallway(
        &data,
        &["ask", QUESTION, "--as", "ethan.walsh@demo.hallway.dev"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with("1. Priya Raghunathan — "), "{stdout}");
    let evidence: Vec<&str> = stdout
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("     "))
        .collect();
    assert!(
        evidence
            .iter()
            .any(|l| l.contains("#help-desk, ")
                && l.to_lowercase().contains("client-side encryption")),
        "Priya's evidence is her answer in #help-desk: {stdout}"
    );
    assert!(!stdout.contains("Ethan Walsh"), "never the asker: {stdout}");
}
