//! The memory commands as an operator uses them: `import` (counts, what was skipped and why,
//! twice adds nothing, bad input named by file and line and nothing written), `ask` (people with
//! a reason and evidence naming room and date, within the asker's walls) and `reindex`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn hallway(data_dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HALLWAY_CONFIG")
        .env_remove("HALLWAY_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(input.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed: {stderr}\n{stdout}");
    stdout
}

fn failed(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The Slack export of `crates/import`'s tests: Ann asks in #general how to deploy, Bob answers
/// in the thread; Ann also writes in a private group and Bob to Ann directly.
fn slack_export(dir: &Path, users: &str) -> PathBuf {
    let general = r#"[
 {"type":"message","user":"U1","text":"How do we deploy the billing service?","ts":"1700000000.000100",
  "thread_ts":"1700000000.000100","reactions":[{"name":"eyes","count":2,"users":["U1","U2"]}]},
 {"type":"message","subtype":"channel_join","user":"U2","text":"joined","ts":"1700000001.000000"},
 {"type":"message","user":"U2","text":"Run make ship for billing, <@U1> &amp; <https://x.org|docs>","ts":"1700000002.000200","thread_ts":"1700000000.000100"},
 {"type":"message","subtype":"huddle_thread","user":"U2","text":"?","ts":"1700000003.000000"}
]"#;
    let files = [
        ("users.json", users),
        (
            "channels.json",
            r#"[{"id":"C1","name":"general","topic":{"value":"All things"},"members":["U1","U2"]}]"#,
        ),
        (
            "groups.json",
            r#"[{"id":"G1","name":"secret","members":["U1"]}]"#,
        ),
        ("dms.json", r#"[{"id":"D1","members":["U1","U2"]}]"#),
        ("general/2023-11-14.json", general),
        (
            "secret/2023-11-14.json",
            r#"[{"user":"U1","text":"the billing vault password rotates monthly","ts":"1700000100.000000"}]"#,
        ),
        (
            "D1/2023-11-14.json",
            r#"[{"user":"U2","text":"hi ann","ts":"1700000200.000000"}]"#,
        ),
    ];
    let path = dir.join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, contents) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(contents.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

const USERS: &str = r#"[
 {"id":"U1","name":"ann","profile":{"email":"ann@example.org","display_name":"Ann"}},
 {"id":"U2","name":"bob","real_name":"Bob B","profile":{}}
]"#;

fn setup_owner(data: &Path) {
    ok(&hallway(
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
    ));
}

#[test]
fn a_slack_export_is_imported_once_and_answers_questions_within_walls() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    setup_owner(&data);
    let export = slack_export(dir.path(), USERS);
    let export = export.to_str().unwrap();

    let first = ok(&hallway(&data, &["import", export], None));
    assert!(
        first.contains("people:   2 new (inactive until they sign up)"),
        "{first}"
    );
    assert!(first.contains("rooms:    3 new"), "{first}");
    assert!(
        first.contains("messages: 4 added, 0 already imported"),
        "{first}"
    );
    assert!(
        first.contains("general/2023-11-14.json#3"),
        "the skipped huddle: {first}"
    );
    assert!(first.contains("subtype huddle_thread"), "{first}");

    let again = ok(&hallway(
        &data,
        &["import", "--kind", "slack", export],
        None,
    ));
    assert!(again.contains("people:   0 new"), "{again}");
    assert!(again.contains("2 already imported"), "{again}");
    assert!(
        again.contains("messages: 0 added, 4 already imported"),
        "{again}"
    );

    let asked = ok(&hallway(
        &data,
        &["ask", "how do I deploy billing?", "--as", "ada@example.org"],
        None,
    ));
    let lines: Vec<&str> = asked.lines().collect();
    assert!(
        lines[0]
            .starts_with("1. Bob B (not signed up yet) — answered 1 similar question in #general"),
        "{asked}"
    );
    assert!(asked.contains("#general, 2023-11-14: \""), "{asked}");
    assert!(asked.contains("/rooms/"), "{asked}");
    assert!(
        !asked.contains("vault"),
        "the private group stays private: {asked}"
    );

    let ann = ok(&hallway(
        &data,
        &[
            "ask",
            "billing vault password",
            "--as",
            "ann@example.org",
            "--limit",
            "1",
        ],
        None,
    ));
    assert!(
        !ann.lines().any(|l| l.starts_with("1. Ann")),
        "never the asker: {ann}"
    );
    let limited = ok(&hallway(
        &data,
        &["ask", "billing", "--as", "ada@example.org", "--limit", "1"],
        None,
    ));
    assert_eq!(
        limited
            .lines()
            .filter(|l| l.starts_with(char::is_numeric))
            .count(),
        1,
        "{limited}"
    );

    let rebuilt = ok(&hallway(&data, &["reindex"], None));
    assert!(
        rebuilt.contains("Rebuilt the memory index from the store: "),
        "{rebuilt}"
    );
    let after = ok(&hallway(
        &data,
        &["ask", "how do I deploy billing?", "--as", "ada@example.org"],
        None,
    ));
    assert_eq!(after, asked, "a rebuilt index answers the same");
}

