//! Zulip's JSON shapes and their conversion to neutral records.

use std::collections::HashMap;

use chrono::DateTime;
use serde::Deserialize;

use crate::{Batch, ImportedMessage, ImportedPerson, ImportedRoom};

#[derive(Deserialize)]
pub(super) struct Realm {
    #[serde(default)]
    zerver_userprofile: Vec<User>,
    #[serde(default)]
    zerver_userprofile_mirrordummy: Vec<User>,
    #[serde(default)]
    zerver_userprofile_crossrealm: Vec<User>,
    #[serde(default)]
    zerver_stream: Vec<Stream>,
    #[serde(default)]
    zerver_recipient: Vec<Recipient>,
    #[serde(default)]
    zerver_reaction: Vec<Reaction>,
}

#[derive(Deserialize)]
struct User {
    id: u64,
    #[serde(default)]
    email: String,
    #[serde(default)]
    delivery_email: Option<String>,
    #[serde(default)]
    full_name: String,
}

#[derive(Deserialize)]
struct Stream {
    id: u64,
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    invite_only: bool,
}

#[derive(Deserialize)]
struct Recipient {
    id: u64,
    #[serde(rename = "type")]
    kind: u8,
    type_id: u64,
}

#[derive(Deserialize)]
struct Reaction {
    message: u64,
    emoji_name: String,
}

#[derive(Deserialize)]
pub(super) struct MessageFile {
    #[serde(default)]
    pub(super) zerver_message: Vec<Message>,
}

#[derive(Deserialize)]
pub(super) struct Message {
    pub(super) id: u64,
    sender: u64,
    recipient: u64,
    #[serde(default)]
    subject: String,
    date_sent: f64,
    #[serde(default)]
    content: String,
}

impl Realm {
    fn users(&self) -> impl Iterator<Item = &User> {
        self.zerver_userprofile
            .iter()
            .chain(&self.zerver_userprofile_mirrordummy)
            .chain(&self.zerver_userprofile_crossrealm)
    }
}

/// Converts a realm and its messages (sorted by id, each with its file name).
pub(super) fn convert(realm: &Realm, messages: Vec<(String, Message)>, batch: &mut Batch) {
    for u in realm.users() {
        let email = u.delivery_email.clone().filter(|e| !e.is_empty());
        batch.people.push(ImportedPerson {
            source_id: u.id.to_string(),
            email: email.or_else(|| Some(u.email.clone()).filter(|e| !e.is_empty())),
            display_name: u.full_name.clone(),
        });
    }
    Rooms::new(realm).convert(messages, &realm.zerver_reaction, batch);
}

/// Resolves recipients to rooms and tracks topic roots.
struct Rooms<'a> {
    streams: HashMap<u64, &'a Stream>,
    recipients: HashMap<u64, &'a Recipient>,
    names: HashMap<u64, &'a str>,
    made: HashMap<String, ()>,
    roots: HashMap<(String, String), String>,
}

impl<'a> Rooms<'a> {
    fn new(realm: &'a Realm) -> Self {
        Self {
            streams: realm.zerver_stream.iter().map(|s| (s.id, s)).collect(),
            recipients: realm.zerver_recipient.iter().map(|r| (r.id, r)).collect(),
            names: realm
                .users()
                .map(|u| (u.id, u.full_name.as_str()))
                .collect(),
            made: HashMap::new(),
            roots: HashMap::new(),
        }
    }

    fn convert(
        mut self,
        messages: Vec<(String, Message)>,
        reactions: &[Reaction],
        batch: &mut Batch,
    ) {
        let mut counts: HashMap<u64, Vec<(String, u32)>> = HashMap::new();
        for r in reactions {
            let list = counts.entry(r.message).or_default();
            match list.iter_mut().find(|(name, _)| *name == r.emoji_name) {
                Some(entry) => entry.1 += 1,
                None => list.push((r.emoji_name.clone(), 1)),
            }
        }
        for (file, m) in messages {
            let location = format!("{file}#id={}", m.id);
            let Some((room, stream)) = self.room(&m, batch) else {
                batch.skip(location, format!("unknown recipient {}", m.recipient));
                continue;
            };
            let secs = m.date_sent.floor();
            let nanos = ((m.date_sent - secs) * 1e9) as u32;
            let Some(at) = DateTime::from_timestamp(secs as i64, nanos) else {
                batch.skip(location, format!("date_sent {} out of range", m.date_sent));
                continue;
            };
            let id = m.id.to_string();
            let mut reply_to = None;
            let mut text = m.content;
            if stream {
                let key = (room.clone(), m.subject.to_lowercase());
                match self.roots.get(&key) {
                    Some(root) => reply_to = Some(root.clone()),
                    None => {
                        self.roots.insert(key, id.clone());
                        text = format!("{}\n\n{text}", m.subject);
                    }
                }
            }
            let text = batch.capped(&location, text);
            batch.messages.push(ImportedMessage {
                source_id: id,
                room,
                author: m.sender.to_string(),
                at,
                text,
                reply_to,
                reactions: counts.remove(&m.id).unwrap_or_default(),
            });
        }
    }

    /// The room id for a message and whether it is a stream, creating the room once.
    fn room(&mut self, m: &Message, batch: &mut Batch) -> Option<(String, bool)> {
        let r = self.recipients.get(&m.recipient)?;
        let (id, name, topic, private, stream) = match r.kind {
            2 => {
                let s = self.streams.get(&r.type_id)?;
                let (name, topic) = (s.name.clone(), s.description.clone());
                (format!("stream:{}", s.id), name, topic, s.invite_only, true)
            }
            1 => {
                let (a, b) = (m.sender.min(r.type_id), m.sender.max(r.type_id));
                let name = |id: u64| {
                    self.names
                        .get(&id)
                        .map_or(id.to_string(), |n| n.to_string())
                };
                (
                    format!("dm:{a},{b}"),
                    format!("{}, {}", name(a), name(b)),
                    String::new(),
                    true,
                    false,
                )
            }
            3 => (
                format!("huddle:{}", r.id),
                format!("group DM {}", r.id),
                String::new(),
                true,
                false,
            ),
            _ => return None,
        };
        if self.made.insert(id.clone(), ()).is_none() {
            batch.rooms.push(ImportedRoom {
                source_id: id.clone(),
                name,
                topic,
                private,
            });
        }
        Some((id, stream))
    }
}
