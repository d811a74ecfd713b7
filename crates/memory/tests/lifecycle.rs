//! The index lifecycle: edits, removals, checkpoints across restarts, rebuilds, time limits
//! and clear errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::collections::HashSet;

use hallway_memory::{
    Ask, DocRef, Evidence, EvidenceKind, IndexEvent, IndexOptions, MemoryError, MemoryIndex,
    PersonId,
};

#[test]
fn only_evidence_before_the_limit_counts() {
    let index = index_of(vec![
        message(1, KITCHEN, 10, 0, "terraform state lock stuck", None),
        message(
            2,
            KITCHEN,
            11,
            10,
            "terraform state lock: force-unlock with the lock id",
            None,
        ),
    ]);
    let opted_out = HashSet::new();
    let found = index
        .ask(&Ask {
            question: "terraform state lock",
            asker: PersonId(99),
            readable_rooms: &[KITCHEN],
            roomless: true,
            opted_out: &opted_out,
            before: Some(day(5)),
            limit: 5,
        })
        .unwrap();
    assert_eq!(people(&found), vec![10]);
}

#[test]
fn an_empty_question_is_a_clear_error() {
    let index = index_of(vec![message(1, KITCHEN, 10, 0, "hello", None)]);
    let opted_out = HashSet::new();
    for question in ["", "   ", "?! …"] {
        let result = index.ask(&Ask {
            question,
            asker: PersonId(1),
            readable_rooms: &[KITCHEN],
            roomless: true,
            opted_out: &opted_out,
            before: None,
            limit: 5,
        });
        assert!(
            matches!(result, Err(MemoryError::EmptyQuestion)),
            "{question:?} gave {result:?}"
        );
    }
}

#[test]
fn edits_replace_and_removals_delete() {
    let index = index_of(vec![message(
        1,
        KITCHEN,
        10,
        0,
        "redis eviction policy",
        None,
    )]);
    index
        .apply(&[
            IndexEvent {
                seq: 2,
                evidence: message(1, KITCHEN, 10, 0, "memcached eviction policy", None),
            },
            IndexEvent {
                seq: 3,
                evidence: message(2, KITCHEN, 11, 0, "redis cluster failover", None),
            },
            IndexEvent {
                seq: 4,
                evidence: Evidence::Removed(DocRef {
                    kind: EvidenceKind::Message,
                    id: 2,
                }),
            },
        ])
        .unwrap();
    assert_eq!(index.num_records(), 1);
    assert!(ask_in(&index, "redis", 99, &[KITCHEN], &HashSet::new()).is_empty());
    assert_eq!(
        people(&ask_in(
            &index,
            "memcached",
            99,
            &[KITCHEN],
            &HashSet::new()
        )),
        vec![10]
    );
}

#[test]
fn reopening_resumes_from_the_checkpoint_without_gaps_or_repeats() {
    let dir = std::env::temp_dir().join(format!("hallway-memory-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let history: Vec<IndexEvent> = events(
        (1..=6)
            .map(|i| {
                message(
                    i,
                    KITCHEN,
                    10 + i % 2,
                    i,
                    &format!("deploy pipeline step {i} failed on arm64"),
                    None,
                )
            })
            .collect(),
    );
    {
        let index = MemoryIndex::open(&dir, IndexOptions::default()).unwrap();
        assert_eq!(index.checkpoint(), 0);
        assert_eq!(index.apply(&history[..4]).unwrap(), 4);
    }
    let index = MemoryIndex::open(&dir, IndexOptions::default()).unwrap();
    assert_eq!(index.checkpoint(), 4, "the checkpoint survives a restart");
    assert_eq!(index.num_records(), 4);
    assert_eq!(
        index.apply(&history).unwrap(),
        6,
        "replaying everything only adds the new events"
    );
    assert_eq!(index.num_records(), 6, "nothing missed, nothing repeated");
    let found = ask_in(&index, "arm64 pipeline", 99, &[KITCHEN], &HashSet::new());
    let counted: usize = found.iter().map(|s| s.reason.matching_messages).sum();
    assert_eq!(counted, 6);

    // While one opener holds the writer, another may only read.
    let busy = MemoryIndex::open(&dir, IndexOptions::default());
    assert!(matches!(busy, Err(MemoryError::Busy)), "{busy:?}");
    let reader = MemoryIndex::open_read_only(&dir).unwrap();
    assert_eq!((reader.checkpoint(), reader.num_records()), (6, 6));
    let found = ask_in(&reader, "arm64 pipeline", 99, &[KITCHEN], &HashSet::new());
    assert_eq!(found.len(), 2);
    assert!(matches!(reader.apply(&history), Err(MemoryError::ReadOnly)));
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rebuild_reports_progress_and_sets_the_checkpoint() {
    let index = MemoryIndex::in_ram(IndexOptions::default()).unwrap();
    let history = events(
        (1..=50)
            .map(|i| message(i, KITCHEN, i % 5, i, "rust borrow checker question", None))
            .collect(),
    );
    let mut reports = Vec::new();
    let checkpoint = index
        .rebuild(history, Some(50), |p| reports.push(p))
        .unwrap();
    assert_eq!(checkpoint, 50);
    assert_eq!(index.checkpoint(), 50);
    assert_eq!(index.num_records(), 50);
    assert_eq!(reports.last().map(|p| p.done), Some(50));
}
