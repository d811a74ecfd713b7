//! Round invitations by mail, through a real SMTP server on loopback (Python's `aiosmtpd`, from
//! the venv `scripts/test` sets up): `hallway pair` on the demo team mails every group member
//! once, in their own time zone, with an `invite.ics` that Python's `icalendar` reads back at the
//! group's slot. Skipped with a notice without that python, except in CI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use hallway::config::Config;
use hallway_domain::CircleName;
use hallway_testkit::{test_python, SmtpServer};

fn hallway(data_dir: &Path, smtp_url: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HALLWAY_CONFIG")
        .env_remove("HALLWAY_DATABASE_URL")
        .env("HALLWAY_SMTP_URL", smtp_url)
        .env("HALLWAY_PUBLIC_URL", "https://hallway.example.org")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

#[tokio::test]
async fn a_round_mails_every_member_an_invitation_with_a_calendar_file() {
    let Some(python) = test_python() else { return };
    let smtp = SmtpServer::start(&python);
    let smtp_url = smtp.url.clone();
    let dir = tempfile::tempdir().unwrap();

    let config = Config {
        data_dir: dir.path().join("demo"),
        ..Config::default()
    };
    drop(hallway::demo::prepare(&config, false).await.unwrap());
    let data = config.data_dir.as_path();
    let org = hallway_seed::demo_org().unwrap();
    hallway(data, &smtp_url, &["circle", "create", "--name", "Coffee"]);
    let mut join = vec!["circle", "join", "--name", "Coffee"];
    let emails: Vec<String> = org.people.iter().map(|p| p.email.to_string()).collect();
    for email in &emails {
        join.extend(["--email", email.as_str()]);
    }
    hallway(data, &smtp_url, &join);
    let printed = hallway(
        data,
        &smtp_url,
        &["pair", "--circle", "Coffee", "--cycle-start", "2026-06-01"],
    );

    let store = hallway::storage::open(&config).await.unwrap();
    let circle = store
        .circle_by_name(&CircleName::parse("Coffee").unwrap())
        .await
        .unwrap();
    let round = store.rounds(circle.id).await.unwrap().remove(0);
    let placed: usize = round.groups.iter().map(|g| g.members.len()).sum();
    assert!(
        printed.contains(&format!("Mailed {placed} of {placed}")),
        "{printed}"
    );
    let mails = smtp.mails();
    assert_eq!(mails.len(), placed, "one mail per group member");
    for group in &round.groups {
        for id in &group.members {
            let person = store.person(*id).await.unwrap();
            let to: Vec<_> = mails
                .iter()
                .filter(|m| m["to"] == person.email.as_str())
                .collect();
            assert_eq!(to.len(), 1, "{} gets one mail", person.email);
            let mail = to[0];
            assert_eq!(mail["errors"], serde_json::json!([]));
            let start: chrono::DateTime<chrono::Utc> =
                mail["start"].as_str().unwrap().parse().unwrap();
            assert_eq!(start, group.slot_start, "the calendar file holds the slot");
            assert_eq!(mail["attendees"], group.members.len());
            let zone = person.profile.time_zone.to_string();
            let text = mail["text"].as_str().unwrap();
            assert!(text.contains(&format!("({zone})")), "local time: {text}");
            assert!(
                text.contains("https://hallway.example.org/hallway"),
                "{text}"
            );
            let local = group
                .slot_start
                .with_timezone(&person.profile.time_zone.tz());
            assert!(text.contains(&local.format("%H:%M").to_string()), "{text}");
            let others = group.members.iter().filter(|m| *m != id).count();
            assert!(others >= 1);
        }
    }
}
