//! Slack workspace export (the zip an admin downloads).
//!
//! Layout: `users.json` (required), `channels.json`, `groups.json` (private),
//! `dms.json` and `mpims.json` (private), and one folder per conversation holding
//! `YYYY-MM-DD.json` day files. Public channels, groups and multi-person DMs name
//! their folder after the conversation's `name`; DMs after their `id`.
//!
//! Joins, leaves and topic changes are dropped silently; other subtypes that are
//! not a person's message (bots, huddles, …) get one `skipped` entry per subtype
//! with their count and first location. Mentions and links are turned into plain
//! text (see `mrkdwn`).

mod mrkdwn;
mod schema;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use crate::{json, Batch, ImportError, ImportedPerson, ImportedRoom, Source};
use schema::{Channel, Message, Outcome, User};

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

type Archive = ZipArchive<BufReader<File>>;

impl Source for SlackExport {
    fn name(&self) -> &'static str {
        "slack"
    }

    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError> {
        let mut zip = open_zip(&self.path)?;
        let root = root_prefix(&zip);
        let mut batch = Batch::default();
        let users: Vec<User> =
            parse_entry(&mut zip, &self.path, &format!("{root}users.json"), true)?;
        batch.people = users.into_iter().map(schema::person).collect();

        let mut folders = HashMap::new();
        for (file, private, by_id) in [
            ("channels.json", false, false),
            ("groups.json", true, false),
            ("mpims.json", true, false),
            ("dms.json", true, true),
        ] {
            let list: Vec<Channel> =
                parse_entry(&mut zip, &self.path, &format!("{root}{file}"), false)?;
            for c in list {
                let folder = match (&c.name, by_id) {
                    (Some(name), false) => name.clone(),
                    _ => c.id.clone(),
                };
                folders.insert(folder, c.id.clone());
                batch.rooms.push(schema::room(c, private, &batch.people));
            }
        }
        let mut days = DayReader::new(&self.path, &root, folders, &batch.people);
        days.read_all(&mut zip, &mut batch, progress)?;
        days.finish(&mut batch);
        Ok(batch)
    }
}

/// Reads the day files, remembering what to report once at the end.
struct DayReader<'a> {
    archive: &'a Path,
    root: &'a str,
    folders: HashMap<String, String>,
    names: HashMap<String, String>,
    unknown_authors: HashSet<String>,
    unlisted: HashSet<String>,
    /// subtype → (count, first location), sorted for stable output.
    unusual: BTreeMap<String, (usize, String)>,
}

impl<'a> DayReader<'a> {
    fn new(
        archive: &'a Path,
        root: &'a str,
        folders: HashMap<String, String>,
        people: &[ImportedPerson],
    ) -> Self {
        Self {
            archive,
            root,
            folders,
            names: people
                .iter()
                .map(|p| (p.source_id.clone(), p.display_name.clone()))
                .collect(),
            unknown_authors: HashSet::new(),
            unlisted: HashSet::new(),
            unusual: BTreeMap::new(),
        }
    }

    fn read_all(
        &mut self,
        zip: &mut Archive,
        batch: &mut Batch,
        progress: &dyn Fn(u64, u64),
    ) -> Result<(), ImportError> {
        let mut days = Vec::new();
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| zip_err(self.archive, e))?;
            let Some(relative) = entry.name().strip_prefix(self.root) else {
                continue;
            };
            if let Some((folder, file)) = relative.rsplit_once('/') {
                if file.ends_with(".json") && !folder.is_empty() && !folder.contains('/') {
                    days.push((
                        i,
                        entry.name().to_string(),
                        folder.to_string(),
                        entry.size(),
                    ));
                }
            }
        }
        let total: u64 = days.iter().map(|d| d.3).sum();
        let mut done = 0;
        progress(0, total);
        for (index, name, folder, size) in days {
            let mut entry = zip.by_index(index).map_err(|e| zip_err(self.archive, e))?;
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| ImportError::io(self.archive.join(&name), e))?;
            let channel = self.channel(&folder, &name, batch);
            let messages: Vec<Message> = json::parse(&name, &bytes)?;
            for (n, m) in messages.into_iter().enumerate() {
                self.take(m, &channel, &format!("{name}#{n}"), batch);
            }
            done += size;
            progress(done.min(total), total);
        }
        Ok(())
    }

    /// The room id for a folder; an unlisted folder becomes a public room, noted once.
    fn channel(&mut self, folder: &str, file: &str, batch: &mut Batch) -> String {
        if let Some(id) = self.folders.get(folder) {
            return id.clone();
        }
        if self.unlisted.insert(folder.to_string()) {
            batch.skip(
                file,
                "folder not listed in channels/groups/dms/mpims.json; kept as a public room named after it",
            );
            batch.rooms.push(ImportedRoom {
                source_id: folder.to_string(),
                name: folder.to_string(),
                topic: String::new(),
                private: false,
            });
        }
        folder.to_string()
    }

    fn take(&mut self, m: Message, channel: &str, location: &str, batch: &mut Batch) {
        let names = |id: &str| self.names.get(id).cloned();
        match schema::message(m, channel, &names) {
            Outcome::Message(mut msg) => {
                msg.text = batch.capped(location, std::mem::take(&mut msg.text));
                if !self.names.contains_key(&msg.author)
                    && self.unknown_authors.insert(msg.author.clone())
                {
                    batch.people.push(ImportedPerson {
                        source_id: msg.author.clone(),
                        email: None,
                        display_name: msg.author.clone(),
                    });
                    let reason = format!(
                        "author {} not in users.json; added with the id as name",
                        msg.author
                    );
                    batch.skip(location, reason);
                }
                batch.messages.push(msg);
            }
            Outcome::Noise => {}
            Outcome::Unusual(subtype) => {
                let seen = self
                    .unusual
                    .entry(subtype)
                    .or_insert((0, location.to_string()));
                seen.0 += 1;
            }
            Outcome::Bad(reason) => batch.skip(location, reason),
        }
    }

    fn finish(self, batch: &mut Batch) {
        for (subtype, (count, first)) in self.unusual {
            let reason =
                format!("{count} message(s) of subtype {subtype} not imported (first shown)");
            batch.skip(first, reason);
        }
    }
}

/// The folder holding `users.json` (`""` at the top, `"export/"` when zipped in a folder).
fn root_prefix(zip: &Archive) -> String {
    zip.file_names()
        .filter(|n| *n == "users.json" || n.ends_with("/users.json"))
        .min_by_key(|n| n.len())
        .map(|n| n.trim_end_matches("users.json").to_string())
        .unwrap_or_default()
}

fn open_zip(path: &Path) -> Result<Archive, ImportError> {
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
