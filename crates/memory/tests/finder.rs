//! The finder's promises, checked on small in-RAM histories: walls, exclusions, checkpoints,
//! stemming, answerers first, time limits and clear errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use hallway_memory::{
    Ask, DocRef, Evidence, EvidenceKind, IndexEvent, IndexOptions, MemoryError, MemoryIndex,
    MessageRecord, NoteKind, NoteRecord, PersonId, ProfileTagsRecord, RoomId, Suggestion,
};

const KITCHEN: RoomId = RoomId(1);
const PRIVATE: RoomId = RoomId(2);

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(n)
}

fn message(
    id: i64,
    room: RoomId,
    author: i64,
    at: i64,
    text: &str,
    reply_to: Option<i64>,
) -> Evidence {
    Evidence::Message(MessageRecord {
        id,
        room,
        author: PersonId(author),
        at: day(at),
        text: text.to_string(),
        reply_to,
        reactions: 0,
        helpful_reactions: 0,
    })
}

fn events(evidence: Vec<Evidence>) -> Vec<IndexEvent> {
    evidence
        .into_iter()
        .enumerate()
        .map(|(i, evidence)| IndexEvent {
            seq: i as u64 + 1,
            evidence,
        })
        .collect()
}

fn index_of(evidence: Vec<Evidence>) -> MemoryIndex {
    let index = MemoryIndex::in_ram(IndexOptions::default()).unwrap();
    index.apply(&events(evidence)).unwrap();
    index
}

fn ask_in(
    index: &MemoryIndex,
    question: &str,
    asker: i64,
    rooms: &[RoomId],
    opted_out: &HashSet<PersonId>,
) -> Vec<Suggestion> {
    index
        .ask(&Ask {
            question,
            asker: PersonId(asker),
            readable_rooms: rooms,
            opted_out,
            before: None,
            limit: 10,
        })
        .unwrap()
}

fn people(suggestions: &[Suggestion]) -> Vec<i64> {
    suggestions.iter().map(|s| s.person.0).collect()
}

#[test]
fn evidence_from_unreadable_rooms_never_appears() {
    let index = index_of(vec![
        message(
            1,
            PRIVATE,
            20,
            0,
            "kubernetes ingress certificate renewal broke again",
            None,
        ),
        message(
            2,
            PRIVATE,
            20,
            1,
            "kubernetes ingress certificate fixed by restarting cert-manager",
            None,
        ),
        message(
            3,
            KITCHEN,
            30,
            2,
            "anyone used kubernetes ingress before?",
            None,
        ),
        message(
            4,
            PRIVATE,
            20,
            3,
            "yes, the certificate issuer was misconfigured",
            Some(3),
        ),
    ]);
    let found = ask_in(
        &index,
        "kubernetes ingress certificate",
        99,
        &[KITCHEN],
        &HashSet::new(),
    );
    assert_eq!(
        people(&found),
        vec![30],
        "only the kitchen author is visible"
    );
    for suggestion in &found {
        for evidence in &suggestion.evidence {
            assert_eq!(evidence.room, Some(KITCHEN));
            assert!(!evidence.excerpt.contains("cert-manager"));
        }
        assert!(
            suggestion.reason.answered_by_room.is_empty(),
            "a private reply is not an answer"
        );
    }
    let with_private = ask_in(
        &index,
        "kubernetes ingress certificate",
        99,
        &[KITCHEN, PRIVATE],
        &HashSet::new(),
    );
    assert_eq!(
        people(&with_private)[0],
        20,
        "a member of the private room sees its author first"
    );
}

#[test]
fn asker_and_opted_out_people_are_never_suggested() {
    let index = index_of(vec![
        message(
            1,
            KITCHEN,
            10,
            0,
            "postgres vacuum takes hours on the events table",
            None,
        ),
        message(
            2,
            KITCHEN,
            11,
            1,
            "postgres vacuum: raise maintenance_work_mem",
            Some(1),
        ),
        message(
            3,
            KITCHEN,
            12,
            2,
            "postgres vacuum freeze is scheduled weekly",
            None,
        ),
    ]);
    let all = ask_in(&index, "postgres vacuum", 99, &[KITCHEN], &HashSet::new());
    assert_eq!(all.len(), 3);
    let as_eleven = ask_in(&index, "postgres vacuum", 11, &[KITCHEN], &HashSet::new());
    assert!(!people(&as_eleven).contains(&11));
    let opted_out: HashSet<PersonId> = [PersonId(12)].into_iter().collect();
    let without = ask_in(&index, "postgres vacuum", 99, &[KITCHEN], &opted_out);
    assert_eq!(people(&without).len(), 2);
    assert!(!people(&without).contains(&12));
}

