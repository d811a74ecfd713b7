//! Checks on the demo's rooms and conversation.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use hallway_domain::{Availability, Role, RoomKind};

use crate::*;

/// Two "nows": one across the spring DST changes, one in the northern autumn.
fn nows() -> [DateTime<Utc>; 2] {
    [
        "2025-04-02T11:00:00Z".parse().unwrap(),
        "2024-11-14T18:30:00Z".parse().unwrap(),
    ]
}

fn history(now: DateTime<Utc>) -> (DemoOrg, DemoHistory) {
    let org = demo_org().unwrap();
    let history = demo_history(&org, now, DEMO_SEED).unwrap();
    (org, history)
}

fn at_work(org: &DemoOrg, person: usize, at: DateTime<Utc>) -> bool {
    let profile = &org.people[person].profile;
    let tz: Tz = profile.time_zone.as_str().parse().unwrap();
    is_working(&profile.working_hours, tz, at)
}

fn room_named<'a>(history: &'a DemoHistory, name: &str) -> (usize, &'a DemoRoom) {
    history
        .rooms
        .iter()
        .enumerate()
        .find(|(_, r)| r.name.as_str() == name)
        .unwrap()
}

#[test]
fn history_is_deterministic_for_a_seed() {
    let org = demo_org().unwrap();
    let now = nows()[0];
    let a = demo_history(&org, now, DEMO_SEED).unwrap();
    assert_eq!(a, demo_history(&org, now, DEMO_SEED).unwrap());
    assert_ne!(a.messages, demo_history(&org, now, 7).unwrap().messages);
}

#[test]
fn rooms_have_the_promised_shape() {
    let (org, history) = history(nows()[0]);
    for name in ["kitchen", "porch", "show-and-tell", "help-desk"] {
        let (_, room) = room_named(&history, name);
        assert_eq!(room.kind, RoomKind::Open);
        assert!(room.overhearable, "{name}");
    }
    let teams: Vec<_> = history
        .rooms
        .iter()
        .filter(|r| r.kind == RoomKind::Team)
        .collect();
    assert_eq!(teams.len(), org.teams.len());
    assert!(teams.iter().any(|r| r.overhearable) && teams.iter().any(|r| !r.overhearable));
    let private: Vec<_> = history
        .rooms
        .iter()
        .filter(|r| r.kind == RoomKind::Private)
        .collect();
    assert_eq!(private.len(), 2);
    assert!(private.iter().all(|r| (3..=8).contains(&r.members.len())));
    let invited_guests: HashSet<usize> = history
        .rooms
        .iter()
        .flat_map(|r| r.members.iter().copied())
        .filter(|&p| org.people[p].role == Role::Guest)
        .collect();
    assert!(!invited_guests.is_empty(), "a guest is invited somewhere");
    let (_, kitchen) = room_named(&history, "kitchen");
    let guest = invited_guests.iter().next().copied().unwrap();
    assert!(
        !kitchen.admits(&org, guest),
        "guests stay out of open rooms"
    );
    let names: HashSet<String> = history
        .rooms
        .iter()
        .map(|r| r.name.as_str().to_lowercase())
        .collect();
    assert_eq!(names.len(), history.rooms.len(), "names are unique");
}

#[test]
fn everyone_posts_and_reacts_only_where_they_may_and_when_at_work() {
    for now in nows() {
        let (org, history) = history(now);
        let oldest = now - Duration::days(HISTORY_DAYS);
        for (index, m) in history.messages.iter().enumerate() {
            let room = &history.rooms[m.room];
            assert!(
                room.admits(&org, m.author),
                "message {index} in {}",
                room.name
            );
            assert!(at_work(&org, m.author, m.at), "message {index} at {}", m.at);
            let joined = now - Duration::days(i64::from(org.people[m.author].joined_days_ago));
            assert!(
                m.at >= joined && m.at >= oldest && m.at < now,
                "message {index}"
            );
            assert!(m.at >= room.created_at);
        }
        for change in &history.changes {
            let message = &history.messages[change.message];
            assert!(history.rooms[message.room].admits(&org, change.person));
            assert!(
                at_work(&org, change.person, change.at),
                "change at {}",
                change.at
            );
            assert!(change.at > message.at && change.at < now);
            if let DemoChangeKind::Edit(_) = change.kind {
                assert_eq!(change.person, message.author, "only authors edit");
            }
        }
    }
}

