//! Round invitations by mail, through a real SMTP server on loopback (Python's `aiosmtpd`, from
//! the venv `scripts/test` sets up): `hallway pair` on the demo team mails every group member
//! once, in their own time zone, with an `invite.ics` that Python's `icalendar` reads back at the
//! group's slot. Skipped with a notice without that python, except in CI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use hallway::config::Config;
use hallway_domain::CircleName;

const SMTP_SERVER: &str = r#"
import os, sys
from aiosmtpd.controller import Controller
out, port = sys.argv[1], int(sys.argv[2])
class Save:
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(out, "%04d" % len(os.listdir(out)))
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.content)
        os.rename(name + ".tmp", name + ".eml")
        return "250 OK"
controller = Controller(Save(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
"#;

const READ_MAILS: &str = r#"
import email, email.policy, json, os, sys, icalendar
mails = []
for name in sorted(os.listdir(sys.argv[1])):
    msg = email.message_from_bytes(open(os.path.join(sys.argv[1], name), "rb").read(), policy=email.policy.default)
    [ics] = [p for p in msg.iter_attachments() if p.get_filename() == "invite.ics"]
    cal = icalendar.Calendar.from_ical(ics.get_content())
    [event] = list(cal.walk("VEVENT"))
    mails.append({"to": msg["To"].addresses[0].addr_spec, "subject": str(msg["Subject"]),
        "text": msg.get_body(("plain",)).get_content(), "start": event.decoded("DTSTART").isoformat(),
        "attendees": len(event["ATTENDEE"]),
        "errors": [str(x) for c in cal.walk() for x in getattr(c, "errors", [])]})
print(json.dumps(mails))
"#;

fn python() -> Option<PathBuf> {
    match std::env::var_os("HALLWAY_TEST_PYTHON") {
        Some(path) if Path::new(&path).exists() => Some(PathBuf::from(path)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("HALLWAY_TEST_PYTHON is not set to a python with aiosmtpd (run scripts/test)")
        }
        _ => {
            eprintln!("SKIPPED: HALLWAY_TEST_PYTHON is not set (scripts/test sets it up)");
            None
        }
    }
}

/// The SMTP server; stopped (stdin closed) when dropped.
struct SmtpServer {
    child: Child,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn start_smtp(python: &Path, out: &Path, port: u16) -> SmtpServer {
    let mut child = Command::new(python)
        .args(["-c", SMTP_SERVER])
        .arg(out)
        .arg(port.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "ready", "the SMTP server did not start");
    SmtpServer { child }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

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
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let port = free_port();
    let smtp = start_smtp(&python, &inbox, port);
    let smtp_url = format!("smtp://127.0.0.1:{port}");

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
    drop(smtp);

    let out = Command::new(&python)
        .args(["-c", READ_MAILS])
        .arg(&inbox)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mails: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
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
