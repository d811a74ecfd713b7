//! Slack workspace export (the zip an admin downloads).
//!
//! Layout: `users.json` (required), `channels.json`, `groups.json` (private),
//! `dms.json` and `mpims.json` (private), and one folder per conversation holding
//! `YYYY-MM-DD.json` day files. Public channels, groups and multi-person DMs name
//! their folder after the conversation's `name`; DMs after their `id`.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use zip::ZipArchive;

use crate::{json, Batch, ImportError, ImportedMessage, ImportedPerson, ImportedRoom, Source};

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

/// A Slack export zip on disk.
#[derive(Debug, Clone)]
pub struct SlackExport {
    path: PathBuf,
}

impl SlackExport {
    /// Points at an export zip; nothing is read until [`Source::read`].
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
        }
    }
}

#[derive(Deserialize)]
struct User {
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
struct Channel {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    topic: Option<Topic>,
    #[serde(default)]
    purpose: Option<Topic>,
    #[serde(default)]
    members: Vec<String>,
}

#[derive(Deserialize)]
struct Topic {
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
struct Message {
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
}

#[derive(Deserialize)]
struct Reaction {
    name: String,
    #[serde(default)]
    count: u32,
}

type Archive = ZipArchive<BufReader<File>>;

impl Source for SlackExport {
    fn name(&self) -> &'static str {
        "slack"
    }

    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError> {
        let mut zip = open_zip(&self.path)?;
        let mut batch = Batch::default();
        let users: Vec<User> = parse_entry(&mut zip, &self.path, "users.json", true)?;
        let known: HashSet<String> = users.iter().map(|u| u.id.clone()).collect();
        batch.people = users.into_iter().map(person).collect();

        let mut folders = HashMap::new();
        for (file, private, by_id) in [
            ("channels.json", false, false),
            ("groups.json", true, false),
            ("mpims.json", true, false),
            ("dms.json", true, true),
        ] {
            let list: Vec<Channel> = parse_entry(&mut zip, &self.path, file, false)?;
            for c in list {
                let folder = match (&c.name, by_id) {
                    (Some(name), false) => name.clone(),
                    _ => c.id.clone(),
                };
                folders.insert(folder, c.id.clone());
                batch.rooms.push(room(c, private, &batch.people));
            }
        }
        read_days(&mut zip, &folders, &known, &mut batch, progress)?;
        Ok(batch)
    }
}

fn person(u: User) -> ImportedPerson {
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

fn room(c: Channel, private: bool, people: &[ImportedPerson]) -> ImportedRoom {
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
        private,
    }
}

fn read_days(
    zip: &mut Archive,
    folders: &HashMap<String, String>,
    known: &HashSet<String>,
    batch: &mut Batch,
    progress: &dyn Fn(u64, u64),
) -> Result<(), ImportError> {
    let mut days = Vec::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| zip_err(&PathBuf::from("."), e))?;
        let name = entry.name().to_string();
        if let Some((folder, file)) = name.rsplit_once('/') {
            if file.ends_with(".json") && !folder.is_empty() {
                days.push((i, name.clone(), folder.to_string(), entry.size()));
            }
        }
    }
    let total: u64 = days.iter().map(|d| d.3).sum();
    let mut done = 0;
    let mut unknown_authors = HashSet::new();
    let mut unlisted = HashSet::new();
    progress(0, total);
    for (index, name, folder, size) in days {
        let mut entry = zip
            .by_index(index)
            .map_err(|e| zip_err(&PathBuf::from(&name), e))?;
        let mut bytes = Vec::with_capacity(size as usize);
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::io(&name, e))?;
        let channel = match folders.get(&folder) {
            Some(id) => id.clone(),
            None => {
                if unlisted.insert(folder.clone()) {
                    batch.skip(&name, "folder not listed in channels/groups/dms/mpims.json; kept as a public room named after the folder");
                    batch.rooms.push(ImportedRoom {
                        source_id: folder.clone(),
                        name: folder.clone(),
                        topic: String::new(),
                        private: false,
                    });
                }
                folder.clone()
            }
        };
        let messages: Vec<Message> = json::parse(&name, &bytes)?;
        for (n, m) in messages.into_iter().enumerate() {
            let location = format!("{name}#{n}");
            if let Some(msg) = message(m, &channel, &location, batch) {
                if !known.contains(&msg.author) && unknown_authors.insert(msg.author.clone()) {
                    batch.people.push(ImportedPerson {
                        source_id: msg.author.clone(),
                        email: None,
                        display_name: msg.author.clone(),
                    });
                    batch.skip(
                        &location,
                        format!(
                            "author {} not in users.json; added with the id as name",
                            msg.author
                        ),
                    );
                }
                batch.messages.push(msg);
            }
        }
        done += size;
        progress(done.min(total), total);
    }
    Ok(())
}

fn message(
    m: Message,
    channel: &str,
    location: &str,
    batch: &mut Batch,
) -> Option<ImportedMessage> {
    if let Some(sub) = m.subtype.as_deref() {
        if NOISE_SUBTYPES.contains(&sub) {
            return None;
        }
        if !MESSAGE_SUBTYPES.contains(&sub) {
            batch.skip(location, format!("message subtype {sub} not imported"));
            return None;
        }
    }
    let Some(ts) = m.ts else {
        batch.skip(location, "message has no ts");
        return None;
    };
    let Some(author) = m.user else {
        batch.skip(location, "message has no user");
        return None;
    };
    let Some(at) = parse_ts(&ts) else {
        batch.skip(location, format!("unreadable ts {ts:?}"));
        return None;
    };
    let reply_to = m
        .thread_ts
        .filter(|t| *t != ts)
        .map(|t| format!("{channel}/{t}"));
    let text = batch.capped(location, m.text);
    Some(ImportedMessage {
        source_id: format!("{channel}/{ts}"),
        room: channel.to_string(),
        author,
        at,
        text,
        reply_to,
        reactions: m.reactions.into_iter().map(|r| (r.name, r.count)).collect(),
    })
}

/// Parses Slack's `"1700000000.000100"` timestamps.
fn parse_ts(ts: &str) -> Option<DateTime<Utc>> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, "0"));
    let secs: i64 = secs.parse().ok()?;
    let digits: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
    let nanos: u32 = digits.parse().ok()?;
    DateTime::from_timestamp(secs, nanos)
}

pub(crate) fn open_zip(path: &Path) -> Result<Archive, ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let len = file.metadata().map_err(|e| ImportError::io(path, e))?.len();
    if len == 0 {
        return Err(ImportError::Empty {
            file: path.display().to_string(),
        });
    }
    ZipArchive::new(BufReader::new(file)).map_err(|e| zip_err(path, e))
}

fn zip_err(path: &Path, source: zip::result::ZipError) -> ImportError {
    ImportError::Zip {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads and parses a top-level JSON file; an absent optional file is an empty list.
fn parse_entry<T: serde::de::DeserializeOwned + Default>(
    zip: &mut Archive,
    archive: &Path,
    file: &str,
    required: bool,
) -> Result<T, ImportError> {
    let mut entry = match zip.by_name(file) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) if !required => return Ok(T::default()),
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(ImportError::Missing {
                archive: archive.to_path_buf(),
                file: file.into(),
            })
        }
        Err(e) => return Err(zip_err(archive, e)),
    };
    let mut bytes = Vec::new();
    entry
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::io(archive.join(file), e))?;
    json::parse(file, &bytes)
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
