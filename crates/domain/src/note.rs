//! "Solved" and "learned" notes: a short post kind anyone (not guests) writes when they crack
//! something, with a checked title and body. Notes belong to no room.

use serde::{Deserialize, Serialize};

use crate::room::checked;
use crate::Invalid;

/// Whether a note records a problem solved or something learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Solved,
    Learned,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Solved => "solved",
            NoteKind::Learned => "learned",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value.trim().to_ascii_lowercase().as_str() {
            "solved" => Ok(NoteKind::Solved),
            "learned" => Ok(NoteKind::Learned),
            other => Err(Invalid::new(
                "kind",
                format!("unknown note kind {other:?}; expected solved or learned"),
            )),
        }
    }
}

macro_rules! note_text {
    ($(#[$doc:meta])* $name:ident, $field:literal, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(value: &str) -> Result<Self, Invalid> {
                checked($field, value, $max, $multiline).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = Invalid;
            fn try_from(value: String) -> Result<Self, Invalid> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

note_text!(
    /// A note's title: one line of 1-120 characters.
    NoteTitle, "title", 120, false
);
note_text!(
    /// A note's body: 1-10,000 characters; may span lines.
    NoteBody, "body", 10_000, true
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_checked() {
        assert_eq!(NoteKind::parse(" Solved ").unwrap(), NoteKind::Solved);
        assert_eq!(NoteKind::parse("howto").unwrap_err().field, "kind");
        assert!(NoteTitle::parse(&"t".repeat(120)).is_ok());
        assert_eq!(
            NoteTitle::parse(&"t".repeat(121)).unwrap_err().field,
            "title"
        );
        assert!(NoteTitle::parse("two\nlines").is_err());
        assert!(NoteBody::parse("two\nlines").is_ok());
        assert!(NoteBody::parse(&"b".repeat(10_001)).is_err());
        assert_eq!(NoteBody::parse("  ").unwrap_err().field, "body");
    }
}
