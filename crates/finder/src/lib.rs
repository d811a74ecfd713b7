//! The been-there finder of one node: keeps its [`MemoryIndex`] (in `<data-dir>/memory`) up to
//! date from the store, and answers "who has been here before?" within the asker's walls.
//!
//! - **Feeding the index** ([`Finder::sync`]): the store's evidence feed is read from where the
//!   index stands — one cursor per room (that room's event sequence) and one for the change log
//!   of notes, profile tags and deleted people (see `hallway_store::FinderStore`). Records come
//!   in their current state and replace what the index holds under the same id, so reading a
//!   range twice is harmless; the cursors are saved after each index commit (`cursor.rs`), and
//!   a restart resumes from them. The engine's single checkpoint is a generation number that
//!   the cursor file records; a cursor file that is missing or does not fit the index makes
//!   the next sync a full [`Finder::rebuild`].
//! - **Keeping up** ([`Finder::spawn`]): a background task syncs about every second and right
//!   after [`Finder::nudge`] (called by writers that know something changed).
//! - **Asking** ([`Finder::ask`]): the asker's readable rooms come from
//!   `RoomWalls::may_enter` over every room, their role, teams and invitations; guests get no
//!   room-less evidence (notes, tags); people who opted out and the asker never appear.
//!
//! With several nodes each keeps its own index from the shared store.

mod answer;
mod cursor;
mod error;
mod rebuild;
mod records;
mod sync;
mod walls;
mod worker;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use hallway_memory::{IndexOptions, MemoryError, MemoryIndex};
use hallway_store::Store;
use tokio::sync::{Mutex, Notify};

pub use answer::{Answer, Found, RoomRef, Snippet, SnippetKind, MAX_QUESTION_CHARS};
pub use error::{FinderError, Result};
pub use hallway_memory::RebuildProgress;
pub use sync::SyncReport;
pub use walls::readable_rooms;

use cursor::Cursor;

/// The name of the index directory inside the data directory.
pub const INDEX_DIR: &str = "memory";

/// A node's finder. Share it as `Arc<Finder>`.
pub struct Finder {
    store: Arc<dyn Store>,
    index: Arc<MemoryIndex>,
    dir: PathBuf,
    /// Where the index stands; `None` until a rebuild. Held for a whole sync or rebuild.
    cursor: Mutex<Option<Cursor>>,
    /// Opened read-only: asks only, never writes.
    read_only: bool,
    wake: Notify,
}

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finder")
            .field("dir", &self.dir)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl Finder {
    /// Opens (creating it if needed) the index in `dir` over `store`. An index written by an
    /// older layout is removed and rebuilt by the next sync. Fails with
    /// [`FinderError::Busy`] when another process keeps this index.
    pub fn open(store: Arc<dyn Store>, dir: &Path) -> Result<Finder> {
        let index = match MemoryIndex::open(dir, IndexOptions::default()) {
            Err(MemoryError::IncompatibleSchema) => {
                tracing::warn!(dir = %dir.display(), "memory index layout changed: rebuilding");
                std::fs::remove_dir_all(dir).map_err(|source| FinderError::Cursor {
                    path: dir.to_owned(),
                    source,
                })?;
                MemoryIndex::open(dir, IndexOptions::default())?
            }
            other => other?,
        };
        let cursor = Cursor::load(dir, index.checkpoint())?;
        Ok(Finder {
            store,
            index: Arc::new(index),
            dir: dir.to_owned(),
            cursor: Mutex::new(cursor),
            read_only: false,
            wake: Notify::new(),
        })
    }

    /// Opens the index in `dir` for asking only, as it was last committed by the process
    /// that keeps it.
    pub fn open_read_only(store: Arc<dyn Store>, dir: &Path) -> Result<Finder> {
        Ok(Finder {
            store,
            index: Arc::new(MemoryIndex::open_read_only(dir)?),
            dir: dir.to_owned(),
            cursor: Mutex::new(None),
            read_only: true,
            wake: Notify::new(),
        })
    }

    /// Whether this finder only reads an index another process keeps.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether the next sync must rebuild the index from the store.
    pub async fn needs_rebuild(&self) -> bool {
        !self.read_only && self.cursor.lock().await.is_none()
    }

    /// Records indexed (messages, notes, tag sets) as of the last commit.
    pub fn indexed_records(&self) -> u64 {
        self.index.num_records()
    }
}
