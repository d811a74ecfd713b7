//! The errors the memory engine returns; callers decide how to show them.

/// Everything that can go wrong while indexing or asking.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// The question had no searchable words (empty, blank or only punctuation).
    #[error("the question is empty: write a few words about the problem")]
    EmptyQuestion,
    /// The index directory could not be opened or created.
    #[error("cannot open the memory index directory: {0}")]
    Directory(String),
    /// The checkpoint stored with the last commit could not be read.
    #[error("the memory index checkpoint is unreadable: {0:?}")]
    Checkpoint(String),
    /// The index was written with a different schema (an older Hallway); rebuild it.
    #[error("the memory index has an incompatible layout; rebuild it")]
    IncompatibleSchema,
    /// Another process holds the index's writer lock (a running server keeps its index).
    #[error("the memory index is being written by another process")]
    Busy,
    /// The index was opened read-only ([`crate::MemoryIndex::open_read_only`]).
    #[error("the memory index was opened read-only")]
    ReadOnly,
    /// A lock guarding the index writer was poisoned by a panic in another thread.
    #[error("the memory index writer lock was poisoned")]
    Poisoned,
    /// An error from the search library.
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Shorthand for results of this crate.
pub type Result<T, E = MemoryError> = std::result::Result<T, E>;
