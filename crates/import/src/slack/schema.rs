//! Slack's JSON shapes and their conversion to neutral records.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::mrkdwn;
use crate::{ImportedMessage, ImportedPerson, ImportedRoom};

/// Subtypes that carry no conversation; dropped silently.
const NOISE_SUBTYPES: &[&str] = &[
    "channel_join",
    "channel_leave",
    "group_join",
    "group_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "group_topic",
    "group_purpose",
    "group_name",
    "group_archive",
    "group_unarchive",
    "pinned_item",
    "unpinned_item",
    "bot_add",
    "bot_remove",
    "reminder_add",
    "tombstone",
    "sh_room_created",
];

/// Subtypes that are ordinary messages by a person.
const MESSAGE_SUBTYPES: &[&str] = &["thread_broadcast", "file_share", "me_message"];

#[derive(Deserialize)]
pub(super) struct User {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    profile: Profile,
}

#[derive(Deserialize, Default)]
struct Profile {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    real_name: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct Channel {
    pub(super) id: String,
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    topic: Option<Topic>,
    #[serde(default)]
    purpose: Option<Topic>,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    is_private: bool,
}

#[derive(Deserialize)]
struct Topic {
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
pub(super) struct Message {
    #[serde(default)]
    ts: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    thread_ts: Option<String>,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    reactions: Vec<Reaction>,
    #[serde(default)]
    files: Vec<SharedFile>,
}

/// A file shared with a message; only its name is kept.
#[derive(Deserialize)]
struct SharedFile {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Reaction {
    name: String,
    #[serde(default)]
    count: u32,
}

/// What became of one entry of a day file.
pub(super) enum Outcome {
    Message(ImportedMessage),
    /// Joins, topic changes, …: nothing to say.
    Noise,
    /// A subtype this importer does not take (bots, huddles, …).
    Unusual(String),
    /// Unreadable: the reason.
    Bad(String),
}

pub(super) fn person(u: User) -> ImportedPerson {
    let display_name = [u.profile.display_name, u.profile.real_name, u.real_name]
        .into_iter()
        .flatten()
        .find(|n| !n.trim().is_empty())
        .unwrap_or(u.name);
    ImportedPerson {
        source_id: u.id,
        email: u.profile.email.filter(|e| !e.is_empty()),
        display_name,
    }
}

pub(super) fn room(c: Channel, private: bool, people: &[ImportedPerson]) -> ImportedRoom {
    let name = c.name.unwrap_or_else(|| {
        let names: Vec<&str> = c
            .members
            .iter()
            .map(|m| {
                people
                    .iter()
                    .find(|p| &p.source_id == m)
                    .map_or(m.as_str(), |p| p.display_name.as_str())
            })
            .collect();
        names.join(", ")
    });
    let topic = [c.topic, c.purpose]
        .into_iter()
        .flatten()
        .map(|t| t.value)
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    ImportedRoom {
        source_id: c.id,
        name,
        topic,
        private: private || c.is_private,
    }
}

/// Converts one day-file entry; `names` resolves `<@U…>` mentions.
pub(super) fn message(
    m: Message,
    channel: &str,
    names: &dyn Fn(&str) -> Option<String>,
) -> Outcome {
    if let Some(sub) = m.subtype.as_deref() {
        if NOISE_SUBTYPES.contains(&sub) {
            return Outcome::Noise;
        }
        if !MESSAGE_SUBTYPES.contains(&sub) {
            return Outcome::Unusual(sub.to_string());
        }
    }
    let Some(ts) = m.ts else {
        return Outcome::Bad("message has no ts".into());
    };
    let Some(author) = m.user else {
        return Outcome::Bad("message has no user".into());
    };
    let Some(at) = parse_ts(&ts) else {
        return Outcome::Bad(format!("unreadable ts {ts:?}"));
    };
    let reply_to = m
        .thread_ts
        .filter(|t| *t != ts)
        .map(|t| format!("{channel}/{t}"));
    Outcome::Message(ImportedMessage {
        source_id: format!("{channel}/{ts}"),
        room: channel.to_string(),
        author,
        at,
        text: with_files(mrkdwn::to_text(&m.text, names), &m.files),
        reply_to,
        reactions: m.reactions.into_iter().map(|r| (r.name, r.count)).collect(),
    })
}

/// Appends `[file: title]` lines for shared files, so their names are searchable.
fn with_files(mut text: String, files: &[SharedFile]) -> String {
    for f in files {
        if let Some(title) = f
            .title
            .as_ref()
            .or(f.name.as_ref())
            .filter(|t| !t.is_empty())
        {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str("[file: ");
            text.push_str(title);
            text.push(']');
        }
    }
    text
}

/// Parses Slack's `"1700000000.000100"` timestamps.
fn parse_ts(ts: &str) -> Option<DateTime<Utc>> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, "0"));
    let secs: i64 = secs.parse().ok()?;
    let digits: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
    let nanos: u32 = digits.parse().ok()?;
    DateTime::from_timestamp(secs, nanos)
}

#[cfg(test)]
mod tests {
    use super::parse_ts;

    #[test]
    fn ts_keeps_microseconds() {
        let at = parse_ts("1700000000.000123").map(|t| t.timestamp_micros());
        assert_eq!(at, Some(1_700_000_000_000_123));
        assert!(parse_ts("nope").is_none());
    }
}
