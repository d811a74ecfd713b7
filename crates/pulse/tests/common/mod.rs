//! Helpers for building small organisations by hand in tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use hallway_pulse::{
    Interaction, InteractionKind, Organisation, Person, PersonId, PulseError, Team, TeamId,
};

/// A fixed snapshot time.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

/// An organisation from (team name, members); person ids count up from 0 in order.
/// `newcomers` lists person ids who joined 10 days ago; everyone else joined a year ago.
pub fn org(teams: &[(&str, usize)], newcomers: &[u64]) -> Result<Organisation, PulseError> {
    let mut people = Vec::new();
    let mut next = 0u64;
    for (team, (_, size)) in teams.iter().enumerate() {
        for _ in 0..*size {
            let days = if newcomers.contains(&next) { 10 } else { 365 };
            people.push(Person {
                id: PersonId(next),
                team: TeamId(team as u32),
                joined: now() - Duration::days(days),
                left: None,
            });
            next += 1;
        }
    }
    let teams = teams
        .iter()
        .enumerate()
        .map(|(i, (name, _))| Team {
            id: TeamId(i as u32),
            name: name.to_string(),
        })
        .collect();
    Organisation::new(teams, people)
}

/// `count` chats between a and b, one a day, the last `days_ago` days before `now()`.
pub fn chats(a: u64, b: u64, count: i64, days_ago: i64) -> Vec<Interaction> {
    (0..count)
        .map(|i| Interaction {
            at: now() - Duration::days(days_ago + i),
            a: PersonId(a),
            b: PersonId(b),
            kind: InteractionKind::Chat,
            weight: 1.0,
        })
        .collect()
}
