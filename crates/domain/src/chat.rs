//! The rules of quiet nudges and 9-minute chats: what reads as a question, whether someone may
//! be interrupted now, and the optional topic of a chat request.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::{Invalid, Profile, Status};

/// How long the chats Hallway proposes last, in minutes.
pub const CHAT_MINUTES: u32 = 9;

/// Words that start a question even without a question mark.
const QUESTION_STARTS: [&str; 13] = [
    "how", "what", "why", "where", "who", "which", "does", "do", "is", "can", "could", "anyone",
    "has",
];

/// Whether a message or a "working on" line reads as a question: it has a question mark, or
/// starts like one ("how do I…", "anyone know…").
pub fn reads_as_question(text: &str) -> bool {
    let text = text.trim();
    if text.chars().count() < 8 {
        return false;
    }
    if text.contains('?') {
        return true;
    }
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    QUESTION_STARTS.contains(&first.as_str())
}

/// Whether a person may be interrupted at `now`: not focusing (nor do-not-disturb), and inside
/// their working hours in their time zone. Someone who gave no working hours is always inside.
pub fn reachable_at(profile: &Profile, status: &Status, now: DateTime<Utc>) -> bool {
    if status.effective(now).silences_nudges() {
        return false;
    }
    let hours = &profile.working_hours;
    if hours.total_minutes() == 0 {
        return true;
    }
    let local = now.with_timezone(&profile.time_zone.tz());
    let weekday = local.weekday().num_days_from_monday() as usize;
    let minute = u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(u16::MAX);
    hours
        .day(weekday)
        .iter()
        .any(|i| i.start_minute <= minute && minute < i.end_minute)
}

/// The optional one-line topic of a chat request: at most 120 characters, no control
/// characters; empty when not given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChatTopic(String);

impl ChatTopic {
    pub const MAX: usize = 120;

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        let len = value.chars().count();
        if len > Self::MAX {
            return Err(Invalid::new(
                "topic",
                format!("must be at most {} characters (got {len})", Self::MAX),
            ));
        }
        if value.chars().any(char::is_control) {
            return Err(Invalid::new(
                "topic",
                "must be one line without control characters",
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Availability, DisplayName, TimeZoneName, WorkingHours};
    use chrono::TimeZone;

    #[test]
    fn questions_are_recognised() {
        assert!(reads_as_question("How do I rotate the TLS certificates"));
        assert!(reads_as_question("the build fails on ARM, any idea?"));
        assert!(!reads_as_question("Shipped the release notes."));
        assert!(!reads_as_question("ok?"));
    }

    #[test]
    fn reachable_only_inside_hours_and_not_focusing() {
        let profile = Profile {
            display_name: DisplayName::parse("Ada").unwrap(),
            pronouns: None,
            time_zone: TimeZoneName::parse("Europe/Berlin").unwrap(),
            working_hours: WorkingHours::weekdays(9 * 60, 17 * 60),
            ask_me_about: Vec::new(),
            bio: crate::Bio::empty(),
        };
        // Tuesday 2026-11-24, 10:00 in Berlin is 09:00 UTC.
        let inside = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let outside = Utc.with_ymd_and_hms(2026, 11, 24, 20, 0, 0).unwrap();
        let open = Status::default();
        assert!(reachable_at(&profile, &open, inside));
        assert!(!reachable_at(&profile, &open, outside));
        let focusing = Status::new(Availability::Focusing, None, "", inside).unwrap();
        assert!(!reachable_at(&profile, &focusing, inside));
        assert!(ChatTopic::parse(&"x".repeat(121)).is_err());
        assert_eq!(
            ChatTopic::parse("  sync on TLS ").unwrap().as_str(),
            "sync on TLS"
        );
    }
}
