//! Slack export zips: threads, private rooms, reactions, ids, broken archives.

use hallway_import::slack::SlackExport;
use hallway_import::{ImportError, MAX_TEXT_BYTES};

use crate::support::{message, read, write_zip};

const USERS: &str = r#"[
 {"id":"U1","name":"ann","profile":{"email":"ann@example.org","display_name":"Ann"}},
 {"id":"U2","name":"bob","real_name":"Bob B","profile":{}}
]"#;
const CHANNELS: &str =
    r#"[{"id":"C1","name":"general","topic":{"value":"All things"},"members":["U1","U2"]}]"#;
const GROUPS: &str = r#"[{"id":"G1","name":"secret","members":["U1"]}]"#;
const DMS: &str = r#"[{"id":"D1","members":["U1","U2"]}]"#;
const GENERAL_DAY: &str = r#"[
 {"type":"message","user":"U1","text":"How do we deploy?","ts":"1700000000.000100",
  "thread_ts":"1700000000.000100","reactions":[{"name":"eyes","count":2,"users":["U1","U2"]}]},
 {"type":"message","subtype":"channel_join","user":"U2","text":"joined","ts":"1700000001.000000"},
 {"type":"message","user":"U2","text":"Run make ship, <@U1> &amp; <https://x.org|docs>","ts":"1700000002.000200","thread_ts":"1700000000.000100"},
 {"type":"message","subtype":"huddle_thread","user":"U2","text":"?","ts":"1700000003.000000"}
]"#;

fn export(dir: &std::path::Path, extra: &[(&str, &str)]) -> std::path::PathBuf {
    let mut files = vec![
        ("users.json", USERS),
        ("channels.json", CHANNELS),
        ("groups.json", GROUPS),
        ("dms.json", DMS),
        ("general/2023-11-14.json", GENERAL_DAY),
        (
            "secret/2023-11-14.json",
            r#"[{"user":"U1","text":"psst","ts":"1700000100.000000"}]"#,
        ),
        (
            "D1/2023-11-14.json",
            r#"[{"user":"U2","text":"hi ann","ts":"1700000200.000000"},
                {"subtype":"file_share","user":"U2","text":"","ts":"1700000201.000000",
                 "files":[{"name":"runbook.pdf","title":"Deploy runbook"}]}]"#,
        ),
    ];
    files.extend_from_slice(extra);
    write_zip(dir, "export.zip", &files)
}

#[test]
fn threads_reactions_and_private_rooms_map() {
    let dir = tempfile::tempdir().unwrap();
    let batch = read(&SlackExport::from_path(export(dir.path(), &[]))).unwrap();
    assert_eq!(batch.people.len(), 2);
    assert_eq!(batch.people[0].display_name, "Ann");
    assert_eq!(batch.people[0].email.as_deref(), Some("ann@example.org"));
    assert_eq!(batch.people[1].display_name, "Bob B");

    let private: Vec<(&str, bool)> = batch
        .rooms
        .iter()
        .map(|r| (r.source_id.as_str(), r.private))
        .collect();
    assert_eq!(private, [("C1", false), ("G1", true), ("D1", true)]);
    assert_eq!(batch.rooms[0].topic, "All things");
    assert_eq!(batch.rooms[2].name, "Ann, Bob B");

    let root = message(&batch, "C1/1700000000.000100");
    assert_eq!(root.reply_to, None);
    assert_eq!(root.reactions, [("eyes".to_string(), 2)]);
    let reply = message(&batch, "C1/1700000002.000200");
    assert_eq!(reply.reply_to.as_deref(), Some("C1/1700000000.000100"));
    assert_eq!(reply.author, "U2");
    assert_eq!(reply.text, "Run make ship, @Ann & docs (https://x.org)");
    assert_eq!(message(&batch, "G1/1700000100.000000").room, "G1");
    assert_eq!(message(&batch, "D1/1700000200.000000").text, "hi ann");
    assert_eq!(
        message(&batch, "D1/1700000201.000000").text,
        "[file: Deploy runbook]"
    );
    assert_eq!(batch.messages.len(), 5, "the join is dropped");
    // The unusual subtype is reported; the join is not.
    assert_eq!(batch.skipped.len(), 1, "{:?}", batch.skipped);
    assert_eq!(batch.skipped[0].location, "general/2023-11-14.json#3");
    assert!(batch.skipped[0]
        .reason
        .contains("1 message(s) of subtype huddle_thread"));
}