#[test]
fn bad_input_is_named_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    setup_owner(&data);
    let broken = slack_export(dir.path(), "[\n {\"id\":\"U1\"},\n {\"id\" \"U2\"}\n]");
    let error = failed(&hallway(&data, &["import", broken.to_str().unwrap()], None));
    assert!(error.contains("users.json line 3 column 8"), "{error}");

    let not_zip = dir.path().join("fake.zip");
    std::fs::write(&not_zip, "this is no zip").unwrap();
    let error = failed(&hallway(
        &data,
        &["import", not_zip.to_str().unwrap()],
        None,
    ));
    assert!(
        error.contains("fake.zip") && error.contains("not a readable zip"),
        "{error}"
    );

    let unknown = dir.path().join("notes.txt");
    std::fs::write(&unknown, "hello").unwrap();
    let error = failed(&hallway(
        &data,
        &["import", unknown.to_str().unwrap()],
        None,
    ));
    assert!(error.contains("not a recognised export"), "{error}");

    let people = ok(&hallway(&data, &["admin", "list-people"], None));
    assert_eq!(
        people.matches("@example.org").count(),
        1,
        "nothing imported: {people}"
    );

    let error = failed(&hallway(
        &data,
        &["ask", "  ", "--as", "ada@example.org"],
        None,
    ));
    assert!(error.contains("question is empty"), "{error}");
    let error = failed(&hallway(
        &data,
        &["ask", "deploy", "--as", "zed@example.org"],
        None,
    ));
    assert!(
        error.contains("nobody has the email zed@example.org"),
        "{error}"
    );
    let answer = ok(&hallway(
        &data,
        &["ask", "deploy", "--as", "ada@example.org"],
        None,
    ));
    assert!(
        answer.starts_with("Nobody has been here before"),
        "{answer}"
    );
}

#[test]
fn an_mbox_archive_imports_threads_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    setup_owner(&data);
    let archive = dir.path().join("dev-list");
    std::fs::write(
        &archive,
        "From ann@example.org Mon Jan  1 10:00:00 2024\n\
         From: Ann <ann@example.org>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\
         Message-ID: <root@example.org>\nList-Id: Dev talk <dev.lists.example.org>\n\
         Subject: Flaky arm64 builds\n\nWhy do arm64 builds time out?\n\n\
         From carl@example.org Mon Jan  1 11:00:00 2024\n\
         From: Carl <carl@example.org>\nDate: Mon, 1 Jan 2024 11:00:00 +0000\n\
         Message-ID: <r1@example.org>\nIn-Reply-To: <root@example.org>\n\
         List-Id: Dev talk <dev.lists.example.org>\n\
         Subject: Re: Flaky arm64 builds\n\nThe arm64 runners need a longer timeout.\n",
    )
    .unwrap();
    let archive = archive.to_str().unwrap();
    let out = ok(&hallway(
        &data,
        &["import", "--kind", "mbox", archive],
        None,
    ));
    assert!(out.contains("messages: 2 added"), "{out}");
    let asked = ok(&hallway(
        &data,
        &["ask", "arm64 build timeouts", "--as", "ada@example.org"],
        None,
    ));
    assert!(
        asked.starts_with("1. Carl (not signed up yet) — answered 1 similar question"),
        "{asked}"
    );
    assert!(asked.contains(", 2024-01-01: "), "{asked}");
}
