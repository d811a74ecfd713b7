//! The repository's demo team (`hallway_seed::demo_org`: 40 people, 6 teams, 24 time zones) as
//! pairing input, so the simulation runs on the same people the demo shows.

use anyhow::{Context, Result};
use chrono::{Duration, NaiveDate};
use hallway_pairing::{LocalSpan, Person, PersonId, TeamId, WeeklyHours};

/// The demo organisation converted to the pairing engine's people.
pub fn demo_people(today: NaiveDate) -> Result<Vec<Person>> {
    let org = hallway_seed::demo_org().map_err(|e| anyhow::anyhow!("demo org: {e:?}"))?;
    org.people
        .iter()
        .map(|p| {
            let team_index = *p.team_indices.first().context("person without a team")?;
            let team = org.teams.get(team_index).context("unknown team index")?;
            let mut hours = WeeklyHours::default();
            for (weekday, day) in hours.days.iter_mut().enumerate() {
                for interval in p.profile.working_hours.day(weekday) {
                    day.extend(LocalSpan::new(interval.start_minute, interval.end_minute));
                }
            }
            Ok(Person {
                id: PersonId(p.email.as_str().to_owned()),
                team: TeamId(team.name.as_str().to_owned()),
                time_zone: p.profile.time_zone.as_str().to_owned(),
                working_hours: hours,
                ask_me_about: p
                    .profile
                    .ask_me_about
                    .iter()
                    .map(|t| t.as_str().to_owned())
                    .collect(),
                joined_on: today - Duration::days(i64::from(p.joined_days_ago)),
                do_not_pair_with: Vec::new(),
            })
        })
        .collect()
}
