//! Rounds as a circle admin would see them: who is paired, when they meet, and why anyone is
//! left out.

#![allow(clippy::unwrap_used)] // test helpers build fixed, valid dates and spans
use chrono::{NaiveDate, Timelike};
use hallway_pairing::synthetic::company;
use hallway_pairing::{
    plan_round, CircleSettings, Cycle, GroupShape, LocalSpan, PairingError, PastMeeting, Person,
    PersonId, RoundPlan, RoundRequest, TeamId, UnpairedReason, WeeklyHours,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(id: &str, team: &str, zone: &str, hours: (u32, u32, u32, u32)) -> Person {
    let span = LocalSpan::hm(hours.0, hours.1, hours.2, hours.3).unwrap();
    Person {
        id: PersonId(id.into()),
        team: TeamId(team.into()),
        time_zone: zone.into(),
        working_hours: WeeklyHours::weekdays(span),
        ask_me_about: Vec::new(),
        joined_on: date(2020, 1, 1),
        do_not_pair_with: Vec::new(),
    }
}

fn request(people: Vec<Person>, start: NaiveDate, days: u32) -> RoundRequest {
    RoundRequest {
        people,
        cycle: Cycle { start, days },
        settings: CircleSettings::default(),
        history: Vec::new(),
        fairness: Vec::new(),
        hints: Default::default(),
    }
}

fn together(plan: &RoundPlan, a: &str, b: &str) -> bool {
    plan.groups
        .iter()
        .any(|g| g.members.iter().any(|m| m.0 == a) && g.members.iter().any(|m| m.0 == b))
}

#[test]
fn overlap_follows_daylight_saving_on_the_actual_dates() {
    // New York 09:00-11:00 and London 15:00-17:00. Before the US change (8 March 2026) New York
    // is UTC-5: 14:00-16:00 UTC, one hour in common. From 9 March until the EU change (29 March)
    // New York is UTC-4: 13:00-15:00 UTC, nothing in common.
    let people = || {
        vec![
            person("ny", "a", "America/New_York", (9, 0, 11, 0)),
            person("ldn", "b", "Europe/London", (15, 0, 17, 0)),
        ]
    };
    let before = plan_round(&request(people(), date(2026, 3, 2), 5)).unwrap();
    assert_eq!(before.groups.len(), 1);
    let slot = &before.groups[0].slot;
    assert!(
        (15..16).contains(&slot.start_utc.hour()),
        "slot {:?}",
        slot.start_utc
    );
    let ny = slot.members.iter().find(|m| m.person.0 == "ny").unwrap();
    assert_eq!(ny.local_start.hour(), slot.start_utc.hour() - 5);

    let between = plan_round(&request(people(), date(2026, 3, 9), 5));
    match between {
        Err(PairingError::TooFewEligible {
            eligible: 0,
            unpaired,
        }) => {
            assert!(unpaired
                .iter()
                .all(|u| u.reason == UnpairedReason::NoOverlappingHours));
        }
        other => panic!("expected no overlap between the two changes, got {other:?}"),
    }

    // A cycle from Friday 6 to Tuesday 10 March: only Friday (before the change) works.
    let straddling = plan_round(&request(people(), date(2026, 3, 6), 5)).unwrap();
    assert_eq!(
        straddling.groups[0].slot.start_utc.date_naive(),
        date(2026, 3, 6)
    );
}

#[test]
fn exclusions_hold_in_both_directions() {
    let mut people: Vec<Person> = ["a", "b", "c", "d"]
        .iter()
        .enumerate()
        .map(|(i, id)| person(id, &format!("t{i}"), "Europe/Berlin", (9, 0, 17, 0)))
        .collect();
    // a and b would be the best pair (shared tags); a refuses b, and d refuses c.
    people[0].ask_me_about = vec!["rust".into(), "sql".into()];
    people[1].ask_me_about = vec!["rust".into(), "sql".into()];
    people[0].do_not_pair_with = vec![PersonId("b".into())];
    people[3].do_not_pair_with = vec![PersonId("c".into())];
    for seed in 0..5 {
        let mut req = request(people.clone(), date(2026, 5, 4), 5);
        req.settings.seed = seed;
        let plan = plan_round(&req).unwrap();
        assert_eq!(plan.groups.len(), 2);
        assert!(!together(&plan, "a", "b") && !together(&plan, "c", "d"));
    }
}

#[test]
fn cooldown_keeps_recent_partners_apart_and_lets_them_meet_after() {
    let people: Vec<Person> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| person(id, "same", "Asia/Kolkata", (10, 0, 18, 0)))
        .collect();
    let mut req = request(people, date(2026, 5, 4), 5);
    // Everyone met recently except a–b and c–d.
    for (x, y) in [("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")] {
        req.history.push(PastMeeting {
            a: PersonId(x.into()),
            b: PersonId(y.into()),
            on: date(2026, 4, 20),
        });
    }
    let plan = plan_round(&req).unwrap();
    assert!(together(&plan, "a", "b") && together(&plan, "c", "d"));
    // With a cooldown shorter than 14 days, the same history no longer forbids anything,
    // and all four are still paired.
    req.settings.cooldown_days = 7;
    assert_eq!(plan_round(&req).unwrap().groups.len(), 2);
}

