//! The facts about each person the conversation needs: zone, hours, join date, names, tags.

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use hallway_domain::{Invalid, WorkingHours};

use crate::clock;
use crate::org::DemoOrg;
use crate::vocab::{city, first_name};

pub(crate) struct Member {
    tz: Tz,
    hours: WorkingHours,
    joined: DateTime<Utc>,
    pub first: String,
    pub city: String,
    pub tags: Vec<String>,
    pub teams: Vec<usize>,
}

/// Everyone in the organisation, by person index.
pub(crate) struct Cast {
    pub members: Vec<Member>,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Cast {
    pub(crate) fn new(org: &DemoOrg, now: DateTime<Utc>) -> Result<Self, Invalid> {
        let members = org
            .people
            .iter()
            .map(|p| {
                Ok(Member {
                    tz: clock::zone(&p.profile.time_zone)?,
                    hours: p.profile.working_hours.clone(),
                    joined: now - Duration::days(i64::from(p.joined_days_ago)),
                    first: first_name(p.profile.display_name.as_str()).to_owned(),
                    city: city(p.profile.time_zone.as_str()),
                    tags: p
                        .profile
                        .ask_me_about
                        .iter()
                        .map(|t| t.as_str().to_owned())
                        .collect(),
                    teams: p.team_indices.clone(),
                })
            })
            .collect::<Result<Vec<_>, Invalid>>()?;
        Ok(Self { members })
    }

    /// Whether the person had joined and is working at `at`.
    pub(crate) fn available(&self, person: usize, at: DateTime<Utc>) -> bool {
        self.members
            .get(person)
            .is_some_and(|m| m.joined <= at && clock::is_working(&m.hours, m.tz, at))
    }

    /// Whether the person had joined by `at`.
    pub(crate) fn joined(&self, person: usize, at: DateTime<Utc>) -> bool {
        self.members.get(person).is_some_and(|m| m.joined <= at)
    }

    /// The person's first working moment at or after `after` (and after they joined).
    pub(crate) fn next(&self, person: usize, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let m = self.members.get(person)?;
        clock::next_working(&m.hours, m.tz, after.max(m.joined))
    }

    /// The person's local weekday name at `at`.
    pub(crate) fn weekday(&self, person: usize, at: DateTime<Utc>) -> &'static str {
        self.members.get(person).map_or("today", |m| {
            WEEKDAYS[at.with_timezone(&m.tz).weekday().num_days_from_monday() as usize]
        })
    }

    pub(crate) fn first(&self, person: usize) -> &str {
        self.members
            .get(person)
            .map_or("there", |m| m.first.as_str())
    }

    pub(crate) fn city(&self, person: usize) -> &str {
        self.members.get(person).map_or("here", |m| m.city.as_str())
    }

    /// Whether the person knows about `tag` or is in team `team`.
    pub(crate) fn knows(&self, person: usize, tag: Option<&str>, team: Option<usize>) -> bool {
        self.members.get(person).is_some_and(|m| {
            tag.is_some_and(|t| m.tags.iter().any(|x| x == t))
                || team.is_some_and(|t| m.teams.contains(&t))
        })
    }
}
