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
    /// Every problem with the input, one per field in form order (empty when it is valid),
    /// so a form can show them all at once.
    pub fn problems(&self) -> Vec<Invalid> {
        let mut found = Vec::new();
        if let Err(e) = DisplayName::parse(&self.display_name) {
            found.push(e);
        }
        if let Err(e) = Pronouns::parse_optional(&self.pronouns) {
            found.push(e);
        }
        if let Err(e) = TimeZoneName::parse(&self.time_zone) {
            found.push(e);
        }
        let mut tags = 0;
        for raw in &self.ask_me_about {
            match Tag::parse_list(raw) {
                Ok(list) => tags += list.len(),
                Err(e) => found.push(e),
            }
        }
        if tags > 20 {
            found.push(Invalid::new("tags", "at most 20 tags"));
        }
        if let Err(e) = Bio::parse(&self.bio) {
            found.push(e);
        }
        found
    }

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