#[test]
fn stemming_matches_other_forms_of_a_word() {
    let index = index_of(vec![
        message(
            1,
            KITCHEN,
            10,
            0,
            "I spent a week encrypting the nightly backups",
            None,
        ),
        message(2, KITCHEN, 11, 1, "lunch is at noon", None),
    ]);
    let found = ask_in(&index, "backup encryption", 99, &[KITCHEN], &HashSet::new());
    assert_eq!(people(&found), vec![10]);
    assert!(
        !found[0].evidence[0].highlighted.is_empty(),
        "the matching words are highlighted"
    );
}

#[test]
fn answerers_rank_above_people_who_only_mention_the_words() {
    let index = index_of(vec![
        message(
            1,
            KITCHEN,
            10,
            0,
            "How do I fix the flaky TLS handshake in the mobile client?",
            None,
        ),
        message(
            2,
            KITCHEN,
            11,
            0,
            "Pin the intermediate, not the leaf; the CDN rotates leaves",
            Some(1),
        ),
        message(
            3,
            KITCHEN,
            12,
            1,
            "ugh, TLS handshake errors again on my phone, so flaky",
            None,
        ),
        message(4, KITCHEN, 13, 2, "flaky wifi in the office today", None),
    ]);
    let found = ask_in(
        &index,
        "flaky TLS handshake",
        99,
        &[KITCHEN],
        &HashSet::new(),
    );
    assert_eq!(
        found[0].person,
        PersonId(11),
        "the person who answered comes first: {found:?}"
    );
    assert_eq!(found[0].reason.answered_by_room.get(&KITCHEN), Some(&1));
    let line = found[0].reason.describe(|room| format!("room {}", room.0));
    assert_eq!(line, "answered 1 similar question in room 1");
    assert_eq!(
        found[0].evidence[0].answered_question,
        Some(DocRef {
            kind: EvidenceKind::Message,
            id: 1
        })
    );
}

#[test]
fn notes_and_tags_count_as_evidence() {
    let index = index_of(vec![
        Evidence::Note(NoteRecord {
            id: 5,
            kind: NoteKind::Solved,
            author: PersonId(40),
            at: day(0),
            title: "Certificate pinning on Android".to_string(),
            body: "Pinning the intermediate certificate survives rotations.".to_string(),
            tags: vec!["tls".to_string()],
        }),
        Evidence::ProfileTags(ProfileTagsRecord {
            person: PersonId(41),
            at: day(0),
            tags: vec!["android".into(), "pinning".into()],
        }),
    ]);
    let found = ask_in(
        &index,
        "android certificate pinning",
        99,
        &[],
        &HashSet::new(),
    );
    assert_eq!(people(&found), vec![40, 41]);
    let line = found[0].reason.describe(|room| room.0.to_string());
    assert_eq!(
        line,
        "wrote a 'solved' note on Certificate pinning on Android"
    );
    assert_eq!(found[0].evidence[0].room, None);
    assert!(found[1].reason.tags_match);
}

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

#[test]
fn frequent_recent_answerers_are_suggested_with_a_reason() {
    let mut history = vec![message(
        1,
        KITCHEN,
        10,
        0,
        "what is the wifi password?",
        None,
    )];
    for i in 0..5 {
        history.push(message(
            10 + i,
            KITCHEN,
            20 + i,
            1,
            &format!("question number {i} about lunch"),
            None,
        ));
        history.push(message(
            100 + i,
            KITCHEN,
            30,
            1,
            "try the cafe on the corner",
            Some(10 + i),
        ));
    }
    let index = index_of(history);
    let found = ask_in(&index, "wifi password", 99, &[KITCHEN], &HashSet::new());
    let helper = found
        .iter()
        .find(|s| s.person == PersonId(30))
        .expect("the helper is suggested");
    assert_eq!(helper.reason.recent_answers, 5);
    assert_eq!(
        helper.reason.describe(|room| room.0.to_string()),
        "has been answering questions lately (5 recent replies)"
    );
    let hidden = ask_in(&index, "wifi password", 99, &[], &HashSet::new());
    assert!(
        hidden.iter().all(|s| s.person != PersonId(30)),
        "replies behind a wall do not count"
    );
}
