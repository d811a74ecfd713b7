//! What nodes tell each other over the bus. Every node, the sender included, receives every
//! message and delivers it to its own sockets.

use hallway_domain::{PersonId, RoomId};
use hallway_protocol::ByeCode;
use hallway_store::{PersonStatus, RoomEvent};
use serde::{Deserialize, Serialize};

/// One connection's presence facts, as its node reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionFacts {
    pub connection: String,
    pub person: PersonId,
    /// Rooms the connection has open.
    pub rooms: Vec<RoomId>,
    pub voice: Option<VoiceFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceFacts {
    pub room: RoomId,
    /// When it joined (ms since the epoch), for the mesh's join order.
    pub joined_ms: i64,
    pub muted: bool,
    pub speaking: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum BusEvent {
    /// A sequenced room event, stored before it was published.
    Room {
        event: RoomEvent,
    },
    /// A connection's facts changed (`facts: None` once it is gone).
    Connection {
        node: String,
        connection: String,
        facts: Option<ConnectionFacts>,
    },
    /// Every connection of a node, sent as a heartbeat: it replaces what others know of it.
    Node {
        node: String,
        connections: Vec<ConnectionFacts>,
    },
    /// A node is shutting down: forget its connections now.
    NodeGone {
        node: String,
    },
    Status {
        status: PersonStatus,
    },
    Typing {
        room: RoomId,
        person: PersonId,
    },
    /// A frame for one person's sockets only (suggestions, chat requests and answers).
    ToPerson {
        person: PersonId,
        frame: hallway_protocol::ServerFrame,
    },
    Signal {
        room: RoomId,
        from: String,
        person: PersonId,
        to: String,
        signal: serde_json::Value,
    },
    /// Someone's access changed, and the change is durable: every node but `origin` (which
    /// applied it before publishing) re-checks the affected sockets against the store.
    Access {
        origin: String,
        change: AccessChange,
    },
    /// A room was created or changed, or someone was invited into it: hallway watchers who
    /// may now enter it are told (each node reads the room from the store).
    RoomChanged {
        room: RoomId,
    },
    /// A wave or knock for one person: delivered once they may be interrupted, held until
    /// then (at most until `expires_at`) on every node.
    Reach {
        person: PersonId,
        frame: hallway_protocol::ServerFrame,
        expires_at: chrono::DateTime<chrono::Utc>,
    },
}

/// A change of who may do what, as the node that made it tells the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum AccessChange {
    /// Sessions of `person` ended (signed out, revoked, password changed or reset); their
    /// sockets on a session that is gone close with `reason` (or `account_closed`).
    SessionsEnded { person: PersonId, reason: ByeCode },
    /// The person's role, teams, active flag or room invitations changed, or the account is
    /// gone: their sockets are re-checked (closed, or limited to the rooms they may enter).
    Person { person: PersonId },
    /// Rooms changed kind (a team was deleted): every socket is re-checked.
    Rooms,
}

impl BusEvent {
    pub fn subject(&self) -> String {
        match self {
            BusEvent::Room { event } => format!("room.{}", event.room),
            BusEvent::Connection { .. } => "presence".to_owned(),
            BusEvent::Node { .. } | BusEvent::NodeGone { .. } => "node".to_owned(),
            BusEvent::Status { .. } => "status".to_owned(),
            BusEvent::Typing { room, .. } => format!("typing.{room}"),
            BusEvent::Signal { .. } => "signal".to_owned(),
            BusEvent::ToPerson { .. } | BusEvent::Reach { .. } => "person".to_owned(),
            BusEvent::Access { .. } => "access".to_owned(),
            BusEvent::RoomChanged { .. } => "rooms".to_owned(),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}
