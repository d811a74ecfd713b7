//! The neutral records every importer produces.

use chrono::{DateTime, Utc};

/// Message text longer than this is cut (at a char boundary) and noted in `skipped`.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Someone who wrote in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPerson {
    pub source_id: String,
    pub email: Option<String>,
    pub display_name: String,
}

/// A channel, stream, mailing list or site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRoom {
    pub source_id: String,
    pub name: String,
    pub topic: String,
    /// Private channels, groups and direct messages.
    pub private: bool,
}

/// One message, post or mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMessage {
    pub source_id: String,
    /// The room's `source_id`.
    pub room: String,
    /// The author's `source_id`.
    pub author: String,
    pub at: DateTime<Utc>,
    pub text: String,
    /// The thread parent's `source_id`, when this is a reply.
    pub reply_to: Option<String>,
    /// `(emoji or signal name, count)`, e.g. `("thumbsup", 3)` or `("accepted", 1)`.
    pub reactions: Vec<(String, u32)>,
}

/// Something left out or altered, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// `file:line` or `file#entry`.
    pub location: String,
    pub reason: String,
}

/// Everything one read produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    pub people: Vec<ImportedPerson>,
    pub rooms: Vec<ImportedRoom>,
    pub messages: Vec<ImportedMessage>,
    pub skipped: Vec<Skipped>,
}

impl Batch {
    pub(crate) fn skip(&mut self, location: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            location: location.into(),
            reason: reason.into(),
        });
    }

    /// Caps `text` at [`MAX_TEXT_BYTES`], noting the cut under `location`.
    pub(crate) fn capped(&mut self, location: &str, text: String) -> String {
        let (text, cut) = crate::text::cap(text, MAX_TEXT_BYTES);
        if let Some(original) = cut {
            self.skip(
                location,
                format!("text truncated from {original} to {MAX_TEXT_BYTES} bytes"),
            );
        }
        text
    }
}
