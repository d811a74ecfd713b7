//! Stack Exchange data dump: `Posts.xml` (required), `Users.xml` and `Comments.xml`
//! (optional).
//!
//! Questions (`PostTypeId=1`) and answers (`PostTypeId=2`, replying to `ParentId`)
//! become messages in one room named after the site folder; other post types (tag
//! wikis, …) are counted in one `skipped` note. A question's text is its title, its
//! body as plain text and its tags; `Score > 0` becomes `("score", n)` and the
//! accepted answer carries `("accepted", 1)`. Posts whose owner was deleted keep
//! their `OwnerDisplayName` under the person id `name:<display name>`. Comments
//! become replies to their post with the id `comment:<Id>`.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::text::html_to_text;
use crate::{Batch, ImportError, ImportedMessage, ImportedPerson, ImportedRoom, Source};

/// A Stack Exchange site dump: a folder holding `Posts.xml`, or the `Posts.xml` itself.
#[derive(Debug, Clone)]
pub struct StackExchangeDump {
    dir: PathBuf,
}

impl StackExchangeDump {
    /// Points at the dump folder (or its `Posts.xml`); nothing is read until [`Source::read`].
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let dir = if path.is_file() {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        } else {
            path.to_path_buf()
        };
        Self { dir }
    }
}

/// One `<row …/>` as attribute name → unescaped value, with its line.
type Row = (usize, HashMap<String, String>);

impl Source for StackExchangeDump {
    fn name(&self) -> &'static str {
        "stackexchange"
    }

    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError> {
        let site = self
            .dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "stackexchange".into());
        let mut batch = Batch::default();
        batch.rooms.push(ImportedRoom {
            source_id: site.clone(),
            name: site.clone(),
            topic: String::new(),
            private: false,
        });
        let mut names = HashMap::new();
        let users = self.dir.join("Users.xml");
        if users.exists() {
            for_each_row(&users, "Users.xml", &|_, _| {}, &mut |(_, row)| {
                if let (Some(id), Some(name)) = (row.get("Id"), row.get("DisplayName")) {
                    names.insert(id.clone(), name.clone());
                }
            })?;
        }
        let mut posts = Posts::new(site, names);
        for_each_row(
            &self.dir.join("Posts.xml"),
            "Posts.xml",
            progress,
            &mut |row| posts.take(row, &mut batch),
        )?;
        let comments = self.dir.join("Comments.xml");
        if comments.exists() {
            for_each_row(&comments, "Comments.xml", &|_, _| {}, &mut |row| {
                posts.comment(row, &mut batch)
            })?;
        }
        posts.finish(&mut batch);
        Ok(batch)
    }
}

struct Posts {
    room: String,
    names: HashMap<String, String>,
    seen_people: HashSet<String>,
    accepted: HashSet<String>,
    other_types: usize,
    /// Ids of imported questions and answers, so comments attach only to those.
    imported: HashSet<String>,
    orphan_comments: usize,
}

impl Posts {
    fn new(room: String, names: HashMap<String, String>) -> Self {
        Self {
            room,
            names,
            seen_people: HashSet::new(),
            accepted: HashSet::new(),
            other_types: 0,
            imported: HashSet::new(),
            orphan_comments: 0,
        }
    }

    fn take(&mut self, (line, row): Row, batch: &mut Batch) {
        let location = format!("Posts.xml:{line}");
        let kind = row.get("PostTypeId").map(String::as_str);
        if !matches!(kind, Some("1" | "2")) {
            self.other_types += 1;
            return;
        }
        let (Some(id), Some(created)) = (row.get("Id"), row.get("CreationDate")) else {
            batch.skip(location, "post without Id or CreationDate");
            return;
        };
        let Some(at) = parse_date(created) else {
            batch.skip(location, format!("unreadable CreationDate {created:?}"));
            return;
        };
        let author = match (row.get("OwnerUserId"), row.get("OwnerDisplayName")) {
            (Some(uid), _) => self.person(uid.clone(), None, batch),
            (None, Some(name)) => self.person(format!("name:{name}"), Some(name), batch),
            (None, None) => self.person("name:".into(), Some(&"(deleted user)".into()), batch),
        };
        let body = html_to_text(row.get("Body").map_or("", String::as_str));
        let reply_to = if kind == Some("2") {
            let Some(parent) = row.get("ParentId") else {
                batch.skip(location, "answer without ParentId");
                return;
            };
            Some(parent.clone())
        } else {
            None
        };
        let text = match row.get("Title") {
            Some(title) => format!("{title}\n\n{body}{}", tags(row.get("Tags"))),
            None => body,
        };
        if let Some(accepted) = row.get("AcceptedAnswerId") {
            self.accepted.insert(accepted.clone());
        }
        let score: i64 = row.get("Score").and_then(|s| s.parse().ok()).unwrap_or(0);
        let reactions = score_reaction(score);
        let text = batch.capped(&location, text);
        self.imported.insert(id.clone());
        batch.messages.push(ImportedMessage {
            source_id: id.clone(),
            room: self.room.clone(),
            author,
            at,
            text,
            reply_to,
            reactions,
        });
    }

