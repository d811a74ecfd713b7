//! What can go wrong while keeping the index or answering a question.

use std::path::PathBuf;

use hallway_memory::MemoryError;
use hallway_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum FinderError {
    /// The question has no searchable words.
    #[error("the question is empty: write a few words about the problem")]
    EmptyQuestion,
    /// The question is longer than [`crate::MAX_QUESTION_CHARS`].
    #[error("the question is too long: at most {max} characters (got {got})")]
    QuestionTooLong { max: usize, got: usize },
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Another process (a running `hallway serve`) writes this index.
    #[error("the memory index is kept by another process (a running `hallway serve`?)")]
    Busy,
    /// This finder was opened read-only and cannot change the index.
    #[error("the memory index was opened read-only")]
    ReadOnly,
    /// The index failed.
    #[error("the memory index failed: {0}")]
    Index(#[source] MemoryError),
    /// The cursor file next to the index could not be read or written.
    #[error("the memory index cursor {}: {source}", path.display())]
    Cursor {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A background indexing task stopped unexpectedly (a bug).
    #[error("a memory indexing task failed: {0}")]
    Task(String),
}

impl From<MemoryError> for FinderError {
    fn from(error: MemoryError) -> Self {
        match error {
            MemoryError::EmptyQuestion => FinderError::EmptyQuestion,
            MemoryError::Busy => FinderError::Busy,
            MemoryError::ReadOnly => FinderError::ReadOnly,
            other => FinderError::Index(other),
        }
    }
}

impl From<tokio::task::JoinError> for FinderError {
    fn from(error: tokio::task::JoinError) -> Self {
        FinderError::Task(error.to_string())
    }
}

pub type Result<T, E = FinderError> = std::result::Result<T, E>;
