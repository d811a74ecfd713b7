//! The finder respects walls, on every backend: for every room kind (open, team, private and a
//! team room with an invited guest) and every asker role (owner, admin, member, guest, a member
//! of another team), evidence from a room the asker cannot read never shows — not as a person,
//! a score, a count or a snippet — and shows when they can. People who opted out never appear;
//! the asker never appears; guests get no notes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use hallway_domain::{
    ClientMessageId, DisplayName, Email, MessageBody, NoteBody, NoteKind, NoteTitle, PersonId,
    Profile, Role, RoomKind, RoomName, TeamId, TeamName, TimeZoneName, WorkingHours,
};
use hallway_finder::{Answer, Finder};
use hallway_store::{NewMessage, NewNote, NewPerson, NewRoom, Room, Store};
use hallway_testkit::backends;

/// The rooms, each with its own marker word that only its messages use.
const ROOMS: [(&str, RoomKind, &str); 4] = [
    ("kitchen", RoomKind::Open, "kiwi"),
    ("platform", RoomKind::Team, "papaya"),
    ("vault", RoomKind::Private, "vanilla"),
    ("guest-room", RoomKind::Team, "guava"),
];

/// Who may read which room (same order as [`ROOMS`]): the rule `RoomWalls::may_enter` states.
const ASKERS: [(&str, Role, [bool; 4]); 5] = [
    ("owner", Role::Owner, [true, false, false, false]),
    ("admin", Role::Admin, [true, false, false, false]),
    ("member", Role::Member, [true, true, true, true]),
    ("guest", Role::Guest, [false, false, false, true]),
    ("outsider", Role::Member, [true, false, false, false]),
];

fn when() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap() - Duration::days(30)
}

async fn person(store: &Arc<dyn Store>, name: &str, role: Role, teams: Vec<TeamId>) -> PersonId {
    let new = NewPerson {
        email: Email::parse(&format!("{name}@example.org")).unwrap(),
        role,
        password_hash: None,
        active: true,
        profile: Profile {
            display_name: DisplayName::parse(name).unwrap(),
            pronouns: None,
            time_zone: TimeZoneName::parse("Europe/Berlin").unwrap(),
            working_hours: WorkingHours::weekdays(9 * 60, 17 * 60),
            ask_me_about: Vec::new(),
            bio: hallway_domain::Bio::parse("").unwrap(),
        },
        teams,
        joined_at: when(),
    };
    let created = if role == Role::Owner {
        store.create_owner(new).await
    } else {
        store.create_person(new).await
    };
    created.unwrap().id
}

async fn say(store: &Arc<dyn Store>, room: &Room, author: PersonId, text: &str) {
    let client = format!("m{}", store.room(room.id).await.unwrap().last_seq + 1);
    let client = format!("{client}-{}", room.id.0);
    store
        .post_message(NewMessage {
            room: room.id,
            author,
            client_id: ClientMessageId::parse(&client).unwrap(),
            body: MessageBody::parse(text).unwrap(),
            reply_to: None,
            at: when(),
        })
        .await
        .unwrap();
}

struct World {
    askers: Vec<PersonId>,
    /// One author per room who writes only there.
    locals: Vec<PersonId>,
    /// Writes the same flamingo line in every room.
    max: PersonId,
    /// Writes the flamingo line in the kitchen only.
    cy: PersonId,
    opal: PersonId,
    nora: PersonId,
}

async fn world(store: &Arc<dyn Store>) -> World {
    let platform = store
        .create_team(&TeamName::parse("Platform").unwrap(), "")
        .await
        .unwrap()
        .id;
    let design = store
        .create_team(&TeamName::parse("Design").unwrap(), "")
        .await
        .unwrap()
        .id;
    let mut askers = Vec::new();
    for (name, role, _) in ASKERS {
        let teams = match name {
            "member" => vec![platform],
            "outsider" => vec![design],
            _ => Vec::new(),
        };
        askers.push(person(store, name, role, teams).await);
    }
    let max = person(store, "max", Role::Member, vec![platform]).await;
    let cy = person(store, "cy", Role::Member, Vec::new()).await;
    let opal = person(store, "opal", Role::Member, Vec::new()).await;
    let nora = person(store, "nora", Role::Member, Vec::new()).await;
    let mut locals = Vec::new();
    for (name, kind, marker) in ROOMS {
        let room = store
            .create_room(NewRoom {
                name: RoomName::parse(name).unwrap(),
                topic: String::new(),
                kind,
                team: (kind == RoomKind::Team).then_some(platform),
                overhearable: false,
                created_by: None,
                created_at: when(),
            })
            .await
            .unwrap();
        let local = person(
            store,
            &format!("{name}-local"),
            Role::Member,
            vec![platform],
        )
        .await;
        for invited in [local, max] {
            store.add_room_member(room.id, invited).await.unwrap();
        }
        match name {
            "vault" => store.add_room_member(room.id, askers[2]).await.unwrap(),
            "guest-room" => store.add_room_member(room.id, askers[3]).await.unwrap(),
            _ => {}
        }
        say(
            store,
            &room,
            local,
            &format!("the {marker} rollout broke the build"),
        )
        .await;
        say(
            store,
            &room,
            max,
            &format!("flamingo outage near the {marker}"),
        )
        .await;
        if name == "kitchen" {
            say(store, &room, cy, "flamingo outage near the kiwi").await;
            say(store, &room, opal, "flamingo outage, flamingo everywhere").await;
        }
        locals.push(local);
    }
    store
        .create_note(NewNote {
            kind: NoteKind::Solved,
            title: NoteTitle::parse("Flamingo outages").unwrap(),
            body: NoteBody::parse("A flamingo outage is solved by a restart.").unwrap(),
            tags: Vec::new(),
            author: nora,
            at: when(),
        })
        .await
        .unwrap();
    World {
        askers,
        locals,
        max,
        cy,
        opal,
        nora,
    }
}

