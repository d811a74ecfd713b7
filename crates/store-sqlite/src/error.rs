//! Turning sqlx errors into [`StoreError`]s: missing rows are `NotFound`, broken uniqueness
//! is `Conflict`, everything else is `Unavailable` (never mistaken for "not found").

use hallway_store::StoreError;

/// Maps a failure while reading or writing `what`.
pub(crate) fn db(what: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match error {
        sqlx::Error::RowNotFound => StoreError::NotFound(what),
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
            StoreError::Corrupt(format!("{what}: {error}"))
        }
        other => StoreError::unavailable(other),
    }
}

/// Like [`db`], but a unique violation becomes `Conflict(message)`.
pub(crate) fn unique(
    what: &'static str,
    message: impl FnOnce() -> String,
) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| {
        if let sqlx::Error::Database(e) = &error {
            if e.is_unique_violation() {
                return StoreError::Conflict(message());
            }
        }
        db(what)(error)
    }
}

/// Like [`db`], but a foreign key violation means the referenced `target` does not exist.
pub(crate) fn reference(
    what: &'static str,
    target: &'static str,
) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| {
        if let sqlx::Error::Database(e) = &error {
            if e.is_foreign_key_violation() {
                return StoreError::NotFound(target);
            }
        }
        db(what)(error)
    }
}

/// The message for a second account with the same email.
pub(crate) fn email_taken() -> String {
    "an account with this email already exists".to_owned()
}
