//! Mattermost bulk export (JSONL, `mmctl export create` / `bulk-export`).
//!
//! One JSON object per line, tagged by `type`: `version`, `team`, `channel`, `user`,
//! `post`, `direct_channel`, `direct_post`. Other types (schemes, emoji, …) are noted
//! in `skipped`. A malformed line is a hard error naming its line and column.
//!
//! The bulk export carries no post ids, so a post's id is `room/create_at/user` and a
//! reply's `parent/r/create_at/user`; a clash within one file gets `#2`, `#3`, … in
//! file order. Rooms are `team/channel` (private when `type` is `P`) or
//! `dm:user1,user2` with members sorted. Reactions are counted per emoji.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::{json, Batch, ImportError, ImportedMessage, ImportedPerson, ImportedRoom, Source};

/// A Mattermost JSONL export file on disk.
#[derive(Debug, Clone)]
pub struct MattermostExport {
    path: PathBuf,
}

impl MattermostExport {
    /// Points at the `.jsonl` file; nothing is read until [`Source::read`].
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
        }
    }
}

#[derive(Deserialize)]
struct Line {
    #[serde(rename = "type")]
    kind: String,
    channel: Option<Channel>,
    user: Option<User>,
    post: Option<Post>,
    direct_channel: Option<DirectChannel>,
    direct_post: Option<Post>,
}

#[derive(Deserialize)]
struct Channel {
    team: String,
    name: String,
    #[serde(default)]
    display_name: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    header: String,
    #[serde(default)]
    purpose: String,
}

#[derive(Deserialize)]
struct User {
    username: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
}

#[derive(Deserialize)]
struct DirectChannel {
    members: Vec<String>,
    #[serde(default)]
    header: String,
}

#[derive(Deserialize)]
struct Post {
    #[serde(default)]
    team: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    channel_members: Vec<String>,
    user: String,
    #[serde(default)]
    message: String,
    create_at: i64,
    #[serde(default)]
    reactions: Vec<Reaction>,
    #[serde(default)]
    replies: Vec<Post>,
}

#[derive(Deserialize)]
struct Reaction {
    emoji_name: String,
}

/// Per-read state: ids already issued, so duplicates get a stable suffix.
#[derive(Default)]
struct State {
    batch: Batch,
    ids: HashSet<String>,
    rooms: HashSet<String>,
}

impl Source for MattermostExport {
    fn name(&self) -> &'static str {
        "mattermost"
    }

    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError> {
        let file = File::open(&self.path).map_err(|e| ImportError::io(&self.path, e))?;
        let total = file
            .metadata()
            .map_err(|e| ImportError::io(&self.path, e))?
            .len();
        let name = file_name(&self.path);
        if total == 0 {
            return Err(ImportError::Empty { file: name });
        }
        let mut reader = BufReader::new(file);
        let mut state = State::default();
        let (mut line, mut done, mut number) = (Vec::new(), 0u64, 0usize);
        progress(0, total);
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| ImportError::io(&self.path, e))?;
            if n == 0 {
                break;
            }
            number += 1;
            done += n as u64;
            if !line.trim_ascii().is_empty() {
                let parsed: Line = serde_json::from_slice(&line).map_err(|e| {
                    let mut err = json::error(&name, &e);
                    if let ImportError::Json { line, .. } = &mut err {
                        *line = number;
                    }
                    err
                })?;
                state.take(parsed, &format!("{name}:{number}"));
            }
            if number % 1024 == 0 {
                progress(done.min(total), total);
            }
        }
        progress(total, total);
        Ok(state.batch)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl State {
    fn take(&mut self, line: Line, location: &str) {
        match line.kind.as_str() {
            "version" | "team" => {}
            "channel" => match line.channel {
                Some(c) => self.channel(c),
                None => self.batch.skip(location, "channel line without channel"),
            },
            "user" => match line.user {
                Some(u) => self.user(u),
                None => self.batch.skip(location, "user line without user"),
            },
            "direct_channel" => match line.direct_channel {
                Some(d) => {
                    let id = dm_id(&d.members);
                    self.room(id, d.members.join(", "), d.header, true);
                }
                None => self
                    .batch
                    .skip(location, "direct_channel line without body"),
            },
            "post" | "direct_post" => match line.post.or(line.direct_post) {
                Some(p) => self.post(p, location),
                None => self.batch.skip(location, "post line without post"),
            },
            other => self
                .batch
                .skip(location, format!("line type {other:?} not imported")),
        }
    }

    fn channel(&mut self, c: Channel) {
        let name = if c.display_name.is_empty() {
            c.name.clone()
        } else {
            c.display_name
        };
        let topic = if c.header.is_empty() {
            c.purpose
        } else {
            c.header
        };
        self.room(format!("{}/{}", c.team, c.name), name, topic, c.kind == "P");
    }

    fn room(&mut self, source_id: String, name: String, topic: String, private: bool) {
        if self.rooms.insert(source_id.clone()) {
            self.batch.rooms.push(ImportedRoom {
                source_id,
                name,
                topic,
                private,
            });
        }
    }

    fn user(&mut self, u: User) {
        let full = format!("{} {}", u.first_name, u.last_name)
            .trim()
            .to_string();
        let display_name = [u.nickname, full]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_else(|| u.username.clone());
        self.batch.people.push(ImportedPerson {
            source_id: u.username,
            email: Some(u.email).filter(|e| !e.is_empty()),
            display_name,
        });
    }

    fn post(&mut self, p: Post, location: &str) {
        let room = if p.channel_members.is_empty() {
            format!("{}/{}", p.team, p.channel)
        } else {
            dm_id(&p.channel_members)
        };
        if !self.rooms.contains(&room) {
            self.batch.skip(
                location,
                format!("post in undeclared channel {room}; room added"),
            );
            let private = !p.channel_members.is_empty();
            self.room(room.clone(), room.clone(), String::new(), private);
        }
        let Some(parent) = self.message(&p, &room, None, location) else {
            return;
        };
        for reply in &p.replies {
            self.message(reply, &room, Some(&parent), location);
        }
    }

    fn message(
        &mut self,
        p: &Post,
        room: &str,
        parent: Option<&str>,
        location: &str,
    ) -> Option<String> {
        let Some(at) = DateTime::<Utc>::from_timestamp_millis(p.create_at) else {
            self.batch
                .skip(location, format!("create_at {} out of range", p.create_at));
            return None;
        };
        let base = match parent {
            Some(parent) => format!("{parent}/r/{}/{}", p.create_at, p.user),
            None => format!("{room}/{}/{}", p.create_at, p.user),
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}#{n}");
        }
        let text = self.batch.capped(location, p.message.clone());
        self.batch.messages.push(ImportedMessage {
            source_id: id.clone(),
            room: room.to_string(),
            author: p.user.clone(),
            at,
            text,
            reply_to: parent.map(str::to_string),
            reactions: count_reactions(&p.reactions),
        });
        Some(id)
    }
}

/// A DM room id independent of member order.
fn dm_id(members: &[String]) -> String {
    let mut members = members.to_vec();
    members.sort();
    format!("dm:{}", members.join(","))
}

fn count_reactions(reactions: &[Reaction]) -> Vec<(String, u32)> {
    let mut order: Vec<(String, u32)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for r in reactions {
        match index.get(r.emoji_name.as_str()) {
            Some(&i) => order[i].1 += 1,
            None => {
                index.insert(&r.emoji_name, order.len());
                order.push((r.emoji_name.clone(), 1));
            }
        }
    }
    order
}