#[test]
fn odd_count_gives_one_trio_and_leaves_nobody_out() {
    let people: Vec<Person> = (0..7)
        .map(|i| {
            person(
                &format!("p{i}"),
                &format!("t{}", i % 3),
                "America/Chicago",
                (8, 0, 16, 0),
            )
        })
        .collect();
    let plan = plan_round(&request(people, date(2026, 6, 1), 5)).unwrap();
    let sizes: Vec<usize> = plan.groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 7);
    assert_eq!(sizes.iter().filter(|&&s| s == 3).count(), 1);
    assert!(plan.unpaired.is_empty());
    let trio = plan.groups.iter().find(|g| g.members.len() == 3).unwrap();
    assert!(trio.slot.members.iter().all(|m| !m.off_hours));
    // Reasons are shown to people, so they name nobody: no member id appears in them.
    assert!(trio.reasons.contains("the third joins"), "{}", trio.reasons);
    for group in &plan.groups {
        for member in &group.members {
            assert!(!group.reasons.contains(&member.0), "{}", group.reasons);
        }
    }
    // Two pairs and a trio: 1 + 1 + 3 meetings to remember.
    assert_eq!(plan.meetings(date(2026, 6, 2)).len(), 5);
    assert!(plan.off_hours_people().is_empty());
}

#[test]
fn small_groups_shape_makes_groups_of_three_or_four() {
    let people: Vec<Person> = (0..11)
        .map(|i| {
            person(
                &format!("p{i}"),
                &format!("t{}", i % 4),
                "Europe/Paris",
                (9, 0, 17, 0),
            )
        })
        .collect();
    let mut req = request(people, date(2026, 6, 1), 5);
    req.settings.shape = GroupShape::SmallGroups;
    let plan = plan_round(&req).unwrap();
    let placed: usize = plan.groups.iter().map(|g| g.members.len()).sum();
    assert_eq!(placed, 11);
    assert!(
        plan.groups
            .iter()
            .all(|g| (3..=4).contains(&g.members.len())),
        "{plan:?}"
    );
    // Ten people (five pairs): the leftover pair and a four become two trios.
    req.people.pop();
    let even = plan_round(&req).unwrap();
    let mut sizes: Vec<usize> = even.groups.iter().map(|g| g.members.len()).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, vec![3, 3, 4], "{even:?}");
}

#[test]
fn same_seed_same_round_other_seed_may_differ() {
    let people = company(300, 3, date(2026, 6, 1));
    let mut req = request(people, date(2026, 6, 1), 7);
    req.settings.seed = 42;
    let first = plan_round(&req).unwrap();
    let second = plan_round(&req).unwrap();
    assert_eq!(first, second);
    req.settings.seed = 43;
    let other = plan_round(&req).unwrap();
    assert_ne!(first.groups, other.groups);
}

#[test]
fn everyone_left_out_gets_a_reason() {
    let mut people: Vec<Person> = (0..4)
        .map(|i| person(&format!("ok{i}"), "t", "Europe/Madrid", (9, 0, 17, 0)))
        .collect();
    people.push(person("mars", "t", "Mars/Olympus_Mons", (9, 0, 17, 0)));
    let mut idle = person("idle", "t", "Europe/Madrid", (9, 0, 17, 0));
    idle.working_hours = WeeklyHours::default();
    people.push(idle);
    people.push(person("night", "t", "Europe/Madrid", (1, 0, 3, 0)));
    let mut loner = person("loner", "t", "Europe/Madrid", (9, 0, 17, 0));
    loner.do_not_pair_with = (0..4).map(|i| PersonId(format!("ok{i}"))).collect();
    people.push(loner);
    let plan = plan_round(&request(people, date(2026, 6, 1), 5)).unwrap();
    let reason = |id: &str| {
        plan.unpaired
            .iter()
            .find(|u| u.person.0 == id)
            .map(|u| u.reason.clone())
    };
    assert_eq!(
        reason("mars"),
        Some(UnpairedReason::UnknownTimeZone {
            zone: "Mars/Olympus_Mons".into()
        })
    );
    assert_eq!(reason("idle"), Some(UnpairedReason::NoWorkingHours));
    assert_eq!(reason("night"), Some(UnpairedReason::NoOverlappingHours));
    assert_eq!(reason("loner"), Some(UnpairedReason::ExcludedEveryone));
    assert!(reason("loner")
        .unwrap()
        .to_string()
        .contains("don't-pair list"));
    assert_eq!(
        plan.groups.iter().map(|g| g.members.len()).sum::<usize>(),
        4
    );
}

