//! Row ↔ record conversion shared by every SQL backend.
//!
//! Backends read plain columns (integers, text, booleans) into the `*Row` structs here and turn
//! them into records with the checked domain types; values that no longer pass their check are
//! [`StoreError::Corrupt`]. Times are stored as unix milliseconds (`BIGINT`) in every backend.

use chrono::{DateTime, Utc};
use hallway_domain::{
    Bio, DisplayName, Email, InviteId, PersonId, Profile, Pronouns, Role, SessionId, Tag, TeamId,
    TimeZoneName, WorkingHours,
};

use crate::{Invite, Person, Session, StoreError, StoreResult, Team, TeamRef};

/// A time as stored: milliseconds since the unix epoch.
pub fn to_millis(time: DateTime<Utc>) -> i64 {
    time.timestamp_millis()
}

/// A stored time back as a `DateTime`; out-of-range values are corrupt.
pub fn from_millis(millis: i64) -> StoreResult<DateTime<Utc>> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| StoreError::Corrupt(format!("time {millis} is out of range")))
}

/// A stored count (never negative) as `u64`.
pub fn to_count(value: i64) -> StoreResult<u64> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("negative count {value}")))
}

fn to_u32(value: i64, what: &str) -> StoreResult<u32> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value} out of range")))
}

fn corrupt(what: &str) -> impl FnOnce(hallway_domain::Invalid) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("{what}: {e}"))
}

/// A stored role name back as a [`Role`].
pub fn role(value: &str) -> StoreResult<Role> {
    Role::parse(value).map_err(corrupt("role"))
}

/// The profile columns of `people` (everything but the tags, which have their own table).
#[derive(Debug, Clone)]
pub struct ProfileColumns {
    pub display_name: String,
    pub pronouns: Option<String>,
    pub time_zone: String,
    /// Working hours as JSON text, e.g. `{"mon":["09:00-17:00"],...}`.
    pub working_hours: String,
    pub bio: String,
}

impl ProfileColumns {
    /// Splits a profile into the values to store.
    pub fn from_profile(profile: &Profile) -> StoreResult<Self> {
        let working_hours = serde_json::to_string(&profile.working_hours)
            .map_err(|e| StoreError::Corrupt(format!("working hours: {e}")))?;
        Ok(Self {
            display_name: profile.display_name.as_str().to_owned(),
            pronouns: profile.pronouns.as_ref().map(|p| p.as_str().to_owned()),
            time_zone: profile.time_zone.as_str().to_owned(),
            working_hours,
            bio: profile.bio.as_str().to_owned(),
        })
    }

    fn into_profile(self, tags: Vec<String>) -> StoreResult<Profile> {
        let working_hours: WorkingHours = serde_json::from_str(&self.working_hours)
            .map_err(|e| StoreError::Corrupt(format!("working hours: {e}")))?;
        let pronouns = match self.pronouns {
            Some(p) => Pronouns::parse_optional(&p).map_err(corrupt("pronouns"))?,
            None => None,
        };
        let ask_me_about = tags
            .iter()
            .map(|t| Tag::parse(t).map_err(corrupt("tag")))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Profile {
            display_name: DisplayName::parse(&self.display_name)
                .map_err(corrupt("display name"))?,
            pronouns,
            time_zone: TimeZoneName::parse(&self.time_zone).map_err(corrupt("time zone"))?,
            working_hours,
            ask_me_about,
            bio: Bio::parse(&self.bio).map_err(corrupt("bio"))?,
        })
    }
}

/// One row of `people`, as plain columns.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub active: bool,
    pub profile: ProfileColumns,
    pub joined_at: i64,
}

impl PersonRow {
    /// The person, with their tags (in order) and teams `(id, name)`.
    pub fn into_person(self, tags: Vec<String>, teams: Vec<(i64, String)>) -> StoreResult<Person> {
        Ok(Person {
            id: PersonId(self.id),
            email: Email::parse(&self.email).map_err(corrupt("email"))?,
            role: role(&self.role)?,
            active: self.active,
            profile: self.profile.into_profile(tags)?,
            teams: teams
                .into_iter()
                .map(|(id, name)| TeamRef {
                    id: TeamId(id),
                    name,
                })
                .collect(),
            joined_at: from_millis(self.joined_at)?,
        })
    }
}

/// One row of `teams` with its member count.
pub fn team(id: i64, name: String, description: String, members: i64) -> StoreResult<Team> {
    Ok(Team {
        id: TeamId(id),
        name,
        description,
        member_count: to_count(members)?,
    })
}

