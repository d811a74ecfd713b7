//! mbox archives: threads, escaping, encodings, broken messages.

use hallway_import::mbox::MboxArchive;
use hallway_import::{ImportError, MAX_TEXT_BYTES};

use crate::support::{message, read};

const ARCHIVE: &str = "From ann@example.org Mon Jan  1 10:00:00 2024
From: =?UTF-8?B?QW5uIEzDqWU=?= <Ann@Example.org>
Date: Mon, 1 Jan 2024 10:00:00 +0000
Message-ID: <root@example.org>
List-Id: Dev talk <dev.lists.example.org>
Subject: =?utf-8?q?Caf=C3=A9?= deploys
 are slow
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Deploys take caf=C3=A9 breaks =
long.
>From the start it was slow.

From time to time it is fast.

From bob@example.org Mon Jan  1 11:00:00 2024
From: Bob <bob@example.org>
Date: Mon, 1 Jan 2024 11:00:00 +0000 (UTC)
Message-ID: <r1@example.org>
In-Reply-To: <root@example.org>
Subject: Re: deploys
Content-Type: multipart/alternative; boundary=\"XYZ\"

--XYZ
Content-Type: text/html

<p>html version</p>
--XYZ
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: base64

VXNlIGNhY2hlcyDp
--XYZ--

From broken Mon Jan  1 12:00:00 2024
From: Carl <carl@example.org>
this line is not a header
Message-ID: <broken@example.org>

body

From carl@example.org Mon Jan  1 13:00:00 2024
From: carl at example.org (Carl)
Date: Mon, 1 Jan 2024 13:00:00 +0000
Message-ID: <r2@example.org>
References: <root@example.org> <r1@example.org>
Content-Type: text/plain; charset=x-klingon

tlhIngan Hol
";

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn threads_encodings_and_skips() {
    let dir = tempfile::tempdir().unwrap();
    let batch = read(&MboxArchive::from_path(write(
        dir.path(),
        "dev.mbox",
        ARCHIVE,
    )))
    .unwrap();
    assert_eq!(batch.rooms.len(), 1);
    assert_eq!(batch.rooms[0].source_id, "dev.lists.example.org");
    assert_eq!(batch.rooms[0].name, "Dev talk");

    let root = message(&batch, "root@example.org");
    assert_eq!(root.author, "ann@example.org");
    assert_eq!(
        root.text,
        "Café deploys are slow\n\nDeploys take café breaks long.\nFrom the start it was slow.\n\nFrom time to time it is fast."
    );
    let r1 = message(&batch, "r1@example.org");
    assert_eq!(r1.reply_to.as_deref(), Some("root@example.org"));
    assert_eq!(r1.text, "Use caches é");
    let r2 = message(&batch, "r2@example.org");
    assert_eq!(
        r2.reply_to.as_deref(),
        Some("r1@example.org"),
        "last References id"
    );
    assert_eq!(r2.text, "tlhIngan Hol");
    assert!(batch
        .messages
        .iter()
        .all(|m| m.room == "dev.lists.example.org"));
    let names: Vec<&str> = batch
        .people
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(names, ["Ann Lée", "Bob", "Carl"]);

    // The broken message is skipped at its bad line; the unknown charset is noted.
    assert_eq!(batch.messages.len(), 3);
    let where_why: Vec<(&str, &str)> = batch
        .skipped
        .iter()
        .map(|s| (s.location.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(where_why.len(), 2, "{where_why:?}");
    assert_eq!(where_why[0].0, "dev.mbox:38");
    assert!(where_why[0].1.contains("broken header line"));
    assert_eq!(where_why[1].0, "dev.mbox:43");
    assert!(where_why[1].1.contains("unknown charset \"x-klingon\""));
}

#[test]
fn parsing_twice_gives_equal_batches() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "dev.mbox", ARCHIVE);
    assert_eq!(
        read(&MboxArchive::from_path(&path)).unwrap(),
        read(&MboxArchive::from_path(&path)).unwrap()
    );
}

