//! The live hub of one node: it holds this node's sockets, delivers each room's events to them
//! in sequence order, and keeps everyone's presence, typing and voice signalling moving between
//! nodes over the bus.
//!
//! Flow: a handler stores a change (the store assigns the room's next seq), then publishes it
//! on the bus; every node (this one too) receives it and fans it out to its own sockets, each
//! frame serialised once. Presence is ephemeral: nodes publish their connections' facts and a
//! heartbeat; nothing about presence is stored, and there are no idle timers.
//!
//! Boundary: no HTTP here. The server hands each authenticated socket to [`Hub::connect`] and
//! pumps text frames in ([`LiveSession::handle_text`]) and out ([`Outgoing`]).

mod access;
mod config;
mod feeds;
mod held;
mod hub;
mod hub_tasks;
mod limits;
mod nudges;
mod outbox;
mod presence;
pub mod pulse;
mod session;
mod session_chat;
mod session_rooms;
mod session_voice;
mod social;
mod wire;

pub use access::announce_access;
pub use config::LiveConfig;
pub use hub::{Hub, StartError};
pub use nudges::{Suggester, MAX_SUGGESTED};
pub use outbox::{Closer, Outbox, Outgoing};
pub use session::LiveSession;
pub use wire::AccessChange;
