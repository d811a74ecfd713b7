//! The on-disk (or in-RAM) index: opening, incremental updates checkpointed by the store's
//! sequence number, and full rebuilds with progress reports.

use std::path::Path;
use std::sync::Mutex;

use tantivy::directory::MmapDirectory;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::schema::Term;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::document::to_document;
use crate::error::{MemoryError, Result};
use crate::evidence::{Evidence, IndexEvent};
use crate::schema::{register_analyzer, Fields, SCHEMA_VERSION};

/// Writer heap for incremental updates (small batches as events arrive).
pub const INCREMENTAL_WRITER_HEAP: usize = 64 * 1024 * 1024;

/// How often a rebuild commits (a crash loses at most this many events of work).
const REBUILD_COMMIT_EVERY: u64 = 2_000_000;

/// How often a rebuild reports progress.
const REBUILD_PROGRESS_EVERY: u64 = 50_000;

/// Progress of a rebuild, reported after each commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RebuildProgress {
    /// Events indexed so far.
    pub done: u64,
    /// Events expected, when the caller knows.
    pub total: Option<u64>,
    /// Highest sequence number committed so far.
    pub checkpoint: u64,
}

/// Options for opening an index.
#[derive(Debug, Clone, Copy)]
pub struct IndexOptions {
    /// Memory the writer may buffer before flushing a segment (bytes, at least 15 MB).
    pub writer_heap_bytes: usize,
    /// Indexing threads.
    pub writer_threads: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            writer_heap_bytes: INCREMENTAL_WRITER_HEAP,
            writer_threads: 1,
        }
    }
}

impl IndexOptions {
    /// Settings for bulk loads (rebuilds, imports, benchmarks): a large heap and two threads.
    pub fn bulk() -> Self {
        IndexOptions {
            writer_heap_bytes: 1024 * 1024 * 1024,
            writer_threads: 2,
        }
    }
}

/// The been-there index. Cheap to query from many threads; writes are serialised internally.
pub struct MemoryIndex {
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    /// `None` when opened read-only.
    writer: Option<Mutex<IndexWriter>>,
    checkpoint: Mutex<u64>,
}

impl std::fmt::Debug for MemoryIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryIndex")
            .field("checkpoint", &self.checkpoint())
            .finish_non_exhaustive()
    }
}