/// One row of `sessions`, as plain columns.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: i64,
    pub person_id: i64,
    pub token_hash: String,
    pub user_agent: String,
    pub created_at: i64,
    pub expires_at: i64,
}

impl SessionRow {
    pub fn into_session(self) -> StoreResult<Session> {
        Ok(Session {
            id: SessionId(self.id),
            person: PersonId(self.person_id),
            token_hash: self.token_hash,
            user_agent: self.user_agent,
            created_at: from_millis(self.created_at)?,
            expires_at: from_millis(self.expires_at)?,
        })
    }
}

/// One row of `invites`, as plain columns.
#[derive(Debug, Clone)]
pub struct InviteRow {
    pub id: i64,
    pub token_hash: String,
    pub role: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub max_uses: i64,
    pub uses: i64,
    pub revoked: bool,
    pub note: String,
}

impl InviteRow {
    /// The invite, with the teams a redeemer joins.
    pub fn into_invite(self, teams: Vec<i64>) -> StoreResult<Invite> {
        Ok(Invite {
            id: InviteId(self.id),
            token_hash: self.token_hash,
            role: role(&self.role)?,
            created_by: self.created_by.map(PersonId),
            created_at: from_millis(self.created_at)?,
            expires_at: from_millis(self.expires_at)?,
            max_uses: to_u32(self.max_uses, "max uses")?,
            uses: to_u32(self.uses, "uses")?,
            revoked: self.revoked,
            teams: teams.into_iter().map(TeamId).collect(),
            note: self.note,
        })
    }
}

/// A date as stored: `YYYY-MM-DD` text.
pub fn date_text(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A stored `YYYY-MM-DD` date back as a `NaiveDate`.
pub fn date(text: &str) -> StoreResult<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date {text:?}")))
}

/// A round's seed as stored (the same 64 bits in a signed column).
pub fn seed_to_i64(seed: u64) -> i64 {
    i64::from_ne_bytes(seed.to_ne_bytes())
}

/// A stored seed back as the `u64` the round used.
pub fn seed_from_i64(seed: i64) -> u64 {
    u64::from_ne_bytes(seed.to_ne_bytes())
}

/// A stored cadence name back as a [`hallway_domain::Cadence`].
pub fn cadence(value: &str) -> StoreResult<hallway_domain::Cadence> {
    hallway_domain::Cadence::parse(value).map_err(corrupt("cadence"))
}

/// The plain columns of a circle row.
pub struct CircleRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub cadence: String,
    pub shape: String,
    pub cooldown_days: i64,
    pub created_by: Option<i64>,
    pub team: Option<i64>,
}

pub fn circle(row: CircleRow) -> StoreResult<crate::Circle> {
    Ok(crate::Circle {
        id: hallway_domain::CircleId(row.id),
        name: hallway_domain::CircleName::parse(&row.name).map_err(corrupt("circle name"))?,
        description: row.description,
        cadence: cadence(&row.cadence)?,
        shape: hallway_domain::CircleShape::parse(&row.shape).map_err(corrupt("circle shape"))?,
        cooldown_days: to_u32(row.cooldown_days, "cooldown days")?,
        created_by: row.created_by.map(PersonId),
        team: row.team.map(hallway_domain::TeamId),
    })
}

/// A member's settings from their stored columns.
pub fn member_settings(
    opted_in: bool,
    snoozed_until: Option<String>,
    preferred_frequency: Option<String>,
) -> StoreResult<crate::MemberSettings> {
    Ok(crate::MemberSettings {
        opted_in,
        snoozed_until: snoozed_until.as_deref().map(date).transpose()?,
        preferred_frequency: preferred_frequency.as_deref().map(cadence).transpose()?,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_at_millisecond_precision() {
        let t = from_millis(1_700_000_000_123).unwrap();
        assert_eq!(to_millis(t), 1_700_000_000_123);
        assert!(from_millis(i64::MAX).is_err());
    }

    #[test]
    fn bad_stored_values_are_corrupt_not_panics() {
        assert!(matches!(role("boss"), Err(StoreError::Corrupt(_))));
        assert!(matches!(to_count(-1), Err(StoreError::Corrupt(_))));
        assert!(matches!(date("2026-13-01"), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn seeds_keep_all_64_bits() {
        for seed in [0, 7, u64::MAX, u64::MAX / 2 + 1] {
            assert_eq!(seed_from_i64(seed_to_i64(seed)), seed);
        }
    }
}