#[test]
fn replies_point_to_earlier_messages_of_the_same_room() {
    let (_, history) = history(nows()[1]);
    let mut replies = 0;
    for (index, m) in history.messages.iter().enumerate() {
        if let Some(parent) = m.reply_to {
            assert!(parent < index, "message {index} replies to a later one");
            assert_eq!(history.messages[parent].room, m.room);
            assert!(history.messages[parent].at < m.at);
            replies += 1;
        }
    }
    assert!(replies > history.messages.len() / 3, "{replies} replies");
    assert!(history.messages.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(history.changes.windows(2).all(|w| w[0].at <= w[1].at));
    let steps = history.timeline();
    assert_eq!(steps.len(), history.messages.len() + history.changes.len());
    let times: Vec<_> = steps
        .iter()
        .map(|s| match s {
            DemoStep::Post(_, m) => m.at,
            DemoStep::Change(c) => c.at,
        })
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn conversation_is_big_varied_and_lively() {
    let (org, history) = history(nows()[0]);
    let count = history.messages.len();
    assert!((1500..=3000).contains(&count), "{count} messages");
    let bodies: HashSet<&str> = history.messages.iter().map(|m| m.body.as_str()).collect();
    assert!(
        bodies.len() * 10 >= count * 7,
        "only {} distinct of {count}",
        bodies.len()
    );
    for m in &history.messages {
        assert!(
            !m.body.as_str().contains(['{', '}']),
            "unfilled slot: {}",
            m.body
        );
    }
    let all = |pattern: &str| {
        history
            .messages
            .iter()
            .filter(|m| m.body.as_str().contains(pattern))
            .count()
    };
    assert!(all("@") > 100, "mentions");
    assert!(all("https://") > 50, "links");
    assert!(all("`") > 50, "code");
    let edits = history
        .changes
        .iter()
        .filter(|c| matches!(c.kind, DemoChangeKind::Edit(_)))
        .count();
    let reactions = history.changes.len() - edits;
    assert!((5..=150).contains(&edits), "{edits} edits");
    assert!(reactions > 150, "{reactions} reactions");
    for (index, room) in history.rooms.iter().enumerate() {
        let n = history.messages.iter().filter(|m| m.room == index).count();
        assert!(n >= 20, "{} has {n} messages", room.name);
    }
    let authors: HashSet<usize> = history.messages.iter().map(|m| m.author).collect();
    assert!(
        authors.len() + 2 >= org.people.len(),
        "almost everyone talks"
    );
}

#[test]
fn the_encryption_conversation_is_in_an_open_room() {
    let (org, history) = history(nows()[1]);
    let about: Vec<(usize, &DemoMessage)> = history
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.body.as_str().contains(ENCRYPTION_PHRASE))
        .collect();
    assert!(about.len() >= 3, "{}", about.len());
    let (_, first) = about[0];
    assert_eq!(history.rooms[first.room].kind, RoomKind::Open);
    let priya = org.person("priya.raghunathan@demo.hallway.dev").unwrap();
    let authors: HashSet<&str> = about
        .iter()
        .map(|(_, m)| org.people[m.author].email.as_str())
        .collect();
    assert!(authors.contains(priya.email.as_str()), "{authors:?}");
    let root = about[0].0;
    let mut thread = vec![root];
    for (index, m) in history.messages.iter().enumerate().skip(root) {
        if m.reply_to.is_some_and(|parent| thread.contains(&parent)) {
            thread.push(index);
        }
    }
    assert!(
        thread.len() >= 6,
        "the question gets answers: {}",
        thread.len()
    );
    for needle in [
        "SSLHandshakeException",
        "idle_in_transaction_session_timeout",
    ] {
        assert!(
            history
                .messages
                .iter()
                .any(|m| m.body.as_str().contains(needle)),
            "{needle}"
        );
    }
}

#[test]
fn some_people_chose_a_status() {
    let now = nows()[0];
    let (_, history) = history(now);
    let count = |a| {
        history
            .statuses
            .iter()
            .filter(|s| s.status.availability == a)
            .count()
    };
    assert!(count(Availability::OpenToChat) >= 3);
    assert!(count(Availability::Focusing) >= 2);
    let dnd: Vec<_> = history
        .statuses
        .iter()
        .filter(|s| s.status.availability == Availability::DoNotDisturb)
        .collect();
    assert_eq!(dnd.len(), 1);
    assert!(dnd[0].status.until.is_some_and(|u| u > now));
    assert!(history
        .statuses
        .iter()
        .any(|s| !s.status.working_on.is_empty()));
}

#[test]
fn another_organisation_gets_rooms_without_the_stories() {
    let org = generated_company(60, 4, 5, 3).unwrap();
    let history = demo_history(&org, nows()[0], 1).unwrap();
    assert_eq!(history.rooms.len(), 4 + 4);
    assert!(!history.messages.is_empty());
    assert!(history.statuses.is_empty());
}
