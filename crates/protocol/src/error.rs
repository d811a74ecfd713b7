//! The codes of error frames: each names one problem, and the connection carries on unless
//! the code says it is closed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The frame is not JSON.
    MalformedJson,
    /// The `type` is missing or not one this version knows.
    UnknownType,
    /// The frame's fields are missing or of the wrong shape.
    InvalidFrame,
    /// A field's value failed its check (the message names the field).
    InvalidField,
    /// `hello` asked for a version this server does not speak; the socket closes.
    UnsupportedVersion,
    /// A frame other than `hello` came first.
    HelloFirst,
    /// The frame was larger than 64 KiB.
    FrameTooLarge,
    /// The room does not exist or the person may not enter it (the two look the same).
    NoSuchRoom,
    /// The frame needs the room joined first.
    NotInRoom,
    /// The message does not exist in that room, or the person may not change it.
    NoSuchMessage,
    /// `after` is beyond the room's newest event.
    FutureSequence,
    /// The same client id was used for a different message.
    ClientIdReused,
    /// Too many frames of this kind; the frame was not acted on. `retry_after_ms` says when.
    RateLimited,
    /// A voice frame for a room whose voice the sender is not in.
    NotInVoice,
    /// A voice signal to a connection that is not in this room's voice.
    NoSuchPeer,
    /// Voice in this room is full (a mesh of up to 8).
    VoiceFull,
    /// The server could not store or read; retry later.
    Unavailable,
    /// A wave to someone who is not an active colleague (or to oneself).
    NoSuchPerson,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::UnknownType => "unknown_type",
            ErrorCode::InvalidFrame => "invalid_frame",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::UnsupportedVersion => "unsupported_version",
            ErrorCode::HelloFirst => "hello_first",
            ErrorCode::FrameTooLarge => "frame_too_large",
            ErrorCode::NoSuchRoom => "no_such_room",
            ErrorCode::NotInRoom => "not_in_room",
            ErrorCode::NoSuchMessage => "no_such_message",
            ErrorCode::FutureSequence => "future_sequence",
            ErrorCode::ClientIdReused => "client_id_reused",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::NotInVoice => "not_in_voice",
            ErrorCode::NoSuchPeer => "no_such_peer",
            ErrorCode::VoiceFull => "voice_full",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::NoSuchPerson => "no_such_person",
        }
    }
}
