//! `open` picks the importer from the path's shape.

use hallway_import::{open, ImportError};

#[test]
fn paths_map_to_importers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("list.txt"),
        "From a@example.org Mon Jan  1 00:00:00 2024\n",
    )
    .unwrap();
    std::fs::write(d.join("notes.txt"), "hello").unwrap();
    let name = |p: &str| open(d.join(p)).map(|s| s.name());
    assert_eq!(name("export.zip").unwrap(), "slack");
    assert_eq!(name("export.jsonl").unwrap(), "mattermost");
    assert_eq!(name("zulip.tar.gz").unwrap(), "zulip");
    assert_eq!(name("list.txt").unwrap(), "mbox");
    assert_eq!(name("archive.mbox").unwrap(), "mbox");
    assert!(matches!(
        name("notes.txt"),
        Err(ImportError::Invalid { .. })
    ));
    let beer = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/stackexchange-beer");
    assert_eq!(open(&beer).unwrap().name(), "stackexchange");
    assert!(matches!(open(d), Err(ImportError::Invalid { .. })));
}
