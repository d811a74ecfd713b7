//! Hallway's memory engine, the been-there finder: "who has dealt with this before?".
//!
//! It indexes room messages, "solved"/"learned" notes and profile "ask me about" tags in tantivy
//! (English stemming) and ranks **people**, not documents, for a question. Walls are part of
//! every query: evidence from a room the asker cannot read never contributes to a score, a count
//! or a snippet. The index is updated incrementally and checkpointed by the store's global
//! sequence number, so a restart neither misses nor repeats an event.
//!
//! Known limit: BM25 term statistics (document frequencies) are index-wide, so a word used
//! only behind a wall still changes how rare the index thinks it is. No document, author, count
//! or snippet from behind a wall is ever used, but score magnitudes are not wall-isolated.
//!
//! ```no_run
//! # fn main() -> Result<(), hallway_memory::MemoryError> {
//! use std::collections::HashSet;
//! use hallway_memory::{Ask, IndexOptions, MemoryIndex, PersonId, RoomId};
//!
//! let index = MemoryIndex::open(std::path::Path::new("data/memory"), IndexOptions::default())?;
//! let rooms = [RoomId(1), RoomId(2)];
//! let opted_out = HashSet::new();
//! let people = index.ask(&Ask {
//!     question: "TLS pinning fails on Android",
//!     asker: PersonId(7),
//!     readable_rooms: &rooms,
//!     roomless: true,
//!     opted_out: &opted_out,
//!     before: None,
//!     limit: 5,
//! })?;
//! for person in people {
//!     println!("{:?}: {}", person.person, person.reason.describe(|room| format!("room {}", room.0)));
//! }
//! # Ok(()) }
//! ```

mod ask;
mod document;
mod error;
mod evidence;
mod explain;
mod finder;
mod index;
mod ranking;
mod rows;
mod schema;

pub use ask::Ask;
pub use error::{MemoryError, Result};
pub use evidence::{
    DocRef, Evidence, EvidenceKind, IndexEvent, MessageRecord, NoteKind, NoteRecord, PersonId,
    ProfileTagsRecord, RoomId,
};
pub use explain::{EvidenceSnippet, Reason, Suggestion};
pub use index::{IndexOptions, MemoryIndex, RebuildProgress, INCREMENTAL_WRITER_HEAP};
pub use ranking::RankingConfig;
