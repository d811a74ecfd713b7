//! The `hallway` binary as an operator uses it: version, config example, admin commands, and a
//! demo that reuses or resets its data and says which.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn hallway(data_dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HALLWAY_CONFIG")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn version_and_config_example() {
    let dir = tempfile::tempdir().unwrap();
    let out = hallway(dir.path(), &["--version"], None);
    assert!(
        text(&out.stdout).starts_with("hallway "),
        "{}",
        text(&out.stdout)
    );
    let out = hallway(dir.path(), &["config", "example"], None);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("# bind = \"127.0.0.1:8080\""));
}

#[test]
fn admin_commands_set_up_invite_reset_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();

    let out = hallway(data, &["admin", "create-invite"], None);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("setup-owner"),
        "{}",
        text(&out.stderr)
    );

    let out = hallway(
        data,
        &[
            "admin",
            "setup-owner",
            "--email",
            "ada@example.org",
            "--name",
            "Ada",
            "--time-zone",
            "Europe/London",
        ],
        Some("short\n"),
    );
    assert!(!out.status.success(), "a short password is refused");
    assert!(
        text(&out.stderr).contains("password: must be at least 10 characters"),
        "{}",
        text(&out.stderr)
    );

    let out = hallway(
        data,
        &[
            "admin",
            "setup-owner",
            "--email",
            "ada@example.org",
            "--name",
            "Ada",
            "--time-zone",
            "Mars/Olympus",
        ],
        Some("long enough secret\n"),
    );
    assert!(
        text(&out.stderr).contains("Mars/Olympus"),
        "{}",
        text(&out.stderr)
    );

    let out = hallway(
        data,
        &[
            "admin",
            "setup-owner",
            "--email",
            "ada@example.org",
            "--name",
            "Ada",
        ],
        Some("long enough secret\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = hallway(
        data,
        &[
            "admin",
            "setup-owner",
            "--email",
            "bob@example.org",
            "--name",
            "Bob",
        ],
        Some("long enough secret\n"),
    );
    assert!(
        text(&out.stderr).contains("already set up"),
        "{}",
        text(&out.stderr)
    );

    let out = hallway(
        data,
        &["admin", "create-invite", "--role", "guest", "--uses", "3"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .trim()
            .starts_with("http://127.0.0.1:8080/invite/"),
        "{}",
        text(&out.stdout)
    );
    let out = hallway(data, &["admin", "create-invite", "--role", "owner"], None);
    assert!(
        text(&out.stderr).contains("cannot make owners"),
        "{}",
        text(&out.stderr)
    );

    let out = hallway(
        data,
        &["admin", "reset-password", "--email", "nobody@example.org"],
        None,
    );
    assert!(
        text(&out.stderr).contains("nobody has the email"),
        "{}",
        text(&out.stderr)
    );
    let out = hallway(
        data,
        &["admin", "reset-password", "--email", "ADA@example.org"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).trim().len() >= 10,
        "a new password is printed"
    );

    let out = hallway(data, &["admin", "list-people"], None);
    let listing = text(&out.stdout);
    assert!(
        listing.contains("ada@example.org") && listing.contains("owner"),
        "{listing}"
    );
}

#[test]
fn bad_configuration_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hallway.toml");
    std::fs::write(&file, "bind = 8080\n").unwrap();
    let out = hallway(
        dir.path(),
        &["--config", file.to_str().unwrap(), "admin", "list-people"],
        None,
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("bind"), "{}", text(&out.stderr));
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "set -o pipefail; '{}' --data-dir '{}' config example | true",
        env!("CARGO_BIN_EXE_hallway"),
        dir.path().display()
    );
    let out = Command::new("bash").arg("-c").arg(script).output().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{stderr}");
}
