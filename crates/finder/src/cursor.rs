//! Where the index stands in the store's evidence feed: one cursor per room, one for the change
//! log, and the index generation they belong to, kept in `feed-cursor.json` next to the index.
//!
//! The file is written (atomically: a temporary file, fsync, rename) right after each index
//! commit. A crash between the two leaves the file *behind* the index, so the next sync reads
//! some records again, which is harmless: the feed returns current states and the index
//! replaces a record with the same id. A file that is missing, unreadable or *ahead* of the
//! index (whose checkpoint is the generation) means the index cannot be trusted: rebuild.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{FinderError, Result};

const FILE: &str = "feed-cursor.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Cursor {
    /// The index checkpoint these cursors were saved with.
    pub generation: u64,
    /// The last change-log entry applied.
    pub changes: i64,
    /// Room id -> the last sequence number applied.
    pub rooms: BTreeMap<i64, i64>,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

fn io(dir: &Path) -> impl FnOnce(std::io::Error) -> FinderError + '_ {
    move |source| FinderError::Cursor {
        path: path(dir),
        source,
    }
}

impl Cursor {
    /// The saved cursor, if there is one that fits an index at `checkpoint`.
    pub(crate) fn load(dir: &Path, checkpoint: u64) -> Result<Option<Cursor>> {
        let text = match std::fs::read_to_string(path(dir)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(dir)(e)),
        };
        match serde_json::from_str::<Cursor>(&text) {
            Ok(cursor) if cursor.generation <= checkpoint => Ok(Some(cursor)),
            Ok(cursor) => {
                tracing::warn!(
                    cursor = cursor.generation,
                    index = checkpoint,
                    "the memory cursor is ahead of its index: rebuilding"
                );
                Ok(None)
            }
            Err(error) => {
                tracing::warn!(%error, "the memory cursor is unreadable: rebuilding");
                Ok(None)
            }
        }
    }

    /// Writes the cursor atomically.
    pub(crate) fn save(&self, dir: &Path) -> Result<()> {
        let text = serde_json::to_vec(self).map_err(|e| io(dir)(e.into()))?;
        let temporary = dir.join(format!("{FILE}.tmp"));
        let mut file = std::fs::File::create(&temporary).map_err(io(dir))?;
        file.write_all(&text).map_err(io(dir))?;
        file.sync_all().map_err(io(dir))?;
        std::fs::rename(&temporary, path(dir)).map_err(io(dir))?;
        if let Ok(directory) = std::fs::File::open(dir) {
            // Makes the rename durable where the platform allows syncing a directory.
            let _ = directory.sync_all();
        }
        Ok(())
    }

    /// Removes the saved cursor (before a rebuild, so a crash during it forces another).
    pub(crate) fn remove(dir: &Path) -> Result<()> {
        match std::fs::remove_file(path(dir)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(dir)(e)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_one_ahead_of_its_index_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Cursor::load(dir.path(), 0).unwrap(), None);
        let cursor = Cursor {
            generation: 3,
            changes: 7,
            rooms: BTreeMap::from([(1, 10), (2, 4)]),
        };
        cursor.save(dir.path()).unwrap();
        assert_eq!(Cursor::load(dir.path(), 5).unwrap(), Some(cursor.clone()));
        assert_eq!(Cursor::load(dir.path(), 2).unwrap(), None);
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        assert_eq!(Cursor::load(dir.path(), 5).unwrap(), None);
        Cursor::remove(dir.path()).unwrap();
        Cursor::remove(dir.path()).unwrap();
        assert_eq!(Cursor::load(dir.path(), 5).unwrap(), None);
    }
}
