//! Turning [`DbError`]s into [`StoreError`]s: missing rows are `NotFound`, broken uniqueness
//! is `Conflict`, everything else is `Unavailable` (never mistaken for "not found").

use hallway_store::{Missing, StoreError};

use crate::DbError;

/// Maps a failure while reading or writing `what`.
pub fn db(what: Missing) -> impl FnOnce(DbError) -> StoreError {
    move |error| match error {
        DbError::RowNotFound => StoreError::NotFound(what),
        DbError::Decode(e) => StoreError::Corrupt(format!("{what}: {e}")),
        other => StoreError::unavailable(other),
    }
}

/// Like [`db`], but a unique violation becomes `Conflict(message)`.
pub fn unique(
    what: Missing,
    message: impl FnOnce() -> String,
) -> impl FnOnce(DbError) -> StoreError {
    move |error| {
        if error.is_unique_violation() {
            return StoreError::Conflict(message());
        }
        db(what)(error)
    }
}

/// Like [`db`], but a foreign key violation means the referenced `target` does not exist.
pub fn reference(what: Missing, target: Missing) -> impl FnOnce(DbError) -> StoreError {
    move |error| {
        if error.is_foreign_key_violation() {
            return StoreError::NotFound(target);
        }
        db(what)(error)
    }
}

/// The message for a second account with the same email.
pub fn email_taken() -> String {
    "an account with this email already exists".to_owned()
}