    /// A comment becomes a reply to its post, with id `comment:<Id>`.
    fn comment(&mut self, (line, row): Row, batch: &mut Batch) {
        let location = format!("Comments.xml:{line}");
        let (Some(id), Some(post), Some(created)) =
            (row.get("Id"), row.get("PostId"), row.get("CreationDate"))
        else {
            batch.skip(location, "comment without Id, PostId or CreationDate");
            return;
        };
        if !self.imported.contains(post) {
            self.orphan_comments += 1;
            return;
        }
        let Some(at) = parse_date(created) else {
            batch.skip(location, format!("unreadable CreationDate {created:?}"));
            return;
        };
        let author = match (row.get("UserId"), row.get("UserDisplayName")) {
            (Some(uid), _) => self.person(uid.clone(), None, batch),
            (None, Some(name)) => self.person(format!("name:{name}"), Some(name), batch),
            (None, None) => self.person("name:".into(), Some(&"(deleted user)".into()), batch),
        };
        let score: i64 = row.get("Score").and_then(|s| s.parse().ok()).unwrap_or(0);
        let text = batch.capped(&location, row.get("Text").cloned().unwrap_or_default());
        batch.messages.push(ImportedMessage {
            source_id: format!("comment:{id}"),
            room: self.room.clone(),
            author,
            at,
            text,
            reply_to: Some(post.clone()),
            reactions: score_reaction(score),
        });
    }

    fn person(&mut self, id: String, name: Option<&String>, batch: &mut Batch) -> String {
        if self.seen_people.insert(id.clone()) {
            let display_name = name
                .or_else(|| self.names.get(&id))
                .cloned()
                .unwrap_or_else(|| format!("user{id}"));
            batch.people.push(ImportedPerson {
                source_id: id.clone(),
                email: None,
                display_name,
            });
        }
        id
    }

    fn finish(self, batch: &mut Batch) {
        for m in &mut batch.messages {
            if self.accepted.contains(&m.source_id) {
                m.reactions.push(("accepted".into(), 1));
            }
        }
        if self.orphan_comments > 0 {
            let reason = format!(
                "{} comment(s) on posts that are not imported (tag wikis, …) left out",
                self.orphan_comments
            );
            batch.skip("Comments.xml", reason);
        }
        if self.other_types > 0 {
            let reason = format!(
                "{} posts that are neither questions nor answers (tag wikis, …) not imported",
                self.other_types
            );
            batch.skip("Posts.xml", reason);
        }
    }
}

/// A positive score as `("score", n)`.
fn score_reaction(score: i64) -> Vec<(String, u32)> {
    match u32::try_from(score) {
        Ok(n) if n > 0 => vec![("score".to_string(), n)],
        _ => Vec::new(),
    }
}

/// `"<hops><ale>"` → `"\n\nTags: hops, ale"`.
fn tags(raw: Option<&String>) -> String {
    let list: Vec<&str> = raw
        .map(|t| t.split(['<', '>', '|']).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    if list.is_empty() {
        String::new()
    } else {
        format!("\n\nTags: {}", list.join(", "))
    }
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc())
}

/// Streams every `<row>` element of a dump file, tracking line numbers for errors.
fn for_each_row(
    path: &Path,
    name: &str,
    progress: &dyn Fn(u64, u64),
    on_row: &mut dyn FnMut(Row),
) -> Result<(), ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let total = file.metadata().map_err(|e| ImportError::io(path, e))?.len();
    if total == 0 {
        return Err(ImportError::Empty { file: name.into() });
    }
    let mut reader = Reader::from_reader(BufReader::new(file));
    let (mut buf, mut line, mut rows, mut root) = (Vec::new(), 1usize, 0u64, false);
    let mut depth = 0usize;
    let xml_err = |line: usize, message: String| ImportError::Xml {
        file: name.into(),
        line,
        message,
    };
    progress(0, total);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_err(line, e.to_string()))?;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"row" => {
                on_row((line, attributes(e, &|m| xml_err(line, m))?));
                rows += 1;
                if rows % 512 == 0 {
                    progress(reader.buffer_position().min(total), total);
                }
            }
            Event::Start(_) | Event::Empty(_) => root = true,
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        line += bytecount(&event);
        buf.clear();
    }
    if !root {
        return Err(xml_err(line, "no root element".into()));
    }
    if depth > 0 {
        return Err(xml_err(
            line,
            "file ends inside an open element (truncated?)".into(),
        ));
    }
    progress(total, total);
    Ok(())
}

fn bytecount(event: &Event<'_>) -> usize {
    let raw: &[u8] = match event {
        Event::Start(e) | Event::Empty(e) => e.as_ref(),
        Event::Text(t) => t.as_ref(),
        Event::Comment(t) => t.as_ref(),
        Event::Decl(d) => d.as_ref(),
        _ => &[],
    };
    raw.iter().filter(|&&b| b == b'\n').count()
}

fn attributes(
    e: &BytesStart<'_>,
    err: &dyn Fn(String) -> ImportError,
) -> Result<HashMap<String, String>, ImportError> {
    let mut map = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| err(e.to_string()))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr.unescape_value().map_err(|e| err(e.to_string()))?;
        map.insert(key, value.into_owned());
    }
    Ok(map)
}
