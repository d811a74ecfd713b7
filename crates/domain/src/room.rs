//! Rooms and what may be said in them: kinds, who may enter, checked names, message bodies,
//! reactions and client message ids.

use serde::{Deserialize, Serialize};

use crate::{Invalid, Role, TeamId};

/// Who may enter a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoomKind {
    /// Anyone in the organisation (not guests, unless invited).
    Open,
    /// The team's members plus people invited to the room (guests included).
    Team,
    /// Only the room's members.
    Private,
}

impl RoomKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoomKind::Open => "open",
            RoomKind::Team => "team",
            RoomKind::Private => "private",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(RoomKind::Open),
            "team" => Ok(RoomKind::Team),
            "private" => Ok(RoomKind::Private),
            other => Err(Invalid::new(
                "kind",
                format!("unknown room kind {other:?}; expected open, team or private"),
            )),
        }
    }
}

/// The facts that decide whether a person may enter a room.
#[derive(Debug, Clone, Copy)]
pub struct RoomWalls<'a> {
    pub kind: RoomKind,
    /// The team a team room belongs to.
    pub team: Option<TeamId>,
    /// Whether the person was invited to (is a member of) this room.
    pub invited: bool,
    pub role: Role,
    pub person_teams: &'a [TeamId],
}

impl RoomWalls<'_> {
    /// The one rule for entering a room, reading its history and hearing it overheard.
    /// Invited people may always enter; guests only where invited; open rooms admit every
    /// non-guest; team rooms admit the team's members; private rooms admit nobody else.
    pub fn may_enter(&self) -> bool {
        if self.invited {
            return true;
        }
        if self.role == Role::Guest {
            return false;
        }
        match self.kind {
            RoomKind::Open => true,
            RoomKind::Team => self
                .team
                .is_some_and(|team| self.person_teams.contains(&team)),
            RoomKind::Private => false,
        }
    }
}

pub(crate) fn checked(
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<String, Invalid> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Invalid::new(field, "must not be empty"));
    }
    let len = trimmed.chars().count();
    if len > max {
        return Err(Invalid::new(
            field,
            format!("must be at most {max} characters (got {len})"),
        ));
    }
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t'));
    if trimmed.chars().any(bad) {
        return Err(Invalid::new(field, "must not contain control characters"));
    }
    Ok(trimmed.to_owned())
}

macro_rules! checked_text {
    ($(#[$doc:meta])* $name:ident, $field:literal, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(value: &str) -> Result<Self, Invalid> {
                checked($field, value, $max, $multiline).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = Invalid;
            fn try_from(value: String) -> Result<Self, Invalid> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

checked_text!(
    /// A room's name, 1-60 characters, unique regardless of case.
    RoomName, "name", 60, false
);
checked_text!(
    /// A message: 1-4000 characters of plain text with light formatting; may span lines.
    MessageBody, "body", 4000, true
);
checked_text!(
    /// A reaction: one emoji or a short word, up to 16 characters.
    Reaction, "emoji", 16, false
);

/// The id a client gives a message it sends, so a retry is never stored twice:
/// 1-64 characters of letters, digits, `-` and `_`, unique per author.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClientMessageId(String);

impl ClientMessageId {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let ok = (1..=64).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(Invalid::new(
                "client_id",
                "must be 1-64 characters of letters, digits, '-' and '_'",
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ClientMessageId {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Invalid> {
        Self::parse(&value)
    }
}

impl From<ClientMessageId> for String {
    fn from(value: ClientMessageId) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walls(kind: RoomKind, role: Role, invited: bool, teams: &[TeamId]) -> bool {
        RoomWalls {
            kind,
            team: Some(TeamId(1)),
            invited,
            role,
            person_teams: teams,
        }
        .may_enter()
    }

    #[test]
    fn walls_admit_exactly_the_right_people() {
        let mine = [TeamId(1)];
        let other = [TeamId(2)];
        assert!(walls(RoomKind::Open, Role::Member, false, &other));
        assert!(!walls(RoomKind::Open, Role::Guest, false, &other));
        assert!(walls(RoomKind::Open, Role::Guest, true, &[]));
        assert!(walls(RoomKind::Team, Role::Member, false, &mine));
        assert!(!walls(RoomKind::Team, Role::Member, false, &other));
        assert!(!walls(RoomKind::Team, Role::Owner, false, &other));
        assert!(walls(RoomKind::Team, Role::Guest, true, &other));
        assert!(!walls(RoomKind::Private, Role::Owner, false, &mine));
        assert!(walls(RoomKind::Private, Role::Member, true, &[]));
    }

    #[test]
    fn bodies_and_ids_are_checked() {
        assert!(MessageBody::parse("line one\nline two").is_ok());
        assert_eq!(MessageBody::parse("   ").unwrap_err().field, "body");
        assert!(MessageBody::parse(&"x".repeat(4001)).is_err());
        assert!(RoomName::parse("kitchen\n").is_ok());
        assert!(RoomName::parse("a\u{7}b").is_err());
        assert!(ClientMessageId::parse("c-1_A").is_ok());
        assert!(ClientMessageId::parse("c 1").is_err());
        assert!(ClientMessageId::parse("").is_err());
    }
}