#[test]
fn room_falls_back_to_file_name_and_huge_bodies_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let body = "x".repeat(2 * MAX_TEXT_BYTES);
    let text =
        format!("From a Mon Jan  1 10:00:00 2024\nFrom: a@example.org\nSubject: big\n\n{body}\n");
    let batch = read(&MboxArchive::from_path(write(
        dir.path(),
        "ops-2024.mbox",
        &text,
    )))
    .unwrap();
    assert_eq!(batch.rooms[0].source_id, "ops-2024");
    let m = message(&batch, "ops-2024.mbox:1");
    assert_eq!(m.text.len(), MAX_TEXT_BYTES);
    assert_eq!(
        m.at.to_rfc3339(),
        "2024-01-01T10:00:00+00:00",
        "From_ line date"
    );
    assert!(batch.skipped.iter().any(|s| s.reason.contains("truncated")));
}

#[test]
fn empty_and_non_mbox_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(&MboxArchive::from_path(write(dir.path(), "e.mbox", ""))).unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err}");
    let err = read(&MboxArchive::from_path(write(
        dir.path(),
        "n.mbox",
        "\nhello\n",
    )))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "n.mbox:2: not an mbox file: the first line does not start with \"From \""
    );
}

#[test]
fn crlf_archives_read_like_lf() {
    let dir = tempfile::tempdir().unwrap();
    let lf = read(&MboxArchive::from_path(write(
        dir.path(),
        "dev.mbox",
        ARCHIVE,
    )))
    .unwrap();
    let crlf_text = ARCHIVE.replace('\n', "\r\n");
    let crlf = read(&MboxArchive::from_path(write(
        dir.path(),
        "dev.mbox",
        &crlf_text,
    )))
    .unwrap();
    assert_eq!(crlf.messages, lf.messages);
}

#[test]
fn fifty_megabyte_message_is_capped_and_the_next_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let line = "All work and no play makes a very long mail indeed.\n";
    let body = line.repeat(50 * 1024 * 1024 / line.len());
    let text = format!(
        "From a Mon Jan  1 10:00:00 2024\nFrom: a@example.org\nMessage-ID: <big@x>\nSubject: big\n\n{body}\nFrom b Mon Jan  1 11:00:00 2024\nFrom: b@example.org\nMessage-ID: <small@x>\nIn-Reply-To: <big@x>\n\nok\n"
    );
    let batch = read(&MboxArchive::from_path(write(
        dir.path(),
        "big.mbox",
        &text,
    )))
    .unwrap();
    assert_eq!(message(&batch, "big@x").text.len(), MAX_TEXT_BYTES);
    assert_eq!(message(&batch, "small@x").text, "ok");
    let note = &batch.skipped[0];
    assert_eq!(note.location, "big.mbox:1");
    assert!(
        note.reason.starts_with("text truncated from 5242"),
        "{}",
        note.reason
    );
}

#[test]
fn undecodable_base64_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let text = "From a Mon Jan  1 10:00:00 2024\nFrom: a@example.org\nMessage-ID: <b@x>\nContent-Transfer-Encoding: base64\n\n!!!!\n";
    let batch = read(&MboxArchive::from_path(write(dir.path(), "b.mbox", text))).unwrap();
    assert_eq!(batch.messages.len(), 1);
    assert_eq!(batch.skipped[0].location, "b.mbox:1");
    assert!(batch.skipped[0]
        .reason
        .contains("base64 body could not be decoded"));
}

#[test]
fn html_only_mail_becomes_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = "From a Mon Jan  1 10:00:00 2024\nFrom: a@example.org\nMessage-ID: <h@x>\nIn-Reply-To: <root@x>\nContent-Type: text/html; charset=\"windows-1252\"\n\n<p>Caf\u{e9} &amp; <b>deploys</b></p>\n";
    // The body is Windows-1252 on disk: é is the single byte 0xE9.
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let path = dir.path().join("h.mbox");
    std::fs::write(&path, bytes).unwrap();
    let batch = read(&MboxArchive::from_path(path)).unwrap();
    assert_eq!(message(&batch, "h@x").text, "Café & deploys");
    assert!(batch.skipped.is_empty(), "{:?}", batch.skipped);
}
