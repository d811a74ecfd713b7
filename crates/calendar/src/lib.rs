//! An RFC 5545 iCalendar writer for one meeting invitation: a `VCALENDAR` holding one `VEVENT`
//! with its organizer and attendees, CRLF line endings, escaped TEXT values and lines folded at
//! 75 octets without splitting a UTF-8 character. Pure: no I/O, no clock.

mod text;

use chrono::{DateTime, Utc};
use std::fmt::Write as _;

pub use text::{escape_text, fold_line, quote_param};

/// What the calendar object asks of its reader (RFC 5546 `METHOD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An invitation the attendees are asked to answer.
    Request,
    /// An event published for information only.
    Publish,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Publish => "PUBLISH",
        }
    }
}

/// Someone on the invitation: a display name and an email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub email: String,
}

/// One meeting invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Stable per invitation, so a resent file updates the same calendar entry
    /// (see [`invitation_uid`]).
    pub uid: String,
    pub method: Method,
    /// When this version of the invitation was made.
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub organizer: Party,
    pub attendees: Vec<Party>,
}

/// The product identifier written as `PRODID`.
pub const PRODUCT_ID: &str = "-//Hallway//Hallway Calendar 1.0//EN";

/// A UID that stays the same for the same invitation: built from the thing being invited to
/// (for a round's group: the round id and group number) and the hallway's host name.
pub fn invitation_uid(key: &str, host: &str) -> String {
    let safe_key: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe_key}@{host}")
}

/// The invitation as an iCalendar file (`text/calendar`), CRLF line endings, folded lines.
pub fn invitation_ics(invitation: &Invitation) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODUCT_ID}"),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", invitation.method.as_str()),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", escape_text(&invitation.uid)),
        format!("DTSTAMP:{}", utc_date_time(invitation.stamp)),
        format!("DTSTART:{}", utc_date_time(invitation.start)),
        format!("DTEND:{}", utc_date_time(invitation.end)),
        format!("SUMMARY:{}", escape_text(&invitation.summary)),
        format!("DESCRIPTION:{}", escape_text(&invitation.description)),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            quote_param(&invitation.organizer.name),
            mail_address(&invitation.organizer.email)
        ),
    ];
    for attendee in &invitation.attendees {
        lines.push(format!(
            "ATTENDEE;CN={};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;\
             RSVP=TRUE:mailto:{}",
            quote_param(&attendee.name),
            mail_address(&attendee.email)
        ));
    }
    lines.push("STATUS:CONFIRMED".into());
    lines.push("TRANSP:OPAQUE".into());
    lines.push("SEQUENCE:0".into());
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());

    let mut out = String::new();
    for line in &lines {
        let _ = write!(out, "{}\r\n", fold_line(line));
    }
    out
}

/// An address for a `mailto:` URI: whitespace and control characters (never part of a valid
/// address) are dropped so they cannot break the line.
fn mail_address(email: &str) -> String {
    email
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// A UTC DATE-TIME value: `20261124T163000Z`.
fn utc_date_time(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests;
