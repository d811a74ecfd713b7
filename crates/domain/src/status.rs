//! Presence a person chooses to show: a status, optionally until a time, and a "working on" line.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Invalid;

/// What a person tells others about how reachable they are. There are no idle timers:
/// this changes only when its owner changes it (or its `until` passes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    #[default]
    OpenToChat,
    Focusing,
    Away,
    DoNotDisturb,
}

impl Availability {
    pub const ALL: [Availability; 4] = [
        Availability::OpenToChat,
        Availability::Focusing,
        Availability::Away,
        Availability::DoNotDisturb,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Availability::OpenToChat => "open_to_chat",
            Availability::Focusing => "focusing",
            Availability::Away => "away",
            Availability::DoNotDisturb => "do_not_disturb",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Availability::OpenToChat => "Open to chat",
            Availability::Focusing => "Focusing",
            Availability::Away => "Away",
            Availability::DoNotDisturb => "Do not disturb",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == value.trim())
            .ok_or_else(|| {
                Invalid::new(
                    "status",
                    format!(
                        "unknown status {value:?}; expected open_to_chat, focusing, away or do_not_disturb"
                    ),
                )
            })
    }

    /// Focusing and do-not-disturb silence every nudge.
    pub fn silences_nudges(self) -> bool {
        matches!(self, Availability::Focusing | Availability::DoNotDisturb)
    }
}

/// A person's chosen presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Status {
    pub availability: Availability,
    /// When the chosen availability ends (back to open to chat); `None` means until changed.
    pub until: Option<DateTime<Utc>>,
    /// What they work on, up to 140 characters; empty when not shared.
    pub working_on: String,
}

impl Status {
    pub const WORKING_ON_MAX: usize = 140;

    pub fn new(
        availability: Availability,
        until: Option<DateTime<Utc>>,
        working_on: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, Invalid> {
        if until.is_some_and(|until| until <= now) {
            return Err(Invalid::new("until", "must be in the future"));
        }
        let working_on = working_on.trim();
        let len = working_on.chars().count();
        if len > Self::WORKING_ON_MAX {
            return Err(Invalid::new(
                "working_on",
                format!(
                    "must be at most {} characters (got {len})",
                    Self::WORKING_ON_MAX
                ),
            ));
        }
        if working_on.chars().any(char::is_control) {
            return Err(Invalid::new(
                "working_on",
                "must not contain control characters",
            ));
        }
        Ok(Self {
            availability,
            until,
            working_on: working_on.to_owned(),
        })
    }

    /// The availability in force at `now`: a chosen status ends when its `until` passes.
    pub fn effective(&self, now: DateTime<Utc>) -> Availability {
        match self.until {
            Some(until) if until <= now => Availability::OpenToChat,
            _ => self.availability,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn status_expires_and_checks_its_fields() {
        let now = Utc::now();
        let status = Status::new(
            Availability::Focusing,
            Some(now + Duration::hours(1)),
            " TLS ",
            now,
        )
        .unwrap();
        assert_eq!(status.working_on, "TLS");
        assert_eq!(status.effective(now), Availability::Focusing);
        assert_eq!(
            status.effective(now + Duration::hours(2)),
            Availability::OpenToChat
        );
        assert_eq!(
            Status::new(Availability::Away, Some(now - Duration::hours(1)), "", now)
                .unwrap_err()
                .field,
            "until"
        );
        assert!(Status::new(Availability::Away, None, &"x".repeat(141), now).is_err());
        assert_eq!(
            Availability::parse("do_not_disturb").unwrap(),
            Availability::DoNotDisturb
        );
        assert!(Availability::parse("idle").is_err());
    }
}
