//! Zulip realm export: the unpacked folder or the `.tar.gz` the export produces.
//!
//! Reads `realm.json` (required) and every `messages-NNNNNN.json`; uploads, avatars
//! and other tables are ignored. Users come from `zerver_userprofile` (plus mirror
//! dummies and cross-realm bots), streams from `zerver_stream`, reactions from
//! `zerver_reaction`; `zerver_recipient` maps each message's `recipient` to a stream
//! (type 2), a person (type 1, a one-to-one DM) or a huddle (type 3, a group DM).
//! In a stream, a topic's first message (lowest id) is the thread root, carrying the
//! topic as its first line, and later messages in that topic (ignoring case) reply to it.

mod convert;

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::{json, Batch, ImportError, Source};
use convert::{Message, MessageFile, Realm};

/// A Zulip export: a folder, its `realm.json`, or a `.tar.gz` / `.tgz` / `.tar`.
#[derive(Debug, Clone)]
pub struct ZulipExport {
    path: PathBuf,
}

impl ZulipExport {
    /// Points at the export; nothing is read until [`Source::read`].
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let path = if path.file_name().is_some_and(|n| n == "realm.json") {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        } else {
            path.to_path_buf()
        };
        Self { path }
    }
}

/// The JSON files that matter, parsed as they arrive.
#[derive(Default)]
struct Loaded {
    realm: Option<Realm>,
    messages: Vec<(String, Message)>,
}

impl Loaded {
    /// Takes a file by its base name; anything else is ignored.
    fn take(&mut self, name: &str, bytes: &[u8]) -> Result<(), ImportError> {
        if name == "realm.json" {
            self.realm = Some(json::parse(name, bytes)?);
        } else if name.starts_with("messages-") && name.ends_with(".json") {
            let file: MessageFile = json::parse(name, bytes)?;
            let tagged = file
                .zerver_message
                .into_iter()
                .map(|m| (name.to_string(), m));
            self.messages.extend(tagged);
        }
        Ok(())
    }
}

impl Source for ZulipExport {
    fn name(&self) -> &'static str {
        "zulip"
    }

    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError> {
        let mut loaded = if self.path.is_dir() {
            read_dir(&self.path, progress)?
        } else {
            read_tar(&self.path, progress)?
        };
        let Some(realm) = loaded.realm.take() else {
            return Err(ImportError::Missing {
                archive: self.path.clone(),
                file: "realm.json".into(),
            });
        };
        loaded.messages.sort_by_key(|(_, m)| m.id);
        let mut batch = Batch::default();
        convert::convert(&realm, loaded.messages, &mut batch);
        Ok(batch)
    }
}

fn read_dir(dir: &Path, progress: &dyn Fn(u64, u64)) -> Result<Loaded, ImportError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| ImportError::io(dir, e))? {
        let entry = entry.map_err(|e| ImportError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "realm.json" || (name.starts_with("messages-") && name.ends_with(".json")) {
            let meta = entry
                .metadata()
                .map_err(|e| ImportError::io(entry.path(), e))?;
            files.push((name, meta.len()));
        }
    }
    files.sort();
    let total = files.iter().map(|f| f.1).sum();
    let (mut loaded, mut done) = (Loaded::default(), 0);
    progress(0, total);
    for (name, size) in files {
        let path = dir.join(&name);
        let bytes = std::fs::read(&path).map_err(|e| ImportError::io(&path, e))?;
        loaded.take(&name, &bytes)?;
        done += size;
        progress(done.min(total), total);
    }
    Ok(loaded)
}

/// Counts bytes read from the compressed file, for progress.
struct Counting<'a, R> {
    inner: R,
    count: &'a Cell<u64>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

fn read_tar(path: &Path, progress: &dyn Fn(u64, u64)) -> Result<Loaded, ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let total = file.metadata().map_err(|e| ImportError::io(path, e))?.len();
    if total == 0 {
        return Err(ImportError::Empty {
            file: path.display().to_string(),
        });
    }
    let count = Cell::new(0);
    let counting = Counting {
        inner: BufReader::new(file),
        count: &count,
    };
    let name = path.to_string_lossy();
    let reader: Box<dyn Read> = if name.ends_with(".tar") {
        Box::new(counting)
    } else {
        Box::new(flate2::read::GzDecoder::new(counting))
    };
    let bad = |e: std::io::Error| {
        ImportError::invalid(
            path.display().to_string(),
            format!("not a readable tar archive: {e}"),
        )
    };
    let mut archive = tar::Archive::new(reader);
    let mut loaded = Loaded::default();
    progress(0, total);
    for entry in archive.entries().map_err(bad)? {
        let mut entry = entry.map_err(bad)?;
        let entry_path = entry.path().map_err(bad)?.into_owned();
        let Some(base) = entry_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            continue;
        };
        if base == "realm.json" || (base.starts_with("messages-") && base.ends_with(".json")) {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(bad)?;
            loaded.take(&base, &bytes)?;
        }
        progress(count.get().min(total), total);
    }
    progress(total, total);
    Ok(loaded)
}
