//! Typed identifiers, so a team id can never be passed where a person id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A person (an account), active or not.
    PersonId
);
id_type!(
    /// A team: a formal org unit.
    TeamId
);
id_type!(
    /// A signed-in session (one browser or client).
    SessionId
);
id_type!(
    /// An invite link.
    InviteId
);
id_type!(
    /// A circle: people who opted in to pairing rounds.
    CircleId
);
id_type!(
    /// One stored pairing round of a circle.
    RoundId
);
id_type!(
    /// One group of a stored round.
    RoundGroupId
);
id_type!(
    /// A group member's invitation to meet, from a round.
    InvitationId
);
id_type!(
    /// A room: a persistent place with chat, presence and voice.
    RoomId
);
id_type!(
    /// A chat message in a room.
    MessageId
);
id_type!(
    /// A "solved" or "learned" note.
    NoteId
);
id_type!(
    /// A request for a 9-minute chat with a colleague.
    ChatRequestId
);
