//! The writer's output read back by a real parser: Python's `icalendar` package, from the venv
//! `scripts/test` sets up (`HALLWAY_TEST_PYTHON`). Skipped with a notice when that python is not
//! there, except in CI (`CI` set), where a missing parser fails the test.

use chrono::{TimeZone, Utc};
use hallway_calendar::{invitation_ics, invitation_uid, Invitation, Method, Party};
use std::path::PathBuf;
use std::process::Command;

const PARSE_SCRIPT: &str = r#"
import json, sys
import icalendar
raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\r\n")
assert lines[-1] == b"", "the file must end with CRLF"
for line in lines:
    assert b"\n" not in line and b"\r" not in line, "bare line break"
    assert len(line) <= 75, "line longer than 75 octets: %r" % line
    line.decode("utf-8")  # every physical line is valid UTF-8 on its own
cal = icalendar.Calendar.from_ical(raw)
events = list(cal.walk("VEVENT"))
assert len(events) == 1, "one VEVENT expected"
e = events[0]
print(json.dumps({
    "version": str(cal["VERSION"]),
    "prodid": str(cal["PRODID"]),
    "calscale": str(cal["CALSCALE"]),
    "method": str(cal["METHOD"]),
    "uid": str(e["UID"]),
    "dtstamp": e.decoded("DTSTAMP").isoformat(),
    "dtstart": e.decoded("DTSTART").isoformat(),
    "dtend": e.decoded("DTEND").isoformat(),
    "summary": str(e["SUMMARY"]),
    "description": str(e["DESCRIPTION"]),
    "organizer": str(e["ORGANIZER"]),
    "organizer_cn": str(e["ORGANIZER"].params["CN"]),
    "attendees": [[str(a), str(a.params["CN"])] for a in e["ATTENDEE"]],
    "errors": [str(x) for c in cal.walk() for x in getattr(c, "errors", [])],
}))
"#;

fn python() -> Option<PathBuf> {
    match std::env::var_os("HALLWAY_TEST_PYTHON") {
        Some(path) if PathBuf::from(&path).exists() => Some(PathBuf::from(path)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("HALLWAY_TEST_PYTHON is not set to a python with icalendar (run scripts/test)")
        }
        _ => {
            eprintln!("SKIPPED: HALLWAY_TEST_PYTHON is not set (scripts/test sets it up)");
            None
        }
    }
}

#[test]
fn python_icalendar_reads_back_every_field() {
    let Some(python) = python() else { return };
    let at = |h, m| {
        Utc.with_ymd_and_hms(2026, 11, 26, h, m, 0)
            .single()
            .unwrap_or_default()
    };
    let long_reasons = "You both joined the platform team this year, both like climbing, \
                        and neither of you has met before; say hi! Ünïcödé 🙂 test. "
        .repeat(3);
    let invitation = Invitation {
        uid: invitation_uid("round-42/group-1", "hallway.example.org"),
        method: Method::Request,
        stamp: at(8, 0),
        start: at(14, 0),
        end: at(14, 30),
        summary: "Coffee chat: Ana, Bo; Chidi".into(),
        description: format!("{long_reasons}\nBackslash \\ stays."),
        organizer: Party {
            name: "Hallway".into(),
            email: "hallway@example.org".into(),
        },
        attendees: vec![
            Party {
                name: "Ana Ñúñez, PhD".into(),
                email: "ana@example.org".into(),
            },
            Party {
                name: "Bo: \"B\" Smith".into(),
                email: "bo@example.org".into(),
            },
            Party {
                name: "千尋 荻野".repeat(8),
                email: "chihiro@example.org".into(),
            },
        ],
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invite.ics");
    std::fs::write(&file, invitation_ics(&invitation)).unwrap();

    let output = Command::new(python)
        .arg("-c")
        .arg(PARSE_SCRIPT)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "python icalendar rejected the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(parsed["version"], "2.0");
    assert_eq!(parsed["prodid"], hallway_calendar::PRODUCT_ID);
    assert_eq!(parsed["calscale"], "GREGORIAN");
    assert_eq!(parsed["method"], "REQUEST");
    assert_eq!(parsed["uid"], "round-42-group-1@hallway.example.org");
    assert_eq!(parsed["dtstamp"], "2026-11-26T08:00:00+00:00");
    assert_eq!(parsed["dtstart"], "2026-11-26T14:00:00+00:00");
    assert_eq!(parsed["dtend"], "2026-11-26T14:30:00+00:00");
    assert_eq!(parsed["summary"], invitation.summary);
    assert_eq!(parsed["description"], invitation.description);
    assert_eq!(parsed["organizer"], "mailto:hallway@example.org");
    assert_eq!(parsed["organizer_cn"], "Hallway");
    let attendees = parsed["attendees"].as_array().unwrap();
    assert_eq!(attendees.len(), 3);
    assert_eq!(attendees[0][0], "mailto:ana@example.org");
    assert_eq!(attendees[0][1], "Ana Ñúñez, PhD");
    assert_eq!(attendees[1][1], "Bo: 'B' Smith");
    assert_eq!(attendees[2][1], "千尋 荻野".repeat(8));
    assert_eq!(parsed["errors"], serde_json::json!([]));
}
