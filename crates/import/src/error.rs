//! The one error type of the crate: every variant names the file and, where one exists,
//! the line or entry.

use std::path::PathBuf;

/// A hard failure: nothing is returned. Recoverable problems go to [`crate::Skipped`].
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file or directory could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The archive is not a readable zip.
    #[error("{path}: not a readable zip archive: {source}")]
    Zip {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },
    /// A file the format requires is absent.
    #[error("{archive}: missing required file {file}")]
    Missing { archive: PathBuf, file: String },
    /// A JSON document is malformed: `users.json line 3 column 5: …`.
    #[error("{file} line {line} column {column}: {message}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// An XML document is malformed: `Posts.xml line N: …`.
    #[error("{file} line {line}: {message}")]
    Xml {
        file: String,
        line: usize,
        message: String,
    },
    /// The input is empty.
    #[error("{file}: file is empty")]
    Empty { file: String },
    /// The input is structurally wrong in a way that is not a syntax error.
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl ImportError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn invalid(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            file: file.into(),
            message: message.into(),
        }
    }
}
