//! Zulip exports: streams, topics as threads, DMs, reactions.

use hallway_import::zulip::ZulipExport;
use hallway_import::ImportError;

use crate::support::{message, read};

const REALM: &str = r#"{
 "zerver_userprofile":[{"id":10,"email":"ann@example.org","full_name":"Ann"},
                       {"id":11,"email":"bob@example.org","full_name":"Bob"}],
 "zerver_stream":[{"id":1,"name":"backend","description":"APIs","invite_only":false},
                  {"id":2,"name":"hiring","description":"","invite_only":true}],
 "zerver_recipient":[{"id":100,"type":2,"type_id":1},{"id":101,"type":2,"type_id":2},
                     {"id":110,"type":1,"type_id":10},{"id":111,"type":1,"type_id":11},
                     {"id":120,"type":3,"type_id":5}],
 "zerver_reaction":[{"message":2,"user_profile":10,"emoji_name":"tada"},
                    {"message":2,"user_profile":11,"emoji_name":"tada"}]
}"#;
const MESSAGES: &str = r#"{"zerver_message":[
 {"id":1,"sender":10,"recipient":100,"subject":"deploys","date_sent":1700000000.5,"content":"How do deploys work?"},
 {"id":2,"sender":11,"recipient":100,"subject":"Deploys","date_sent":1700000100.0,"content":"make ship"},
 {"id":3,"sender":11,"recipient":100,"subject":"lunch","date_sent":1700000200.0,"content":"pizza"},
 {"id":4,"sender":10,"recipient":101,"subject":"roles","date_sent":1700000300.0,"content":"open roles"},
 {"id":5,"sender":10,"recipient":111,"subject":"","date_sent":1700000400.0,"content":"hi bob"},
 {"id":6,"sender":11,"recipient":110,"subject":"","date_sent":1700000500.0,"content":"hi ann"},
 {"id":8,"sender":11,"recipient":120,"subject":"","date_sent":1700000700.0,"content":"all of us"},
 {"id":7,"sender":11,"recipient":999,"subject":"","date_sent":1700000600.0,"content":"lost"}
]}"#;

fn export(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::write(dir.join("realm.json"), REALM).unwrap();
    std::fs::write(dir.join("messages-000001.json"), MESSAGES).unwrap();
    dir.to_path_buf()
}

#[test]
fn topics_become_threads_and_dms_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let batch = read(&ZulipExport::from_path(export(dir.path()))).unwrap();
    assert_eq!(batch.people.len(), 2);
    let root = message(&batch, "1");
    assert_eq!(root.reply_to, None);
    assert!(root.text.starts_with("deploys\n\n"));
    assert_eq!(root.at.timestamp_millis(), 1_700_000_000_500);
    let reply = message(&batch, "2");
    assert_eq!(
        reply.reply_to.as_deref(),
        Some("1"),
        "topic match ignores case"
    );
    assert_eq!(reply.reactions, [("tada".to_string(), 2)]);
    assert_eq!(message(&batch, "3").reply_to, None);
    assert_eq!(message(&batch, "5").room, "dm:10,11");
    assert_eq!(message(&batch, "6").room, "dm:10,11");
    let rooms: Vec<(&str, bool)> = batch
        .rooms
        .iter()
        .map(|r| (r.source_id.as_str(), r.private))
        .collect();
    assert_eq!(
        rooms,
        [
            ("stream:1", false),
            ("stream:2", true),
            ("dm:10,11", true),
            ("huddle:120", true)
        ]
    );
    assert_eq!(message(&batch, "8").room, "huddle:120");
    assert_eq!(batch.skipped.len(), 1);
    assert_eq!(batch.skipped[0].location, "messages-000001.json#id=7");
}

#[test]
fn parsing_twice_gives_equal_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path());
    assert_eq!(
        read(&ZulipExport::from_path(&path)).unwrap(),
        read(&ZulipExport::from_path(&path)).unwrap()
    );
}

#[test]
fn missing_realm_and_bad_json_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(&ZulipExport::from_path(dir.path())).unwrap_err();
    assert!(
        matches!(&err, ImportError::Missing { file, .. } if file == "realm.json"),
        "{err}"
    );
    std::fs::write(
        dir.path().join("realm.json"),
        "{\n\"zerver_stream\": [1,]\n}",
    )
    .unwrap();
    let err = read(&ZulipExport::from_path(dir.path()))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("realm.json line 2"), "{err}");
}

#[test]
fn tarball_reads_like_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = read(&ZulipExport::from_path(export(dir.path()))).unwrap();
    let tarball = dir.path().join("zulip-export-abc.tar.gz");
    let gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&tarball).unwrap(),
        flate2::Compression::fast(),
    );
    let mut tar = tar::Builder::new(gz);
    for (name, text) in [("messages-000001.json", MESSAGES), ("realm.json", REALM)] {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(
            &mut header,
            format!("zulip-export-abc/{name}"),
            text.as_bytes(),
        )
        .unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap();
    assert_eq!(read(&ZulipExport::from_path(&tarball)).unwrap(), folder);

    let broken = dir.path().join("broken.tar.gz");
    std::fs::write(&broken, b"\x1f\x8b not gzip").unwrap();
    let err = read(&ZulipExport::from_path(&broken))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("broken.tar.gz: not a readable tar archive"),
        "{err}"
    );
}

#[test]
fn empty_realm_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("realm.json"), "").unwrap();
    let err = read(&ZulipExport::from_path(dir.path())).unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err}");
    assert_eq!(err.to_string(), "realm.json: file is empty");
}