#[test]
fn fewer_than_two_eligible_people_is_a_clear_error() {
    let people = vec![
        person("solo", "t", "Europe/Rome", (9, 0, 17, 0)),
        person("bad", "t", "Not/A_Zone", (9, 0, 17, 0)),
    ];
    let err = plan_round(&request(people, date(2026, 6, 1), 5)).unwrap_err();
    assert!(err.to_string().contains("fewer than two eligible people"));
    match err {
        PairingError::TooFewEligible { eligible, unpaired } => {
            assert_eq!(eligible, 0);
            assert_eq!(unpaired.len(), 2);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn reasons_explain_the_pair_in_one_line() {
    let mut a = person("a", "design", "America/New_York", (9, 0, 17, 0));
    let mut b = person("b", "platform", "Europe/Lisbon", (9, 0, 17, 0));
    a.ask_me_about = vec!["Rust".into()];
    b.ask_me_about = vec!["rust".into(), "sql".into()];
    let plan = plan_round(&request(vec![a, b], date(2026, 6, 2), 1)).unwrap();
    let reasons = &plan.groups[0].reasons;
    // Tuesday 2 June 2026: New York 13:00-21:00 UTC, Lisbon 08:00-16:00 UTC.
    assert!(
        reasons.starts_with("different teams; 3 h overlap Tue 13:00-16:00 UTC"),
        "{reasons}"
    );
    assert!(
        reasons.contains("both ask-me-about rust") && reasons.contains("never met"),
        "{reasons}"
    );
    assert!(!reasons.contains('\n'));
}

#[test]
fn pulse_hints_steer_the_round_but_never_show_in_the_reasons() {
    let people = vec![
        person("a", "x", "Europe/Warsaw", (9, 0, 17, 0)),
        person("b", "y", "Europe/Warsaw", (9, 0, 17, 0)),
        person("c", "z", "Europe/Warsaw", (9, 0, 17, 0)),
        person("d", "z", "Europe/Warsaw", (9, 0, 17, 0)),
    ];
    let mut req = request(people, date(2026, 6, 1), 5);
    let plain = plan_round(&req).unwrap();
    assert!(
        !together(&plain, "a", "b"),
        "without hints c and d are split up"
    );
    req.hints
        .team_pair_boosts
        .push(hallway_pairing::TeamPairBoost {
            team_a: TeamId("y".into()),
            team_b: TeamId("x".into()),
            points: 200,
        });
    req.hints.person_boosts.push(hallway_pairing::PersonBoost {
        person: PersonId("c".into()),
        points: 10,
    });
    let steered = plan_round(&req).unwrap();
    assert!(together(&steered, "a", "b"));
    let reasons: Vec<&str> = steered.groups.iter().map(|g| g.reasons.as_str()).collect();
    // What pulse inferred steers the matching but is said to nobody: the pair sees only
    // facts about the pair (teams, hours, interests, history).
    assert!(
        reasons.iter().all(|r| !r.contains("pulse")
            && !r.contains("newcomer without")
            && !r.contains("no ties")),
        "{reasons:?}"
    );
    assert_eq!(plain.groups.len(), steered.groups.len());
}

#[test]
fn off_hours_burden_goes_to_whoever_carried_least() {
    // London and Los Angeles never overlap; each overlaps New York. Three people make one trio
    // with no common in-hours time, so someone must meet outside their hours.
    let people = vec![
        person("ldn", "a", "Europe/London", (9, 0, 17, 0)),
        person("nyc", "b", "America/New_York", (9, 0, 17, 0)),
        person("lax", "c", "America/Los_Angeles", (9, 0, 17, 0)),
    ];
    let record = |id: &str, slots: u32| hallway_pairing::FairnessRecord {
        person: PersonId(id.into()),
        recent_rounds_left_out: 0,
        off_hours_slots: slots,
    };
    let burdened = |fairness: Vec<hallway_pairing::FairnessRecord>| {
        let mut req = request(people.clone(), date(2026, 6, 1), 5);
        req.fairness = fairness;
        let plan = plan_round(&req).unwrap();
        assert_eq!(plan.groups.len(), 1);
        assert!(plan.groups[0].reasons.contains("off-hours for"));
        plan.groups[0].slot.off_hours_for()
    };
    assert_eq!(
        burdened(vec![record("ldn", 4), record("lax", 0)]),
        vec![PersonId("lax".into())]
    );
    assert_eq!(
        burdened(vec![record("ldn", 0), record("lax", 4)]),
        vec![PersonId("ldn".into())]
    );
}