fn who(answer: &Answer) -> Vec<PersonId> {
    answer.people.iter().map(|f| f.person).collect()
}

/// No snippet names an unreadable room or quotes its marker.
fn assert_no_hidden_snippet(answer: &Answer, readable: [bool; 4], context: &str) {
    for found in &answer.people {
        for snippet in &found.evidence {
            for (i, (room, _, marker)) in ROOMS.iter().enumerate() {
                if readable[i] {
                    continue;
                }
                let named = snippet.room.as_ref().is_some_and(|r| r.name == *room);
                assert!(!named, "{context}: a snippet from {room}: {snippet:?}");
                assert!(!snippet.excerpt.contains(marker), "{context}: {snippet:?}");
                assert!(!found.reason.contains(room), "{context}: {}", found.reason);
            }
        }
    }
}

#[tokio::test]
async fn evidence_shows_exactly_where_the_asker_may_read() {
    for backend in backends().await {
        let store = backend.store.clone();
        let name = backend.name;
        let w = world(&store).await;
        let dir = tempfile::tempdir().unwrap();
        let finder = Finder::open(store.clone(), dir.path()).unwrap();
        finder.sync().await.unwrap();
        for (a, (asker_name, _, readable)) in ASKERS.iter().enumerate() {
            let asker = w.askers[a];
            let context = |what: &str| format!("{name}, {asker_name} asking {what}");
            for (r, (room, _, marker)) in ROOMS.iter().enumerate() {
                let answer = finder.ask(asker, &format!("{marker}?"), 10).await.unwrap();
                let c = context(room);
                assert_eq!(
                    who(&answer).contains(&w.locals[r]),
                    readable[r],
                    "{c}: {answer:?}"
                );
                if !readable[r] {
                    assert!(
                        answer.people.is_empty(),
                        "{c}: nothing else matches: {answer:?}"
                    );
                }
                assert_no_hidden_snippet(&answer, *readable, &c);
            }
            let answer = finder.ask(asker, "flamingo outage", 10).await.unwrap();
            let c = context("about flamingos");
            assert_no_hidden_snippet(&answer, *readable, &c);
            let visible = readable.iter().filter(|r| **r).count();
            let max = answer.people.iter().find(|f| f.person == w.max);
            assert_eq!(
                max.map(|f| f.counts.matching_messages),
                Some(visible),
                "{c}"
            );
            let cy = answer.people.iter().find(|f| f.person == w.cy);
            assert_eq!(cy.is_some(), readable[0], "{c}");
            if let (Some(max), Some(cy)) = (max, cy) {
                if visible == 1 {
                    let same = (max.score - cy.score).abs() <= 1e-4 * cy.score.abs();
                    assert!(same, "{c}: hidden evidence changed a score: {max:?} {cy:?}");
                } else {
                    assert!(max.score > cy.score, "{c}: readable evidence counts");
                }
            }
            let nora = who(&answer).contains(&w.nora);
            assert_eq!(
                nora,
                *asker_name != "guest",
                "{c}: notes are not for guests"
            );
            assert!(!who(&answer).contains(&asker), "{c}: never the asker");
        }

        let member = w.askers[2];
        assert!(who(&finder.ask(member, "flamingo", 10).await.unwrap()).contains(&w.opal));
        store.set_suggestions_opted_out(w.opal, true).await.unwrap();
        for asker in &w.askers {
            let answer = finder.ask(*asker, "flamingo everywhere", 10).await.unwrap();
            assert!(!who(&answer).contains(&w.opal), "{name}: opted out");
        }
        let answer = finder.ask(w.cy, "flamingo outage kiwi", 10).await.unwrap();
        assert!(!who(&answer).contains(&w.cy), "{name}: never the asker");
        assert!(who(&answer).contains(&w.max), "{name}");
        backend.finish().await;
    }
}
