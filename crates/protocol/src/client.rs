//! Frames a client sends.

use hallway_domain::{Availability, MessageId, RoomId};
use serde::{Deserialize, Serialize};

use crate::ConnectionId;

/// A frame from a client. Fields are checked by the server after parsing (bodies, emoji,
/// client ids), so a bad value gets an error frame naming the field.
/// `ref` is an optional client-chosen tag echoed in the answer or error, for correlation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientFrame {
    /// The first frame: the protocol version the client speaks.
    Hello {
        v: u32,
    },
    /// Show me the hallway: presence of people and of every room I may enter, and the
    /// latest line of overhearable conversations.
    WatchHallway,
    /// Enter a room: its events, typing, presence and voice. With `after`, first receive
    /// every event with a larger sequence number (a resume); without, only new ones.
    Join {
        room: RoomId,
        #[serde(default)]
        after: Option<i64>,
    },
    Leave {
        room: RoomId,
    },
    /// Post a message; answered by `ack` once it is durable. Resending the same
    /// `client_id` never stores it twice.
    Send {
        room: RoomId,
        client_id: String,
        body: String,
        #[serde(default)]
        reply_to: Option<MessageId>,
    },
    Edit {
        room: RoomId,
        message: MessageId,
        body: String,
        #[serde(default, rename = "ref")]
        reference: Option<String>,
    },
    Delete {
        room: RoomId,
        message: MessageId,
        #[serde(default, rename = "ref")]
        reference: Option<String>,
    },
    React {
        room: RoomId,
        message: MessageId,
        emoji: String,
        on: bool,
        #[serde(default, rename = "ref")]
        reference: Option<String>,
    },
    /// "I am typing in this room"; send at most every few seconds while typing.
    Typing {
        room: RoomId,
    },
    /// Change my chosen presence. `until` is RFC 3339; `working_on` may be empty.
    Status {
        availability: Availability,
        #[serde(default)]
        until: Option<String>,
        #[serde(default)]
        working_on: String,
    },
    VoiceJoin {
        room: RoomId,
    },
    VoiceLeave {
        room: RoomId,
    },
    /// Mute state and whether I am speaking, shown to the room.
    VoiceState {
        room: RoomId,
        muted: bool,
        speaking: bool,
    },
    /// A WebRTC offer, answer or ICE candidate for one peer in this room's voice; relayed as is.
    VoiceSignal {
        room: RoomId,
        to: ConnectionId,
        signal: serde_json::Value,
    },
    Ping {
        #[serde(default, rename = "ref")]
        reference: Option<String>,
    },
    /// Wave at a person: they see who waved (and where you are, if they may enter that room)
    /// and can wave back. Held while they focus or are outside their working hours.
    /// Answered by `wave_sent`.
    Wave {
        person: hallway_domain::PersonId,
    },
    /// Knock on a room whose voice has people in it: they see who knocked and can let you in.
    /// Answered by `knock_sent`.
    Knock {
        room: RoomId,
    },
    /// Let a person who knocked on this room in (sent by someone in the room).
    LetIn {
        room: RoomId,
        person: hallway_domain::PersonId,
    },
}

impl ClientFrame {
    /// The frame's `type`, for errors and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            ClientFrame::Hello { .. } => "hello",
            ClientFrame::WatchHallway => "watch_hallway",
            ClientFrame::Join { .. } => "join",
            ClientFrame::Leave { .. } => "leave",
            ClientFrame::Send { .. } => "send",
            ClientFrame::Edit { .. } => "edit",
            ClientFrame::Delete { .. } => "delete",
            ClientFrame::React { .. } => "react",
            ClientFrame::Typing { .. } => "typing",
            ClientFrame::Status { .. } => "status",
            ClientFrame::VoiceJoin { .. } => "voice_join",
            ClientFrame::VoiceLeave { .. } => "voice_leave",
            ClientFrame::VoiceState { .. } => "voice_state",
            ClientFrame::VoiceSignal { .. } => "voice_signal",
            ClientFrame::Ping { .. } => "ping",
            ClientFrame::Wave { .. } => "wave",
            ClientFrame::Knock { .. } => "knock",
            ClientFrame::LetIn { .. } => "let_in",
        }
    }

    /// The client-chosen correlation tag, when the frame has one.
    pub fn reference(&self) -> Option<String> {
        match self {
            ClientFrame::Send { client_id, .. } => Some(client_id.clone()),
            ClientFrame::Edit { reference, .. }
            | ClientFrame::Delete { reference, .. }
            | ClientFrame::React { reference, .. }
            | ClientFrame::Ping { reference } => reference.clone(),
            _ => None,
        }
    }

    /// Parses a text frame; the error says what is wrong, in words for the error frame.
    pub fn parse(text: &str) -> Result<Self, (crate::ErrorCode, String)> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            (
                crate::ErrorCode::MalformedJson,
                format!("not valid JSON: {e}"),
            )
        })?;
        let kind = value
            .get("type")
            .and_then(|t| t.as_str())
            .ok_or((
                crate::ErrorCode::UnknownType,
                "a frame needs a string field \"type\"".to_owned(),
            ))?
            .to_owned();
        if !KNOWN_TYPES.contains(&kind.as_str()) {
            return Err((
                crate::ErrorCode::UnknownType,
                format!("unknown frame type {kind:?}"),
            ));
        }
        serde_json::from_value(value)
            .map_err(|e| (crate::ErrorCode::InvalidFrame, format!("{kind}: {e}")))
    }
}

const KNOWN_TYPES: [&str; 18] = [
    "hello",
    "watch_hallway",
    "join",
    "leave",
    "send",
    "edit",
    "delete",
    "react",
    "typing",
    "status",
    "voice_join",
    "voice_leave",
    "voice_state",
    "voice_signal",
    "ping",
    "wave",
    "knock",
    "let_in",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn frames_parse_and_bad_ones_are_named() {
        let frame = ClientFrame::parse(r#"{"type":"join","room":3,"after":7}"#).unwrap();
        assert_eq!(
            frame,
            ClientFrame::Join {
                room: RoomId(3),
                after: Some(7)
            }
        );
        assert_eq!(
            ClientFrame::parse("{").unwrap_err().0,
            ErrorCode::MalformedJson
        );
        assert_eq!(
            ClientFrame::parse(r#"{"type":"shout"}"#).unwrap_err().0,
            ErrorCode::UnknownType
        );
        let (code, message) = ClientFrame::parse(r#"{"type":"send","room":1}"#).unwrap_err();
        assert_eq!(code, ErrorCode::InvalidFrame);
        assert!(message.contains("client_id"), "{message}");
    }
}