impl MemoryIndex {
    /// Opens the index stored in `dir`, creating it (and the directory) when absent.
    pub fn open(dir: &Path, options: IndexOptions) -> Result<MemoryIndex> {
        std::fs::create_dir_all(dir).map_err(|e| MemoryError::Directory(e.to_string()))?;
        let directory =
            MmapDirectory::open(dir).map_err(|e| MemoryError::Directory(e.to_string()))?;
        let (schema, _) = Fields::build();
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            tantivy::TantivyError::SchemaError(_) => MemoryError::IncompatibleSchema,
            other => MemoryError::Tantivy(other),
        })?;
        Self::from_index(index, Some(options))
    }

    /// Opens the index in `dir` for asking only, while another process (a running server)
    /// holds the writer: what it sees is the last commit when opened. Writing fails with
    /// [`MemoryError::ReadOnly`].
    pub fn open_read_only(dir: &Path) -> Result<MemoryIndex> {
        let directory =
            MmapDirectory::open(dir).map_err(|e| MemoryError::Directory(e.to_string()))?;
        let index = Index::open(directory)?;
        Self::from_index(index, None)
    }

    /// An index held in memory only (tests, evaluations).
    pub fn in_ram(options: IndexOptions) -> Result<MemoryIndex> {
        let (schema, _) = Fields::build();
        Self::from_index(Index::create_in_ram(schema), Some(options))
    }

    fn from_index(index: Index, options: Option<IndexOptions>) -> Result<MemoryIndex> {
        register_analyzer(&index);
        let fields = Fields::of(&index.schema()).ok_or(MemoryError::IncompatibleSchema)?;
        let checkpoint = read_checkpoint(&index)?;
        let writer = match options {
            Some(options) => Some(Mutex::new(
                index
                    .writer_with_num_threads(
                        options.writer_threads.max(1),
                        options.writer_heap_bytes.max(15_000_000),
                    )
                    .map_err(|e| match e {
                        tantivy::TantivyError::LockFailure(..) => MemoryError::Busy,
                        other => MemoryError::Tantivy(other),
                    })?,
            )),
            None => None,
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(MemoryIndex {
            fields,
            reader,
            writer,
            checkpoint: Mutex::new(checkpoint),
        })
    }

    /// The highest sequence number committed: feed events after this one.
    pub fn checkpoint(&self) -> u64 {
        match self.checkpoint.lock() {
            Ok(checkpoint) => *checkpoint,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    /// Number of searchable records (messages, notes, tag sets) as of the last commit.
    pub fn num_records(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Adds events and commits them: events at or below the checkpoint are skipped (already
    /// indexed), so replaying a range after a restart neither misses nor repeats anything.
    /// Returns the new checkpoint. Each call is one commit (durable on disk), so feed batches
    /// (say, what arrived in the last second) rather than single events.
    pub fn apply(&self, events: &[IndexEvent]) -> Result<u64> {
        let writer = self.writer.as_ref().ok_or(MemoryError::ReadOnly)?;
        let mut writer = writer.lock().map_err(|_| MemoryError::Poisoned)?;
        let mut checkpoint = self.checkpoint.lock().map_err(|_| MemoryError::Poisoned)?;
        let mut highest = *checkpoint;
        for event in events.iter().filter(|e| e.seq > *checkpoint) {
            self.write(&writer, &event.evidence)?;
            highest = highest.max(event.seq);
        }
        if highest > *checkpoint {
            commit_with_checkpoint(&mut writer, highest)?;
            *checkpoint = highest;
            self.reader.reload()?;
        }
        Ok(*checkpoint)
    }

    /// Replaces the whole index with `events` (in ascending sequence order), committing in
    /// large batches and calling `progress` every 50,000 events. Each record must appear once,
    /// in its current version (a rebuild reads the store's current rows, so no edits or removals
    /// are replayed). Segments are not merged while it runs. The checkpoint ends at the highest
    /// sequence seen.
    pub fn rebuild<I, P>(&self, events: I, total: Option<u64>, mut progress: P) -> Result<u64>
    where
        I: IntoIterator<Item = IndexEvent>,
        P: FnMut(RebuildProgress),
    {
        let writer = self.writer.as_ref().ok_or(MemoryError::ReadOnly)?;
        let mut writer = writer.lock().map_err(|_| MemoryError::Poisoned)?;
        let mut checkpoint = self.checkpoint.lock().map_err(|_| MemoryError::Poisoned)?;
        writer.delete_all_documents()?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut highest = 0;
        let mut done = 0;
        for event in events {
            let (_, document) = to_document(&self.fields, &event.evidence);
            if let Some(document) = document {
                writer.add_document(document)?;
            }
            highest = highest.max(event.seq);
            done += 1;
            if done % REBUILD_COMMIT_EVERY == 0 {
                commit_with_checkpoint(&mut writer, highest)?;
                *checkpoint = highest;
            }
            if done % REBUILD_PROGRESS_EVERY == 0 {
                progress(RebuildProgress {
                    done,
                    total,
                    checkpoint: highest,
                });
            }
        }
        commit_with_checkpoint(&mut writer, highest)?;
        *checkpoint = highest;
        writer.set_merge_policy(Box::new(LogMergePolicy::default()));
        self.reader.reload()?;
        progress(RebuildProgress {
            done,
            total,
            checkpoint: highest,
        });
        Ok(highest)
    }

    fn write(&self, writer: &IndexWriter, evidence: &Evidence) -> Result<()> {
        let (key, document): (i64, Option<TantivyDocument>) = to_document(&self.fields, evidence);
        writer.delete_term(Term::from_field_i64(self.fields.key, key));
        if let Some(document) = document {
            writer.add_document(document)?;
        }
        Ok(())
    }
}

/// Commits with the checkpoint stored in the commit payload, atomically with the documents.
fn commit_with_checkpoint(writer: &mut IndexWriter, seq: u64) -> Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!("v{SCHEMA_VERSION}:{seq}"));
    prepared.commit()?;
    Ok(())
}

fn read_checkpoint(index: &Index) -> Result<u64> {
    let metas = index.load_metas()?;
    let Some(payload) = metas.payload else {
        return Ok(0);
    };
    let Some((version, seq)) = payload.split_once(':') else {
        return Err(MemoryError::Checkpoint(payload));
    };
    if version != format!("v{SCHEMA_VERSION}") {
        return Err(MemoryError::IncompatibleSchema);
    }
    seq.parse()
        .map_err(|_| MemoryError::Checkpoint(payload.clone()))
}
