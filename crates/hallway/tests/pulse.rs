//! `hallway pulse` on an empty organisation, on the demo (twelve weekly snapshots that tell what
//! happened: cross-team ties rising after the pairing rounds began, a topic known to fewer than
//! five active people), with pulse switched off; and closing the loop: a newcomer flagged in the
//! stored pairing priorities is weighted up in the next `hallway pair --dry-run`, which never
//! says why.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use chrono::Utc;
use hallway::config::Config;
use hallway::pulse::weekly::last_full_week;
use hallway_store::PairingPriorities;

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

fn ok(out: Output) -> String {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn shown(cell: &serde_json::Value) -> Option<f64> {
    cell["value"].as_f64().or_else(|| cell.as_f64())
}

#[tokio::test]
async fn pulse_on_an_empty_organisation_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let printed = ok(hallway(dir.path(), &["pulse"]));
    assert!(printed.contains("This organisation is empty"), "{printed}");
    let printed = ok(hallway(dir.path(), &["pulse", "snapshot"]));
    assert!(
        printed.contains("Nobody takes part in pulse yet"),
        "{printed}"
    );
}

#[tokio::test]
async fn the_demo_has_weekly_snapshots_that_tell_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };
    let store = hallway::demo::prepare(&config, false).await.unwrap();
    let data = config.data_dir.as_path();
    let snapshots = store.pulse_snapshots().await.unwrap();
    assert_eq!(snapshots.len(), 12, "twelve weeks of snapshots");
    let latest_week = last_full_week(Utc::now());
    assert_eq!(snapshots.last().unwrap().week, latest_week);

    let cross = |i: usize| shown(&snapshots[i].snapshot["ties"]["cross_team"]).unwrap();
    assert!(
        cross(11) > cross(4),
        "cross-team ties rise after the pairing rounds began: {} then {}",
        cross(4),
        cross(11)
    );
    let topics = snapshots[11].snapshot["knowledge"]["topics"]
        .as_array()
        .unwrap();
    assert!(
        topics.iter().any(|t| t["status"] == "at_risk"),
        "some topic rests on fewer than five active people"
    );
    assert!(
        topics.iter().all(|t| t.get("active_holders").is_none()),
        "no topic counts its holders"
    );

    let priorities = store.pairing_priorities().await.unwrap();
    assert_eq!(priorities.week, Some(latest_week), "from the latest week");

    let printed = ok(hallway(data, &["pulse"]));
    assert!(
        printed.contains(&format!("Pulse for the week of {latest_week}")),
        "{printed}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(hallway(data, &["pulse", "--json"])))
        .expect("pulse --json prints JSON");
    assert_eq!(json["ties"], snapshots[11].snapshot["ties"]);
    let first = snapshots[0].week.to_string();
    let old = ok(hallway(data, &["pulse", "--json", "--week", &first]));
    let old: serde_json::Value = serde_json::from_str(&old).unwrap();
    assert_eq!(old["ties"], snapshots[0].snapshot["ties"]);
    let missing = hallway(data, &["pulse", "--week", "2001-01-03"]);
    assert!(!missing.status.success());
    let said = String::from_utf8_lossy(&missing.stderr);
    assert!(
        said.contains("no pulse snapshot for the week of 2001-01-01"),
        "{said}"
    );
    let again = ok(hallway(data, &["pulse", "snapshot"]));
    assert!(again.contains("already stored"), "{again}");

    store.set_pulse_enabled(false).await.unwrap();
    let off = ok(hallway(data, &["pulse"]));
    assert!(off.contains("Pulse is switched off"), "{off}");
}

/// The group containing `name` in a printed plan, with its weight.
fn group_of(printed: &str, name: &str) -> Option<(String, i64)> {
    printed.split("\nGroup ").skip(1).find_map(|group| {
        let members = group.lines().next()?;
        if !members.contains(name) {
            return None;
        }
        let weight = group
            .lines()
            .find_map(|l| l.trim().strip_prefix("Weight: "))?
            .trim_end_matches(" points")
            .parse()
            .ok()?;
        Some((group.to_owned(), weight))
    })
}

#[tokio::test]
async fn a_flagged_newcomer_is_weighted_up_in_the_next_round() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };
    let store = hallway::demo::prepare(&config, false).await.unwrap();
    let data = config.data_dir.as_path();
    let org = hallway_seed::demo_org().unwrap();
    let newest = org.people.iter().min_by_key(|p| p.joined_days_ago).unwrap();
    let name = newest.profile.display_name.to_string();
    ok(hallway(data, &["circle", "create", "--name", "Coffee"]));
    let emails: Vec<String> = org.people.iter().map(|p| p.email.to_string()).collect();
    let mut join = vec!["circle", "join", "--name", "Coffee"];
    for email in &emails {
        join.extend(["--email", email.as_str()]);
    }
    ok(hallway(data, &join));
    let dry = ["pair", "--circle", "Coffee", "--dry-run", "--seed", "3"];
    let flagged_id = store.person_by_email(&newest.email).await.unwrap().id;
    store
        .save_pairing_priorities(&PairingPriorities {
            week: Some(last_full_week(Utc::now())),
            people: vec![(flagged_id, 1.0)],
            team_pairs: Vec::new(),
        })
        .await
        .unwrap();

    let flagged = ok(hallway(data, &dry));
    let (_, boosted) = group_of(&flagged, &name).expect("the newcomer is paired");
    // The boost weighs in, but the admin's dry run never says what pulse inferred about
    // the named newcomer.
    for inference in ["pulse:", "newcomer without", "no ties yet"] {
        assert!(!flagged.contains(inference), "{inference:?} in {flagged}");
    }

    store
        .save_pairing_priorities(&PairingPriorities::default())
        .await
        .unwrap();
    let plain = ok(hallway(data, &dry));
    let (group, unboosted) = group_of(&plain, &name).expect("the newcomer is paired");
    assert!(!group.contains("pulse:"), "{group}");
    assert!(boosted > unboosted, "{boosted} vs {unboosted}");
}
