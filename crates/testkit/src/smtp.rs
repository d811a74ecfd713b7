//! A real SMTP server on loopback for the mail tests: Python's `aiosmtpd` from the venv
//! `scripts/test` sets up (`HALLWAY_TEST_PYTHON`), saving each mail it receives as a file, and
//! Python's `email` and `icalendar` to read them back.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const SERVER: &str = r#"
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

const READ: &str = r#"
import email, email.policy, json, os, sys, icalendar
mails = []
for name in sorted(n for n in os.listdir(sys.argv[1]) if n.endswith(".eml")):
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

/// The Python with `icalendar` and `aiosmtpd`; `None` (with a notice) outside CI when it is
/// missing, a panic in CI.
pub fn test_python() -> Option<PathBuf> {
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

/// The running server; stopped when dropped.
pub struct SmtpServer {
    child: Child,
    python: PathBuf,
    inbox: tempfile::TempDir,
    /// `smtp://127.0.0.1:PORT`
    pub url: String,
}

impl SmtpServer {
    pub fn start(python: &Path) -> SmtpServer {
        let inbox = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(python)
            .args(["-c", SERVER])
            .arg(inbox.path())
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
        SmtpServer {
            child,
            python: python.to_owned(),
            inbox,
            url: format!("smtp://127.0.0.1:{port}"),
        }
    }

    /// Every mail received so far, read back: recipient, subject, text, the `invite.ics`
    /// event's start and attendee count, and the calendar parser's complaints.
    pub fn mails(&self) -> Vec<Value> {
        let out = Command::new(&self.python)
            .args(["-c", READ])
            .arg(self.inbox.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Waits until at least `count` mails arrived (or `within` passed), then reads them all.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let arrived = std::fs::read_dir(self.inbox.path())
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .count();
            if arrived >= count || started.elapsed() > within {
                return self.mails();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}
