//! Importers that turn a team's exported history into neutral records.
//!
//! Each importer reads files only — no database, no network — and returns a
//! [`Batch`] of people, rooms and messages plus a list of what it skipped.
//!
//! # Idempotency contract
//!
//! Every `source_id` is derived only from the input itself (the exporting
//! system's own ids, or for mbox the `Message-ID` header), never from the
//! clock, a counter shared across files or a random number. Reading the same
//! input twice yields equal batches, so a store can key records on
//! `(source name, source_id)` and skip what it already holds. The id schemes:
//!
//! | source | person | room | message |
//! |---|---|---|---|
//! | slack | user id `U…` | channel id `C…`/`G…`/`D…` | `channel/ts` |
//! | mattermost | username | `team/channel`, `dm:user1,user2` | `room/create_at/user`, reply `parent/r/create_at/user` |
//! | zulip | user profile id | `stream:ID`, `dm:USER,USER`, `huddle:RECIPIENT` | message id |
//! | mbox | lower-cased address | `List-Id`, else file stem | `Message-ID`, else `file:line` |
//! | stackexchange | user id, or `name:DISPLAY` for deleted owners | dump folder name | post id, `comment:ID` |
//!
//! Ids are unique within one source; a store should namespace them with
//! [`Source::name`] (and, for several archives of one kind, the archive).
//!
//! # Errors
//!
//! A read either fails with an [`ImportError`] that names the file and, where one
//! exists, the line or entry — nothing is returned — or it returns a [`Batch`] whose
//! `skipped` list says exactly what was left out or altered and why (a truncated
//! 64 KiB text, an unknown charset decoded lossily, a message with broken headers).
//!
//! # Example
//!
//! ```no_run
//! use hallway_import::Source;
//!
//! let source = hallway_import::open("export.zip")?;
//! let batch = source.read(&|done, total| eprintln!("{done}/{total}"))?;
//! for skipped in &batch.skipped {
//!     eprintln!("{}: {}", skipped.location, skipped.reason);
//! }
//! # Ok::<(), hallway_import::ImportError>(())
//! ```

mod detect;
mod error;
mod json;
pub mod mattermost;
pub mod mbox;
mod model;
pub mod slack;
pub mod stackexchange;
pub mod text;
pub mod zulip;

pub use detect::open;
pub use error::ImportError;
pub use model::{Batch, ImportedMessage, ImportedPerson, ImportedRoom, Skipped, MAX_TEXT_BYTES};

/// One exported history that can be read into a [`Batch`].
pub trait Source: Send + Sync {
    /// Short stable name of the source kind, e.g. `"slack"`; part of the id namespace.
    fn name(&self) -> &'static str;

    /// Reads everything. `progress(done, total)` is called as work advances; the unit
    /// (bytes or entries) is the importer's choice but `done <= total` always holds.
    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError>;
}
