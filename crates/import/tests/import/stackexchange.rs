//! Stack Exchange dump: the real beer.stackexchange.com Posts.xml and broken XML.

use std::cell::Cell;
use std::path::PathBuf;

use hallway_import::stackexchange::StackExchangeDump;
use hallway_import::{ImportError, Source};

fn beer() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/stackexchange-beer")
}

#[test]
fn real_beer_dump_has_the_documented_counts() {
    let last = Cell::new((0, 0));
    let batch = StackExchangeDump::from_path(beer())
        .read(&|done, total| last.set((done, total)))
        .unwrap();
    let questions = batch
        .messages
        .iter()
        .filter(|m| m.reply_to.is_none())
        .count();
    let answers = batch.messages.len() - questions;
    assert_eq!((questions, answers), (663, 1572));
    assert_eq!(batch.rooms.len(), 1);
    let (done, total) = last.get();
    assert!(total > 0 && done == total);

    // Question 1 accepted answer 4, written by its owner.
    let q1 = batch.messages.iter().find(|m| m.source_id == "1").unwrap();
    assert!(q1.text.starts_with("What is a citra hop"), "{}", q1.text);
    assert!(q1.text.contains("Tags: hops"));
    assert!(!q1.text.contains("<p>"));
    let a4 = batch.messages.iter().find(|m| m.source_id == "4").unwrap();
    assert_eq!(a4.reply_to.as_deref(), Some("1"));
    assert!(a4.reactions.contains(&("accepted".to_string(), 1)));
    let accepted = batch
        .messages
        .iter()
        .filter(|m| m.reactions.iter().any(|r| r.0 == "accepted"))
        .count();
    assert!(accepted > 300, "{accepted}");
    // Every author is a person.
    for m in &batch.messages {
        assert!(batch.people.iter().any(|p| p.source_id == m.author));
    }
    // Tag wikis are reported, not silently lost.
    assert!(batch.skipped.iter().any(|s| s.reason.contains("119 posts")));
}

#[test]
fn parsing_twice_gives_equal_batches() {
    let a = StackExchangeDump::from_path(beer().join("Posts.xml"))
        .read(&|_, _| {})
        .unwrap();
    let b = StackExchangeDump::from_path(beer())
        .read(&|_, _| {})
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn malformed_xml_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let xml = "<?xml version=\"1.0\"?>\n<posts>\n  <row Id=\"1\" PostTypeId=\"1\" CreationDate=\"2014-01-21T20:26:05.383\" Body=\"x\" />\n  <row Id=\"2\" Body=\"x\"></rows>\n</posts>\n";
    std::fs::write(dir.path().join("Posts.xml"), xml).unwrap();
    let err = StackExchangeDump::from_path(dir.path())
        .read(&|_, _| {})
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ImportError::Xml { line: 4, .. }), "{text}");
    assert!(text.starts_with("Posts.xml line 4"), "{text}");
}

#[test]
fn empty_and_missing_posts_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = StackExchangeDump::from_path(dir.path())
        .read(&|_, _| {})
        .unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }), "{err}");
    std::fs::write(dir.path().join("Posts.xml"), "").unwrap();
    let err = StackExchangeDump::from_path(dir.path())
        .read(&|_, _| {})
        .unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err}");
}

#[test]
fn users_and_comments_xml_and_deleted_owners() {
    let dir = tempfile::tempdir().unwrap();
    let posts = r#"<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="1" PostTypeId="1" AcceptedAnswerId="3" CreationDate="2015-01-01T00:00:00.000" Score="2" Body="&lt;p&gt;Q?&lt;/p&gt;" OwnerUserId="7" Title="Stout or porter?" Tags="&lt;stout&gt;&lt;porter&gt;" />
  <row Id="2" PostTypeId="2" ParentId="1" CreationDate="2015-01-02T00:00:00.000" Score="-1" Body="&lt;p&gt;No idea&lt;/p&gt;" OwnerDisplayName="gone" />
  <row Id="3" PostTypeId="2" ParentId="1" CreationDate="2015-01-03T00:00:00.000" Score="5" Body="&lt;p&gt;Porter came first &amp;amp; stout followed.&lt;/p&gt;" OwnerUserId="8" />
</posts>
"#;
    let users = r#"<?xml version="1.0" encoding="utf-8"?>
<users>
  <row Id="7" DisplayName="Asker" />
  <row Id="8" DisplayName="Brewer" />
</users>
"#;
    std::fs::write(dir.path().join("Posts.xml"), posts).unwrap();
    std::fs::write(dir.path().join("Users.xml"), users).unwrap();
    let comments = r#"<?xml version="1.0" encoding="utf-8"?>
<comments>
  <row Id="9" PostId="3" Score="1" Text="Thanks &amp; cheers" CreationDate="2015-01-04T00:00:00.000" UserId="7" />
  <row Id="10" PostId="99" Score="0" Text="on a tag wiki" CreationDate="2015-01-04T00:00:00.000" UserId="7" />
</comments>
"#;
    std::fs::write(dir.path().join("Comments.xml"), comments).unwrap();
    let batch = StackExchangeDump::from_path(dir.path())
        .read(&|_, _| {})
        .unwrap();
    let people: Vec<(&str, &str)> = batch
        .people
        .iter()
        .map(|p| (p.source_id.as_str(), p.display_name.as_str()))
        .collect();
    assert_eq!(
        people,
        [("7", "Asker"), ("name:gone", "gone"), ("8", "Brewer")]
    );
    let q = &batch.messages[0];
    assert_eq!(q.text, "Stout or porter?\n\nQ?\n\nTags: stout, porter");
    assert_eq!(q.reactions, [("score".to_string(), 2)]);
    assert!(batch.messages[1].reactions.is_empty());
    let a = &batch.messages[2];
    assert_eq!(a.text, "Porter came first & stout followed.");
    assert_eq!(
        a.reactions,
        [("score".to_string(), 5), ("accepted".to_string(), 1)]
    );
    let c = &batch.messages[3];
    assert_eq!(c.source_id, "comment:9");
    assert_eq!(
        (c.text.as_str(), c.reply_to.as_deref()),
        ("Thanks & cheers", Some("3"))
    );
    assert_eq!(c.reactions, [("score".to_string(), 1)]);
    assert_eq!(batch.messages.len(), 4);
    assert_eq!(batch.skipped.len(), 1, "{:?}", batch.skipped);
    assert!(batch.skipped[0].reason.starts_with("1 comment(s) on posts"));
}

#[test]
fn truncated_xml_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let real = std::fs::read_to_string(beer().join("Posts.xml")).unwrap();
    let cut = real
        .char_indices()
        .nth(real.len() / 2)
        .map_or(0, |(i, _)| i);
    let cut = real[..cut].rfind("/>").map_or(cut, |i| i + 2);
    std::fs::write(dir.path().join("Posts.xml"), &real[..cut]).unwrap();
    let err = StackExchangeDump::from_path(dir.path())
        .read(&|_, _| {})
        .unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");
}
