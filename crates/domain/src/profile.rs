//! A person's profile and the checked input that changes it.

use serde::{Deserialize, Serialize};

use crate::{Bio, DisplayName, Invalid, Pronouns, Tag, TeamId, TimeZoneName, WorkingHours};

/// What a person tells colleagues about themself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub display_name: DisplayName,
    pub pronouns: Option<Pronouns>,
    pub time_zone: TimeZoneName,
    pub working_hours: WorkingHours,
    pub ask_me_about: Vec<Tag>,
    pub bio: Bio,
}

/// A profile update as received from a form or JSON, before checking.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    pub display_name: String,
    #[serde(default)]
    pub pronouns: String,
    pub time_zone: String,
    pub working_hours: WorkingHours,
    #[serde(default)]
    pub ask_me_about: Vec<String>,
    #[serde(default)]
    pub bio: String,
    /// Teams the person belongs to; only admins may change these for others.
    #[serde(default)]
    pub teams: Option<Vec<TeamId>>,
}

impl ProfileInput {
    /// Checks every field and returns the first problem found.
    pub fn check(&self) -> Result<Profile, Invalid> {
        let mut tags: Vec<Tag> = Vec::new();
        for raw in &self.ask_me_about {
            for tag in Tag::parse_list(raw)? {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
        if tags.len() > 20 {
            return Err(Invalid::new("tags", "at most 20 tags"));
        }
        Ok(Profile {
            display_name: DisplayName::parse(&self.display_name)?,
            pronouns: Pronouns::parse_optional(&self.pronouns)?,
            time_zone: TimeZoneName::parse(&self.time_zone)?,
            working_hours: self.working_hours.clone(),
            ask_me_about: tags,
            bio: Bio::parse(&self.bio)?,
        })
    }
}
