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

/// The real `hallway demo` binary, on a free port with its own data directory.
struct RunningDemo {
    url: String,
    child: tokio::process::Child,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl RunningDemo {
    async fn start() -> RunningDemo {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = dir.path().join("demo.log");
        let output = std::fs::File::create(&log).unwrap();
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hallway"))
            .arg("--data-dir")
            .arg(dir.path().join("demo"))
            .args(["demo", "--bind", &format!("127.0.0.1:{port}")])
            .env_remove("HALLWAY_CONFIG")
            .env_remove("HALLWAY_NATS_URL")
            .env_remove("HALLWAY_DATABASE_URL")
            .stdin(std::process::Stdio::null())
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut demo = RunningDemo {
            url: format!("http://127.0.0.1:{port}"),
            child,
            log,
            _dir: dir,
        };
        // Seeding four weeks of history takes a while in a debug build.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
        let http = reqwest::Client::new();
        loop {
            if let Some(status) = demo.child.try_wait().unwrap() {
                panic!("the demo exited ({status}):\n{}", demo.log_text());
            }
            let ready = http
                .get(format!("{}/readyz", demo.url))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return demo;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "not ready:\n{}",
                demo.log_text()
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

#[tokio::test]
async fn a_visitor_to_the_running_demo_finds_colleagues_moving_through_rooms() {
    use hallway_protocol::ServerFrame;
    use hallway_testkit::{Client, LiveClient};
    use std::collections::BTreeSet;
    use std::time::Duration;

    let demo = RunningDemo::start().await;
    let log = demo.log_text();
    assert!(
        log.contains("Simulated colleagues (demo people"),
        "the demo says who is simulated:\n{log}"
    );
    let ada = Client::new(&demo.url).await;
    let signed_in = ada
        .post(
            "/api/v1/session",
            &serde_json::json!({"email": hallway_seed::DEMO_OWNER_EMAIL, "password": hallway_seed::DEMO_PASSWORD}),
        )
        .await;
    assert!(signed_in.status().is_success(), "{signed_in:?}");
    let notes = ada.get("/notes").await.text().await.unwrap();
    assert!(notes.contains("Autovacuum"), "the demo has notes");

    let (mut live, _) = LiveClient::connect(&ada).await;
    live.send(serde_json::json!({"type": "watch_hallway"}))
        .await;
    // Within ten seconds: people in rooms, someone in voice, and a fresh line overheard.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut present: BTreeSet<i64> = BTreeSet::new();
    let mut in_voice: BTreeSet<i64> = BTreeSet::new();
    let mut overheard = Vec::new();
    while tokio::time::Instant::now() < deadline
        && (present.len() < 3 || in_voice.is_empty() || overheard.is_empty())
    {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(frame) = live.try_next(left).await else {
            break;
        };
        let mut note = |state: &hallway_protocol::RoomState| {
            present.extend(state.present.iter().map(|p| p.0));
            in_voice.extend(state.voice.iter().map(|o| o.person.0));
        };
        match frame {
            ServerFrame::Hallway { rooms, .. } => rooms.iter().for_each(&mut note),
            ServerFrame::RoomState(state) => note(&state),
            ServerFrame::Overheard {
                excerpt, author, ..
            } => overheard.push((author, excerpt)),
            _ => {}
        }
    }
    assert!(present.len() >= 3, "people in rooms: {present:?}");
    assert!(!in_voice.is_empty(), "someone in voice");
    assert!(!overheard.is_empty(), "a fresh line overheard within 10 s");
    let (author, line) = &overheard[0];
    assert!(author.is_some() && !line.is_empty(), "{overheard:?}");
    live.close().await;
}

#[tokio::test]
async fn the_readme_counts_the_rooms_the_demo_owner_sees() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };
    let store = hallway::demo::prepare(&config, false).await.unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .unwrap()
        .replace('\n', " ");
    let stated = |before: &str| -> usize {
        let at = readme
            .find(before)
            .unwrap_or_else(|| panic!("README says {before:?}"));
        let number: String = readme[..at]
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap()
            .to_owned();
        number.parse().unwrap()
    };
    let rooms = store.rooms().await.unwrap();
    assert_eq!(stated("rooms (kitchen"), rooms.len());
    let ada = store
        .person_by_email(&Email::parse(hallway_seed::DEMO_OWNER_EMAIL).unwrap())
        .await
        .unwrap();
    let invited = store.room_memberships(ada.id).await.unwrap();
    let teams: Vec<_> = ada.teams.iter().map(|t| t.id).collect();
    let sees = rooms
        .iter()
        .filter(|r| {
            hallway_domain::RoomWalls {
                kind: r.kind,
                team: r.team,
                invited: invited.contains(&r.id),
                role: ada.role,
                person_teams: &teams,
            }
            .may_enter()
        })
        .count();
    assert_eq!(
        stated("of them. While the demo runs"),
        sees,
        "README says how many rooms Ada sees"
    );
}
