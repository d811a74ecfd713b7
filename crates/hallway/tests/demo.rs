//! The demo seeds a realistic team once, reuses it on the next run, and starts over on reset;
//! it comes with rooms and a few weeks of conversation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use hallway::config::Config;
use hallway_domain::{Availability, Email, Role, RoomKind};
use hallway_store::{PeopleQuery, Room, Store};

async fn room(store: &dyn Store, name: &str) -> Room {
    let rooms = store.rooms().await.unwrap();
    rooms.into_iter().find(|r| r.name.as_str() == name).unwrap()
}

#[tokio::test]
async fn the_demo_seeds_once_reuses_and_resets() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };

    let store = hallway::demo::prepare(&config, false).await.unwrap();
    let people = store.search_people(&PeopleQuery::default()).await.unwrap();
    assert!(
        (35..=45).contains(&people.len()),
        "about 40 people, got {}",
        people.len()
    );
    let zones: std::collections::BTreeSet<_> = people
        .iter()
        .map(|p| p.profile.time_zone.to_string())
        .collect();
    assert!(zones.len() >= 5, "at least 5 time zones: {zones:?}");
    assert_eq!(store.teams().await.unwrap().len(), 6);
    // A circle with this week's round: nearly everyone has a pairing to act on.
    let circles = store.circles().await.unwrap();
    assert_eq!(circles.len(), 1, "{circles:?}");
    let round = store.rounds(circles[0].id).await.unwrap().remove(0);
    let paired: usize = round.groups.iter().map(|g| g.members.len()).sum();
    assert!(
        paired * 10 >= people.len() * 8,
        "{paired} of {} paired",
        people.len()
    );
    let first = round.groups[0].members[0];
    assert_eq!(store.invitations_of(first).await.unwrap().len(), 1);
    let edited = people[3].id;
    let kitchen_seq = room(store.as_ref(), "kitchen").await.last_seq;
    drop(store);

    let store = hallway::demo::prepare(&config, false).await.unwrap();
    assert_eq!(
        store.count_people().await.unwrap() as usize,
        people.len(),
        "reused, not seeded twice"
    );
    assert_eq!(
        room(store.as_ref(), "kitchen").await.last_seq,
        kitchen_seq,
        "the conversation is not written twice"
    );
    store.deactivate(edited).await.unwrap();
    drop(store);

    let store = hallway::demo::prepare(&config, true).await.unwrap();
    assert_eq!(store.count_people().await.unwrap() as usize, people.len());
    assert!(
        store.person(edited).await.unwrap().active,
        "reset starts from fresh data"
    );
    assert!(room(store.as_ref(), "kitchen").await.last_seq > 0);
}

#[tokio::test]
async fn the_demo_has_rooms_and_a_lively_conversation() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };
    let store = hallway::demo::prepare(&config, false).await.unwrap();
    let store = store.as_ref();

    let rooms = store.rooms().await.unwrap();
    let count = |kind| rooms.iter().filter(|r| r.kind == kind).count();
    assert!(count(RoomKind::Open) >= 3, "{rooms:?}");
    assert_eq!(count(RoomKind::Team), 6);
    assert!(count(RoomKind::Private) >= 1);
    for name in ["kitchen", "porch", "show-and-tell"] {
        let open = room(store, name).await;
        assert_eq!(open.kind, RoomKind::Open, "{name}");
        assert!(open.overhearable, "{name}");
    }

    let kitchen = room(store, "kitchen").await;
    let talk = store.messages_before(kitchen.id, None, 5000).await.unwrap();
    assert!(talk.len() > 50, "{} kitchen messages", talk.len());
    assert!(talk.iter().any(|m| m.reply_to.is_some()), "a reply");
    assert!(talk.iter().any(|m| !m.reactions.is_empty()), "a reaction");
    assert!(talk.windows(2).all(|w| w[0].seq < w[1].seq));

    let mut edited = 0;
    for r in &rooms {
        let messages = store.messages_before(r.id, None, 5000).await.unwrap();
        assert!(!messages.is_empty(), "{} is empty", r.name);
        edited += messages.iter().filter(|m| m.edited_at.is_some()).count();
    }
    assert!(edited > 0, "a few messages were edited");

    let help = room(store, "help-desk").await;
    let asked = store.messages_before(help.id, None, 5000).await.unwrap();
    let encryption: Vec<_> = asked
        .iter()
        .filter(|m| m.body.contains(hallway_seed::ENCRYPTION_PHRASE))
        .collect();
    assert!(
        encryption.len() >= 3,
        "the encryption conversation is there"
    );
    let priya = store
        .person_by_email(&Email::parse("priya.raghunathan@demo.hallway.dev").unwrap())
        .await
        .unwrap();
    assert!(encryption.iter().any(|m| m.author == Some(priya.id)));

    let mobile = room(store, "mobile").await;
    let mut guests = 0;
    for member in store.room_members(mobile.id).await.unwrap() {
        guests += usize::from(store.person(member).await.unwrap().role == Role::Guest);
    }
    assert!(guests >= 1, "the mobile team's guest is invited");

    let statuses = store.statuses().await.unwrap();
    assert!(statuses.len() >= 5);
    assert!(statuses
        .iter()
        .any(|s| s.status.availability == Availability::DoNotDisturb && s.status.until.is_some()));
}
