//! Circle settings: how often a circle meets and how people are grouped.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// How often a circle runs a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    EveryTwoWeeks,
    Monthly,
}

impl Cadence {
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::EveryTwoWeeks => "every_two_weeks",
            Cadence::Monthly => "monthly",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value.trim().to_lowercase().replace('-', "_").as_str() {
            "weekly" => Ok(Cadence::Weekly),
            "every_two_weeks" | "biweekly" => Ok(Cadence::EveryTwoWeeks),
            "monthly" => Ok(Cadence::Monthly),
            other => Err(Invalid::new(
                "cadence",
                format!("{other:?} is not weekly, every_two_weeks or monthly"),
            )),
        }
    }

    /// Days in one cycle of this cadence.
    pub fn days(self) -> u32 {
        match self {
            Cadence::Weekly => 7,
            Cadence::EveryTwoWeeks => 14,
            Cadence::Monthly => 28,
        }
    }
}

/// How a circle groups its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CircleShape {
    /// Pairs (a trio when the count is odd).
    Pairs,
    /// Groups of three or four.
    SmallGroups,
}

impl CircleShape {
    pub fn as_str(self) -> &'static str {
        match self {
            CircleShape::Pairs => "pairs",
            CircleShape::SmallGroups => "small_groups",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        match value.trim().to_lowercase().replace('-', "_").as_str() {
            "pairs" => Ok(CircleShape::Pairs),
            "small_groups" => Ok(CircleShape::SmallGroups),
            other => Err(Invalid::new(
                "shape",
                format!("{other:?} is not pairs or small_groups"),
            )),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in [Cadence::Weekly, Cadence::EveryTwoWeeks, Cadence::Monthly] {
            assert_eq!(Cadence::parse(c.as_str()).unwrap(), c);
        }
        for s in [CircleShape::Pairs, CircleShape::SmallGroups] {
            assert_eq!(CircleShape::parse(s.as_str()).unwrap(), s);
        }
        assert!(Cadence::parse("daily").is_err());
        assert_eq!(
            CircleShape::parse("small-groups").unwrap(),
            CircleShape::SmallGroups
        );
    }
}
