//! Hallway's domain: identifiers, checked values and the rules about people and teams.
//!
//! Everything here is pure. Values are parsed once at the boundary (`Email::parse`,
//! `WorkingHours::parse`, ...) and trusted afterwards; a failed parse names the field and says
//! what is wrong, so the server can show it inline or as problem JSON.

mod chat;
mod circle;
mod error;
mod ids;
mod note;
mod password;
mod profile;
mod role;
mod room;
mod status;
mod text;
mod working_hours;

pub use chat::{reachable_at, reads_as_question, ChatTopic, CHAT_MINUTES};
pub use circle::{Cadence, CircleShape};
pub use error::Invalid;
pub use ids::{
    ChatRequestId, CircleId, InvitationId, InviteId, MessageId, NoteId, PersonId, RoomId,
    RoundGroupId, RoundId, SessionId, TeamId,
};
pub use note::{NoteBody, NoteKind, NoteTitle};
pub use password::{Password, COMMON_PASSWORDS};
pub use profile::{Profile, ProfileInput};
pub use role::Role;
pub use room::{ClientMessageId, MessageBody, Reaction, RoomKind, RoomName, RoomWalls};
pub use status::{Availability, Status};
pub use text::{Bio, CircleName, DisplayName, Email, Pronouns, Tag, TeamName, TimeZoneName};
pub use working_hours::{Interval, WorkingHours, WEEKDAYS};
