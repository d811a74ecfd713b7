//! Hallway's WebSocket protocol, version 1 (documented for people in `docs/protocol.md`).
//!
//! One socket per tab at `/api/v1/live`. Every frame is one JSON text message with a `type`.
//! The client opens with [`ClientFrame::Hello`]; the server answers [`ServerFrame::Welcome`]
//! or an error and closes. Frames larger than [`MAX_FRAME_BYTES`] are refused.
//!
//! Room events carry the room's sequence number, assigned by the store. A client keeps the
//! last number it saw per room and passes it as `after` when it joins again: it receives
//! exactly the events it missed, then [`ServerFrame::CaughtUp`], then live events, each once
//! and in order.

mod bye;
mod client;
mod error;
mod server;

pub use bye::{bye_code, ByeCode, ACCESS_REVOKED};
pub use client::ClientFrame;
pub use error::ErrorCode;
pub use server::{
    excerpt, ChatOffer, KnockNote, Occupant, PersonPresence, RoomInfo, RoomState, ServerFrame,
    Suggested, WaveNote,
};

/// The protocol version this crate speaks.
pub const VERSION: u32 = 1;

/// The largest frame accepted, in bytes.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// A connection's id, unique across nodes (`"<node>-<n>"`); voice peers are addressed by it.
pub type ConnectionId = String;
