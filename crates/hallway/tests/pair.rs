//! `hallway circle` and `hallway pair` on the demo organisation: a dry run prints groups with
//! their UTC slot and reasons and saves nothing; a real run saves the round once per cycle and
//! invites each group member; a circle with one member is refused, naming who.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use hallway::config::Config;
use hallway_domain::CircleName;

fn hallway(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HALLWAY_CONFIG")
        .env_remove("HALLWAY_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn failed(out: Output) -> String {
    assert!(!out.status.success(), "{}", text(&out.stdout));
    text(&out.stderr)
}

#[tokio::test]
async fn pairing_rounds_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };
    drop(hallway::demo::prepare(&config, false).await.unwrap());
    let data = config.data_dir.as_path();
    let org = hallway_seed::demo_org().unwrap();
    let emails: Vec<String> = org.people.iter().map(|p| p.email.to_string()).collect();

    ok(hallway(data, &["circle", "create", "--name", "Coffee"]));
    let mut join = vec!["circle", "join", "--name", "Coffee"];
    for email in &emails {
        join.extend(["--email", email.as_str()]);
    }
    ok(hallway(data, &join));
    let excluded = ["circle", "exclude", "--name", "coffee", "--email"];
    let mut exclude: Vec<&str> = excluded.to_vec();
    exclude.extend([emails[0].as_str(), "--other", emails[1].as_str()]);
    ok(hallway(data, &exclude));
    let snooze = [
        "circle",
        "snooze",
        "--name",
        "Coffee",
        "--email",
        emails[3].as_str(),
    ];
    let mut snooze = snooze.to_vec();
    snooze.extend(["--until", "2026-06-05"]);
    ok(hallway(data, &snooze));

    let pair = ["pair", "--circle", "Coffee", "--cycle-start", "2026-06-01"];
    let mut dry = pair.to_vec();
    dry.extend(["--dry-run", "--seed", "7"]);
    let printed = ok(hallway(data, &dry));
    assert!(printed.contains("Group 1: "), "{printed}");
    assert!(printed.contains(" UTC"), "{printed}");
    assert!(printed.contains("Why: "), "{printed}");
    assert!(printed.contains("Dry run: nothing was saved."), "{printed}");
    let first_name = org.people[0].profile.display_name.to_string();
    assert!(printed.contains(&first_name), "names are shown: {printed}");
    assert_eq!(rounds(&config).await, 0, "a dry run saves nothing");
    let snoozed = org.people[3].profile.display_name.to_string();
    assert!(
        printed.contains(&format!("{snoozed}: snoozed until 2026-06-05")),
        "{printed}"
    );

    let saved = ok(hallway(data, &pair));
    assert!(saved.contains("Saved the round for Coffee"), "{saved}");
    assert_eq!(rounds(&config).await, 1);
    let (placed, invited) = invitations(&config).await;
    assert!(placed > 0, "the demo team is paired");
    assert_eq!(invited, placed, "one invitation per group member");
    assert!(
        saved.contains(&format!("sent {placed} invitations")),
        "{saved}"
    );
    let again = failed(hallway(data, &pair));
    assert!(
        again.contains("a round for Coffee already ran for the cycle starting 2026-06-01"),
        "{again}"
    );
    let next = ["pair", "--circle", "Coffee", "--cycle-start", "2026-06-08"];
    ok(hallway(data, &next));
    assert_eq!(rounds(&config).await, 2);

    ok(hallway(data, &["circle", "create", "--name", "Solo"]));
    let solo = [
        "circle",
        "join",
        "--name",
        "Solo",
        "--email",
        emails[2].as_str(),
    ];
    ok(hallway(data, &solo));
    let lonely = failed(hallway(data, &["pair", "--circle", "Solo", "--dry-run"]));
    let name = org.people[2].profile.display_name.to_string();
    assert!(
        lonely.contains("fewer than two eligible people"),
        "{lonely}"
    );
    assert!(lonely.contains(&name), "names who: {lonely}");
    let leave = [
        "circle",
        "leave",
        "--name",
        "Solo",
        "--email",
        emails[2].as_str(),
    ];
    ok(hallway(data, &leave));
    let empty = failed(hallway(data, &["pair", "--circle", "Solo"]));
    assert!(empty.contains("nobody is opted in"), "{empty}");

    let missing = failed(hallway(data, &["pair", "--circle", "Nope"]));
    assert!(missing.contains("no circle named"), "{missing}");
}

/// People placed in the first round's groups, and the invitations they hold.
async fn invitations(config: &Config) -> (usize, usize) {
    let store = hallway::storage::open(config).await.unwrap();
    let circle = store
        .circle_by_name(&CircleName::parse("Coffee").unwrap())
        .await
        .unwrap();
    let round = store.rounds(circle.id).await.unwrap().remove(0);
    let mut invited = 0;
    for group in &round.groups {
        for person in &group.members {
            let mut mine = store.invitations_of(*person).await.unwrap();
            mine.retain(|i| i.circle == circle.id);
            assert!(mine
                .iter()
                .all(|i| i.round == round.id && i.slot_start == group.slot_start));
            invited += mine.len();
        }
    }
    (round.groups.iter().map(|g| g.members.len()).sum(), invited)
}

async fn rounds(config: &Config) -> usize {
    let store = hallway::storage::open(config).await.unwrap();
    let circle = store
        .circle_by_name(&CircleName::parse("Coffee").unwrap())
        .await
        .unwrap();
    store.rounds(circle.id).await.unwrap().len()
}
