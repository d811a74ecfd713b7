//! Input about rooms, parsed into checked values at the boundary: a new room and a history page.

use hallway_domain::{Invalid, RoomKind, RoomName, TeamId};
use serde::Deserialize;

/// A room to create, as the API's JSON body and the page's form carry it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomRequest {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub topic: String,
    /// `open`, `team` or `private`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub team: Option<i64>,
    /// Defaults to yes for open rooms and no for the others.
    #[serde(default)]
    pub overhearable: Option<bool>,
}

/// A [`RoomRequest`] whose every field passed its check.
pub struct CheckedRoom {
    pub name: RoomName,
    pub topic: String,
    pub kind: RoomKind,
    pub team: Option<TeamId>,
    pub overhearable: bool,
}

/// A topic: up to 200 characters on one line; may be empty.
pub const TOPIC_MAX: usize = 200;

impl RoomRequest {
    pub fn check(&self) -> Result<CheckedRoom, Invalid> {
        let name = RoomName::parse(&self.name)?;
        let kind = if self.kind.trim().is_empty() {
            RoomKind::Open
        } else {
            RoomKind::parse(&self.kind)?
        };
        let topic = self.topic.trim();
        let len = topic.chars().count();
        if len > TOPIC_MAX {
            return Err(Invalid::new(
                "topic",
                format!("must be at most {TOPIC_MAX} characters (got {len})"),
            ));
        }
        if topic.chars().any(char::is_control) {
            return Err(Invalid::new("topic", "must be one line of text"));
        }
        let team = match (kind, self.team) {
            (RoomKind::Team, Some(team)) => Some(TeamId(team)),
            (RoomKind::Team, None) => {
                return Err(Invalid::new("team", "a team room needs a team"));
            }
            (_, _) => None,
        };
        Ok(CheckedRoom {
            name,
            topic: topic.to_owned(),
            kind,
            team,
            overhearable: self.overhearable.unwrap_or(kind == RoomKind::Open),
        })
    }
}

/// Which page of history to read: messages before a sequence number, at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryPage {
    pub before: Option<i64>,
    pub limit: u32,
}

impl HistoryPage {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;

    /// The newest messages, as a room page first shows them.
    pub fn latest() -> HistoryPage {
        HistoryPage {
            before: None,
            limit: Self::DEFAULT_LIMIT,
        }
    }
}

fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Parses `before` and `limit` query parameters; blanks mean "not given".
pub fn history_page(before: Option<&str>, limit: Option<&str>) -> Result<HistoryPage, Invalid> {
    let before = match given(before) {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(seq) if seq >= 1 => Some(seq),
            _ => {
                return Err(Invalid::new(
                    "before",
                    "must be a sequence number of 1 or more",
                ))
            }
        },
    };
    let limit = match given(limit) {
        None => HistoryPage::DEFAULT_LIMIT,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=HistoryPage::MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(Invalid::new(
                    "limit",
                    format!("must be a number from 1 to {}", HistoryPage::MAX_LIMIT),
                ))
            }
        },
    };
    Ok(HistoryPage { before, limit })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: &str, team: Option<i64>) -> RoomRequest {
        RoomRequest {
            name: " Kitchen ".into(),
            kind: kind.into(),
            team,
            ..RoomRequest::default()
        }
    }

    #[test]
    fn rooms_are_checked_and_named_problems_name_their_field() {
        let open = request("", None).check().unwrap();
        assert_eq!(open.name.as_str(), "Kitchen");
        assert_eq!(open.kind, RoomKind::Open);
        assert!(open.overhearable);
        let private = request("private", Some(3)).check().unwrap();
        assert!(!private.overhearable);
        assert_eq!(private.team, None);
        assert_eq!(request("team", None).check().err().unwrap().field, "team");
        assert_eq!(request("lobby", None).check().err().unwrap().field, "kind");
        let long = RoomRequest {
            topic: "x".repeat(201),
            ..request("", None)
        };
        assert_eq!(long.check().err().unwrap().field, "topic");
        let nameless = RoomRequest::default();
        assert_eq!(nameless.check().err().unwrap().field, "name");
    }

    #[test]
    fn history_pages_are_bounded() {
        assert_eq!(history_page(None, None).unwrap(), HistoryPage::latest());
        assert_eq!(
            history_page(Some("40"), Some("200")).unwrap(),
            HistoryPage {
                before: Some(40),
                limit: 200
            }
        );
        assert_eq!(history_page(None, Some("201")).unwrap_err().field, "limit");
        assert_eq!(history_page(None, Some("0")).unwrap_err().field, "limit");
        assert_eq!(history_page(Some("-1"), None).unwrap_err().field, "before");
        assert_eq!(history_page(Some("x"), None).unwrap_err().field, "before");
    }
}
