//! JSON parsing whose errors name the file, line and column.

use serde::de::DeserializeOwned;

use crate::ImportError;

/// Parses `bytes` as JSON, naming `file` in any error.
pub(crate) fn parse<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: file.into() });
    }
    serde_json::from_slice(bytes).map_err(|e| error(file, &e))
}

pub(crate) fn error(file: &str, e: &serde_json::Error) -> ImportError {
    let message = e.to_string();
    // serde_json appends " at line L column C"; keep the message without it.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    ImportError::Json {
        file: file.into(),
        line: e.line(),
        column: e.column(),
        message,
    }
}
