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
//! | slack | user id `U…` | channel id `C…`/`G…`/`D…` | `channel_id/ts` |
//! | mattermost | username | `team/channel` or `dm:user1,user2` | `room/create_at/user` (+ `#n` for replies) |
//! | zulip | user profile id | `stream:id` or `dm:recipient id` | message id |
//! | mbox | lower-cased address | list id or file stem | `Message-ID` (else `file:line`) |
//! | stackexchange | user id | site name | post id |

mod error;
mod json;
pub mod mattermost;
pub mod mbox;
mod model;
pub mod slack;
pub mod stackexchange;
pub mod text;
pub mod zulip;

pub use error::ImportError;
pub use model::{Batch, ImportedMessage, ImportedPerson, ImportedRoom, Skipped, MAX_TEXT_BYTES};

/// One exported history that can be read into a [`Batch`].
pub trait Source {
    /// Short stable name of the source kind, e.g. `"slack"`; part of the id namespace.
    fn name(&self) -> &'static str;

    /// Reads everything. `progress(done, total)` is called as work advances; the unit
    /// (bytes or entries) is the importer's choice but `done <= total` always holds.
    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError>;
}