#[test]
fn export_zipped_inside_a_folder_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let flat = read(&SlackExport::from_path(export(dir.path(), &[]))).unwrap();
    let nested = write_zip(
        dir.path(),
        "nested.zip",
        &[
            ("acme/users.json", USERS),
            ("acme/channels.json", CHANNELS),
            ("acme/general/2023-11-14.json", GENERAL_DAY),
        ],
    );
    let nested = read(&SlackExport::from_path(nested)).unwrap();
    assert_eq!(nested.messages.len(), 2);
    assert_eq!(nested.messages[..], flat.messages[..2]);
}

#[test]
fn parsing_twice_gives_equal_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), &[]);
    assert_eq!(
        read(&SlackExport::from_path(&path)).unwrap(),
        read(&SlackExport::from_path(&path)).unwrap()
    );
}

#[test]
fn missing_users_json_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_zip(dir.path(), "export.zip", &[("channels.json", CHANNELS)]);
    let err = read(&SlackExport::from_path(path)).unwrap_err();
    assert!(
        matches!(&err, ImportError::Missing { file, .. } if file == "users.json"),
        "{err}"
    );
    assert!(err.to_string().contains("missing required file users.json"));
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "[\n {\"id\":\"U1\"},\n {\"id\" \"U2\"}\n]";
    let path = write_zip(dir.path(), "export.zip", &[("users.json", bad)]);
    let err = read(&SlackExport::from_path(path)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("users.json line 3 column 8: expected `:`"),
        "{text}"
    );

    let path = export(dir.path(), &[("general/2023-11-15.json", "[{]")]);
    let err = read(&SlackExport::from_path(path)).unwrap_err().to_string();
    assert!(
        err.starts_with("general/2023-11-15.json line 1 column 3"),
        "{err}"
    );
}

#[test]
fn corrupt_and_empty_zips_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("corrupt.zip");
    std::fs::write(&corrupt, b"PK\x03\x04 this is not really a zip").unwrap();
    let err = read(&SlackExport::from_path(&corrupt)).unwrap_err();
    assert!(matches!(err, ImportError::Zip { .. }), "{err}");
    assert!(err
        .to_string()
        .contains("corrupt.zip: not a readable zip archive"));

    let empty = dir.path().join("empty.zip");
    std::fs::write(&empty, b"").unwrap();
    let err = read(&SlackExport::from_path(&empty)).unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err}");
}

#[test]
fn huge_message_is_capped_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "é".repeat(3 * MAX_TEXT_BYTES);
    let day = format!(r#"[{{"user":"U1","text":"{huge}","ts":"1700000300.000000"}}]"#);
    let path = export(dir.path(), &[("general/2023-11-16.json", &day)]);
    let batch = read(&SlackExport::from_path(path)).unwrap();
    let m = message(&batch, "C1/1700000300.000000");
    assert!(m.text.len() <= MAX_TEXT_BYTES && m.text.len() > MAX_TEXT_BYTES - 4);
    let note = batch
        .skipped
        .iter()
        .find(|s| s.location == "general/2023-11-16.json#0")
        .unwrap();
    assert!(
        note.reason.contains("truncated from 393216"),
        "{}",
        note.reason
    );
}

#[test]
fn unknown_authors_and_unlisted_folders_are_kept_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let day = r#"[{"user":"U9","text":"from a deleted user","ts":"1700000400.000000"},
                  {"text":"no user","ts":"1700000401.000000"},
                  {"user":"U9","text":"again","ts":"1700000402.000000"}]"#;
    let path = export(dir.path(), &[("random/2023-11-14.json", day)]);
    let batch = read(&SlackExport::from_path(path)).unwrap();
    let room = batch
        .rooms
        .iter()
        .find(|r| r.source_id == "random")
        .unwrap();
    assert!(!room.private);
    assert_eq!(message(&batch, "random/1700000400.000000").author, "U9");
    assert!(batch.people.iter().any(|p| p.source_id == "U9"));
    let notes: Vec<(&str, &str)> = batch
        .skipped
        .iter()
        .map(|s| (s.location.as_str(), s.reason.as_str()))
        .filter(|(l, _)| l.starts_with("random/"))
        .collect();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].1.contains("folder not listed"));
    assert!(notes[1].1.contains("author U9 not in users.json"));
    assert_eq!(
        notes[2],
        ("random/2023-11-14.json#1", "message has no user")
    );
}
