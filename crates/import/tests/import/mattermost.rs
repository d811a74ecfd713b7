//! Mattermost JSONL exports: channels, DMs, replies, reactions, bad lines.

use hallway_import::mattermost::MattermostExport;
use hallway_import::ImportError;

use crate::support::{message, read};

const EXPORT: &str = r#"{"type":"version","version":1}
{"type":"team","team":{"name":"acme","display_name":"Acme","type":"O"}}
{"type":"channel","channel":{"team":"acme","name":"town-square","display_name":"Town Square","type":"O","header":"Say hi"}}
{"type":"channel","channel":{"team":"acme","name":"leads","display_name":"Leads","type":"P"}}
{"type":"user","user":{"username":"ann","email":"ann@example.org","first_name":"Ann","last_name":"Lee"}}
{"type":"user","user":{"username":"bob","email":"bob@example.org","nickname":"Bobby"}}
{"type":"post","post":{"team":"acme","channel":"town-square","user":"ann","message":"Who knows Postgres?","create_at":1700000000000,"reactions":[{"user":"bob","emoji_name":"+1","create_at":1700000001000},{"user":"ann","emoji_name":"+1","create_at":1700000002000},{"user":"bob","emoji_name":"eyes","create_at":1700000003000}],"replies":[{"user":"bob","message":"I do","create_at":1700000010000}]}}
{"type":"post","post":{"team":"acme","channel":"leads","user":"bob","message":"plans","create_at":1700000020000}}
{"type":"direct_channel","direct_channel":{"members":["bob","ann"]}}
{"type":"direct_post","direct_post":{"channel_members":["ann","bob"],"user":"ann","message":"lunch?","create_at":1700000030000}}
{"type":"emoji","emoji":{"name":"party"}}
"#;

fn write(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("export.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn channels_dms_replies_and_reactions_map() {
    let dir = tempfile::tempdir().unwrap();
    let batch = read(&MattermostExport::from_path(write(dir.path(), EXPORT))).unwrap();
    let names: Vec<&str> = batch
        .people
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(names, ["Ann Lee", "Bobby"]);
    let rooms: Vec<(&str, bool)> = batch
        .rooms
        .iter()
        .map(|r| (r.source_id.as_str(), r.private))
        .collect();
    assert_eq!(
        rooms,
        [
            ("acme/town-square", false),
            ("acme/leads", true),
            ("dm:ann,bob", true)
        ]
    );

    let root = message(&batch, "acme/town-square/1700000000000/ann");
    assert_eq!(
        root.reactions,
        [("+1".to_string(), 2), ("eyes".to_string(), 1)]
    );
    let reply = message(
        &batch,
        "acme/town-square/1700000000000/ann/r/1700000010000/bob",
    );
    assert_eq!(reply.reply_to.as_deref(), Some(root.source_id.as_str()));
    assert_eq!(reply.at.timestamp(), 1_700_000_010);
    assert_eq!(
        message(&batch, "dm:ann,bob/1700000030000/ann").room,
        "dm:ann,bob"
    );
    assert_eq!(batch.messages.len(), 4);
    assert_eq!(batch.skipped.len(), 1);
    assert_eq!(batch.skipped[0].location, "export.jsonl:11");
}

#[test]
fn parsing_twice_gives_equal_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), EXPORT);
    let a = read(&MattermostExport::from_path(&path)).unwrap();
    assert_eq!(a, read(&MattermostExport::from_path(&path)).unwrap());
}

#[test]
fn malformed_line_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "{\"type\":\"version\",\"version\":1}\n\n{\"type\":\"user\",\"user\":{\"username\":}}\n";
    let err = read(&MattermostExport::from_path(write(dir.path(), text))).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::Json {
                line: 3,
                column: 35,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().starts_with("export.jsonl line 3 column 35"),
        "{err}"
    );
}

#[test]
fn empty_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(&MattermostExport::from_path(write(dir.path(), ""))).unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err}");
}

#[test]
fn invalid_utf8_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.jsonl");
    let mut bytes = b"{\"type\":\"version\",\"version\":1}\n".to_vec();
    bytes.extend_from_slice(b"{\"type\":\"user\",\"user\":{\"username\":\"j\xfcrgen\"}}\n");
    std::fs::write(&path, bytes).unwrap();
    let err = read(&MattermostExport::from_path(path))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("export.jsonl line 2 column"), "{err}");
    assert!(err.contains("invalid unicode"), "{err}");
}
