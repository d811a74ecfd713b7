//! One group's meeting as a calendar event, the same in the invitation mail and in the file
//! people download from the hallway: a UID that stays the same for the group, the slot in UTC,
//! the reasons and a link back, every member an attendee.

use chrono::{DateTime, Utc};
use hallway_calendar::{invitation_uid, Invitation, Method, Party};
use hallway_domain::{PersonId, RoundId};
use hallway_store::Person;

/// What every member of one group is invited to.
pub struct GroupEvent<'a> {
    pub circle_name: &'a str,
    pub round: RoundId,
    /// When the round was made (the event's `DTSTAMP`).
    pub made_at: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reasons: &'a str,
    pub members: &'a [Person],
    pub organizer: Party,
    /// The hallway's public address, e.g. `https://hallway.example.com`.
    pub public_url: &'a str,
}

impl GroupEvent<'_> {
    /// "Coffee: you're meeting Ana and Bo", as `person` sees it.
    pub fn summary_for(&self, person: PersonId) -> String {
        let others: Vec<&str> = self
            .members
            .iter()
            .filter(|p| p.id != person)
            .map(|p| p.profile.display_name.as_str())
            .collect();
        format!(
            "{}: you're meeting {}",
            self.circle_name,
            join_names(&others)
        )
    }

    /// The event for `person`'s calendar.
    pub fn for_person(&self, person: PersonId) -> Invitation {
        let first = self.members.iter().map(|p| p.id).min().unwrap_or(person);
        Invitation {
            uid: invitation_uid(
                &format!("round-{}-with-{first}", self.round),
                host_of(self.public_url),
            ),
            method: Method::Request,
            stamp: self.made_at,
            start: self.start,
            end: self.end,
            summary: self.summary_for(person),
            description: format!(
                "{}\n{}/hallway",
                crate::reasons::shown(self.reasons),
                self.public_url
            ),
            organizer: self.organizer.clone(),
            attendees: self
                .members
                .iter()
                .map(|p| Party {
                    name: p.profile.display_name.as_str().to_owned(),
                    email: p.email.as_str().to_owned(),
                })
                .collect(),
        }
    }
}

/// The host name of a URL (`https://hallway.example.org:8443/x` → `hallway.example.org`), or
/// `hallway` when there is none.
pub fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', ':'])
        .next()
        .filter(|host| !host.is_empty())
        .unwrap_or("hallway")
}

/// "Ana", "Ana and Bo", "Ana, Bo and Cy".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => "nobody".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
