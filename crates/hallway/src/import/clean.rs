//! Turning exported text into Hallway's checked values: names, bodies, emails and the ids
//! derived from source ids. Each function says what it changed, so the report can.

use hallway_domain::{ClientMessageId, DisplayName, Email, Invalid, MessageBody, RoomName};
use sha2::{Digest, Sha256};

/// Text with control characters other than newline and tab removed (`\r\n` becomes `\n`),
/// trimmed.
fn printable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// One line: newlines and tabs become spaces too.
fn one_line(text: &str) -> String {
    printable(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Hex of the SHA-256 of the parts, joined by newlines.
fn digest(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update(b"\n");
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A message body, cut to the longest Hallway allows; `Err` when nothing is left. The second
/// value says what was cut, if anything.
pub fn body(text: &str) -> Result<(MessageBody, Option<String>), &'static str> {
    let clean = printable(text);
    let length = clean.chars().count();
    if length == 0 {
        return Err("empty message");
    }
    let max = MessageBody::MAX_CHARS;
    let (kept, note) = if length > max {
        let note = format!("text cut from {length} to {max} characters");
        (cut(&clean, max).trim_end().to_owned(), Some(note))
    } else {
        (clean, None)
    };
    MessageBody::parse(&kept)
        .map(|body| (body, note))
        .map_err(|_| "message text that Hallway cannot store")
}

/// A display name: the exported one if it makes one, else `fallback`, else a generic one.
pub fn display_name(name: &str, fallback: &str) -> Result<DisplayName, Invalid> {
    match [name, fallback]
        .iter()
        .find_map(|candidate| DisplayName::parse(&cut(&one_line(candidate), 80)).ok())
    {
        Some(name) => Ok(name),
        None => DisplayName::parse("Imported person"),
    }
}

/// A room name of at most 60 characters (the exported name, else the source id).
pub fn room_name(name: &str, source_id: &str) -> String {
    let name = cut(&one_line(name), RoomName::MAX_CHARS);
    if name.is_empty() {
        cut(&one_line(source_id), RoomName::MAX_CHARS)
    } else {
        name
    }
}

/// The exported email if it is one; else an address under `.invalid` (which can never
/// receive mail) made from the source and source id, unique per source id.
pub fn email(exported: Option<&str>, source: &str, source_id: &str) -> Result<Email, Invalid> {
    if let Some(email) = exported.and_then(|e| Email::parse(e).ok()) {
        return Ok(email);
    }
    let slug = |text: &str, max: usize| -> String {
        let mut out: String = text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        out.truncate(max);
        out.trim_matches('-').to_owned()
    };
    let hash = digest(&[source, source_id]);
    let local = match slug(source_id, 40) {
        s if s.is_empty() => hash[..12].to_owned(),
        s => format!("{s}.{}", &hash[..8]),
    };
    Email::parse(&format!("{local}@{}.import.invalid", slug(source, 40)))
}

/// The client id of an imported message: derived from its source and source id only, so a
/// second run produces the same one.
pub fn client_id(source: &str, source_id: &str) -> Result<ClientMessageId, Invalid> {
    ClientMessageId::parse(&format!("i{}", &digest(&[source, source_id])[..40]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_text_becomes_checked_values() {
        let (text, note) = body("  line\r\none\u{7}  ").unwrap();
        assert_eq!((text.as_str(), note), ("line\none", None));
        assert_eq!(body(" \u{1} ").unwrap_err(), "empty message");
        let (long, note) = body(&"é".repeat(5000)).unwrap();
        assert_eq!(long.as_str().chars().count(), 4000);
        assert_eq!(note.unwrap(), "text cut from 5000 to 4000 characters");
        assert_eq!(display_name("  Ann\nB ", "U1").unwrap().as_str(), "Ann B");
        assert_eq!(display_name("", "U1").unwrap().as_str(), "U1");
        assert_eq!(room_name("", "D1"), "D1");
        assert_eq!(room_name(&"r".repeat(70), "C1").len(), 60);
    }

    #[test]
    fn emails_and_client_ids_are_stable_and_valid() {
        let email = |e, s, i| email(e, s, i).unwrap();
        assert_eq!(
            email(Some("Ann@Example.org"), "slack", "U1").as_str(),
            "ann@example.org"
        );
        let made = email(Some("not an email"), "slack", "U2");
        assert_eq!(made, email(None, "slack", "U2"));
        assert!(made.as_str().ends_with("@slack.import.invalid"), "{made}");
        assert_ne!(made, email(None, "slack", "U3"));
        assert_ne!(
            email(None, "x", "name:Ann B"),
            email(None, "x", "name:Ann-B")
        );
        let client_id = |s, i| client_id(s, i).unwrap();
        let id = client_id("slack", "C1/1700000000.000100");
        assert_eq!(id, client_id("slack", "C1/1700000000.000100"));
        assert_ne!(id, client_id("slack", "C1/1700000000.000200"));
        assert_eq!(id.as_str().len(), 41);
    }
}
