//! The demo organisation: the same forty people in six teams every time.

use hallway_domain::{
    Bio, DisplayName, Email, Invalid, Profile, Pronouns, Tag, TeamName, TimeZoneName,
};

use crate::demo_people::{Row, PEOPLE};
use crate::hours;
use crate::org::{DemoOrg, DemoPerson, DemoTeam};
use crate::teams::TEAMS;

/// The email domain of every demo person.
pub const DEMO_DOMAIN: &str = "demo.hallway.dev";

/// The demo sign-in: the owner's email. Use it with [`crate::DEMO_PASSWORD`].
pub const DEMO_OWNER_EMAIL: &str = "ada@demo.hallway.dev";

/// How many teams the demo has (Platform, Mobile, Design, Data, Support, Growth).
const DEMO_TEAMS: usize = 6;

/// The demo organisation: 40 people in 6 teams across 24 IANA time zones (London, Berlin, New
/// York, Los Angeles, Kolkata and Sydney the busiest).
///
/// Person 0 is the owner, Ada Okafor (`ada@demo.hallway.dev`, the demo sign-in). Jonas Becker
/// and Grace Mwangi are admins; three guests (a security consultant, an agency developer and an
/// illustrator); the rest are members. A few people are in two teams and a handful joined in the
/// last 60 days. Every value goes through the domain's parsers, so an error here means the
/// domain's rules changed; the tests catch that.
pub fn demo_org() -> Result<DemoOrg, Invalid> {
    let teams = TEAMS
        .iter()
        .take(DEMO_TEAMS)
        .map(|t| {
            Ok(DemoTeam {
                name: TeamName::parse(t.name)?,
                description: t.description.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    let people = PEOPLE
        .iter()
        .map(person)
        .collect::<Result<Vec<_>, Invalid>>()?;
    Ok(DemoOrg { teams, people })
}

fn person(row: &Row) -> Result<DemoPerson, Invalid> {
    let ask_me_about = row
        .tags
        .iter()
        .map(|t| Tag::parse(t))
        .collect::<Result<Vec<_>, Invalid>>()?;
    Ok(DemoPerson {
        email: Email::parse(&format!("{}@{DEMO_DOMAIN}", row.email))?,
        role: row.role,
        profile: Profile {
            display_name: DisplayName::parse(row.name)?,
            pronouns: Pronouns::parse_optional(row.pronouns)?,
            time_zone: TimeZoneName::parse(row.zone)?,
            working_hours: hours::parse(row.hours)?,
            ask_me_about,
            bio: Bio::parse(row.bio)?,
        },
        team_indices: row.teams.to_vec(),
        joined_days_ago: row.joined,
    })
}
