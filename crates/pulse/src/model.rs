//! Input types: the organisation (people and teams), interactions (metadata only) and topics.
//!
//! `Organisation::new` checks its input once ("parse, don't validate"); code inside the crate
//! then works on dense indexes and trusts them.

use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::PulseError;

/// A person, as the caller identifies them (the server maps its own ids to these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub u64);

/// A formal team from the org chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TeamId(pub u32);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl fmt::Display for TeamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A team with the name people know it by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
}

/// A member of the organisation. `left` is set once they have left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub team: TeamId,
    pub joined: DateTime<Utc>,
    pub left: Option<DateTime<Utc>>,
}

/// What kind of contact an interaction records. Content is never part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// A reply in a shared room.
    Reply,
    /// A mention in a shared room.
    Mention,
    /// Time together in voice (a few minutes or more).
    Voice,
    /// A coffee pairing that actually met.
    PairingMet,
    /// A 9-minute chat.
    Chat,
}

/// Voice shorter than this is not an interaction.
pub const MIN_VOICE_MINUTES: u32 = 3;

impl InteractionKind {
    /// A suggested weight: a pairing that met or a chat counts more than a mention.
    pub fn default_weight(self) -> f32 {
        match self {
            InteractionKind::Mention => 0.5,
            InteractionKind::Reply => 1.0,
            InteractionKind::Voice | InteractionKind::Chat => 2.0,
            InteractionKind::PairingMet => 3.0,
        }
    }
}

/// One contact between two people: when, who, what kind, and how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub at: DateTime<Utc>,
    pub a: PersonId,
    pub b: PersonId,
    pub kind: InteractionKind,
    pub weight: f32,
}

impl Interaction {
    /// An interaction of `kind` with its default weight.
    pub fn new(at: DateTime<Utc>, a: PersonId, b: PersonId, kind: InteractionKind) -> Self {
        Self {
            at,
            a,
            b,
            kind,
            weight: kind.default_weight(),
        }
    }

    /// Time together in voice: none under [`MIN_VOICE_MINUTES`]; longer calls weigh more,
    /// up to twice the default weight for an hour or more.
    pub fn from_voice(at: DateTime<Utc>, a: PersonId, b: PersonId, minutes: u32) -> Option<Self> {
        if minutes < MIN_VOICE_MINUTES {
            return None;
        }
        let scale = 1.0 + (minutes.min(60) as f32 - MIN_VOICE_MINUTES as f32) / 57.0;
        let mut interaction = Self::new(at, a, b, InteractionKind::Voice);
        interaction.weight *= scale;
        Some(interaction)
    }
}

/// A person who holds knowledge of a topic, and when they last were active on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicHolding {
    pub person: PersonId,
    pub last_active: DateTime<Utc>,
}

/// A topic and the people who hold it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub name: String,
    pub holders: Vec<TopicHolding>,
}

/// A checked organisation: unique people and teams, every person in a known team.
#[derive(Debug, Clone)]
pub struct Organisation {
    teams: Vec<Team>,
    people: Vec<Person>,
    person_team: Vec<u32>,
    lookup: PersonLookup,
}

/// Person id to dense index: a vector when ids are dense, a hash map otherwise.
#[derive(Debug, Clone)]
enum PersonLookup {
    Dense(Vec<u32>),
    Sparse(HashMap<PersonId, u32>),
}

const NO_INDEX: u32 = u32::MAX;

impl Organisation {
    /// Checks and indexes an organisation.
    pub fn new(teams: Vec<Team>, people: Vec<Person>) -> Result<Self, PulseError> {
        if people.is_empty() {
            return Err(PulseError::EmptyOrganisation);
        }
        let mut team_index = HashMap::with_capacity(teams.len());
        for (index, team) in teams.iter().enumerate() {
            if team_index.insert(team.id, index as u32).is_some() {
                return Err(PulseError::DuplicateTeam(team.id));
            }
        }
        let mut person_team = Vec::with_capacity(people.len());
        for person in &people {
            let team = team_index
                .get(&person.team)
                .ok_or(PulseError::UnknownTeam {
                    person: person.id,
                    team: person.team,
                })?;
            person_team.push(*team);
        }
        let lookup = PersonLookup::build(&people)?;
        Ok(Self {
            teams,
            people,
            person_team,
            lookup,
        })
    }

    /// The teams, in the order given.
    pub fn teams(&self) -> &[Team] {
        &self.teams
    }

    /// The people, in the order given.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// Dense index of a person, if they are in the organisation.
    pub(crate) fn index_of(&self, id: PersonId) -> Option<u32> {
        match &self.lookup {
            PersonLookup::Dense(slots) => usize::try_from(id.0)
                .ok()
                .and_then(|slot| slots.get(slot))
                .copied()
                .filter(|index| *index != NO_INDEX),
            PersonLookup::Sparse(map) => map.get(&id).copied(),
        }
    }

    /// Dense team index for every person.
    pub(crate) fn person_teams(&self) -> &[u32] {
        &self.person_team
    }
}

impl PersonLookup {
    fn build(people: &[Person]) -> Result<Self, PulseError> {
        let max_id = people.iter().map(|p| p.id.0).max().unwrap_or(0);
        let dense_enough = max_id < (people.len() as u64).saturating_mul(4).max(64);
        if dense_enough {
            let mut slots = vec![NO_INDEX; max_id as usize + 1];
            for (index, person) in people.iter().enumerate() {
                let slot = &mut slots[person.id.0 as usize];
                if *slot != NO_INDEX {
                    return Err(PulseError::DuplicatePerson(person.id));
                }
                *slot = index as u32;
            }
            return Ok(Self::Dense(slots));
        }
        let mut map = HashMap::with_capacity(people.len());
        for (index, person) in people.iter().enumerate() {
            if map.insert(person.id, index as u32).is_some() {
                return Err(PulseError::DuplicatePerson(person.id));
            }
        }
        Ok(Self::Sparse(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_voice_is_not_an_interaction_and_long_voice_weighs_more() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let (a, b) = (PersonId(1), PersonId(2));
        assert!(Interaction::from_voice(at, a, b, 2).is_none());
        let short = Interaction::from_voice(at, a, b, 3).map(|i| i.weight);
        let long = Interaction::from_voice(at, a, b, 90).map(|i| i.weight);
        assert_eq!(short, Some(2.0));
        assert_eq!(long, Some(4.0));
    }
}
