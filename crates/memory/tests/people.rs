//! The finder's promises about people: walls, exclusions, stemming, answerers first, notes,
//! tags and the answering-lately signal, on small in-RAM histories.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::collections::HashSet;

use hallway_memory::{
    Ask, DocRef, Evidence, EvidenceKind, NoteKind, NoteRecord, PersonId, ProfileTagsRecord,
};

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

    // Askers who may not read room-less evidence (guests) get none of it.
    let guest = index
        .ask(&Ask {
            question: "android certificate pinning",
            asker: PersonId(99),
            readable_rooms: &[],
            roomless: false,
            opted_out: &HashSet::new(),
            before: None,
            limit: 10,
        })
        .unwrap();
    assert!(guest.is_empty(), "{guest:?}");
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
