//! Who the demo's simulated colleagues are and what they say.
//!
//! The cast is the demo people who are inside their working hours now (never the owner, who
//! is the visitor). At night or at a weekend too few of them are; the demo's clock is then
//! shifted to the nearest time when enough of them are working, so the hallway is never empty.
//! Their lines come from a fresh run of the demo's conversation generator (another seed), so
//! they talk about the same topics, in each room's own vocabulary, as the history does.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use hallway_domain::{PersonId, Role, RoomId};
use hallway_seed::{is_working, DemoHistory, DemoOrg};
use hallway_store::{Person, Store};

/// How many simulated colleagues at least, and at most.
pub const MIN_CAST: usize = 6;
pub const MAX_CAST: usize = 12;

/// A simulated colleague: their stored person and the rooms they may enter.
#[derive(Debug, Clone)]
pub struct Actor {
    pub person: Person,
    /// Rooms this person may enter, as (store id, index into the history's rooms).
    pub rooms: Vec<(RoomId, usize)>,
    /// Lines they might say, by history room index.
    pub lines: HashMap<usize, Vec<String>>,
    /// What they could be working on, from their "ask me about" tags.
    pub topics: Vec<String>,
}

impl Actor {
    pub fn id(&self) -> PersonId {
        self.person.id
    }

    pub fn name(&self) -> &str {
        self.person.profile.display_name.as_str()
    }
}

/// The cast at `now`: up to [`MAX_CAST`] demo people working at the (possibly shifted) demo
/// time, with their rooms and lines. Also returns the shift applied to the clock.
pub async fn cast(
    store: &dyn Store,
    org: &DemoOrg,
    now: DateTime<Utc>,
) -> anyhow::Result<(Vec<Actor>, Duration)> {
    let shift = shift_for(org, now);
    let at = now + shift;
    let history = hallway_seed::demo_history(org, at, hallway_seed::DEMO_SEED.wrapping_add(1))
        .context("building the simulated colleagues' lines")?;
    let stored_rooms: HashMap<String, RoomId> = store
        .rooms()
        .await
        .context("listing the demo rooms")?
        .into_iter()
        .map(|r| (r.name.as_str().to_owned(), r.id))
        .collect();
    let mut actors = Vec::new();
    for index in working_at(org, at).into_iter().take(MAX_CAST) {
        let Some(demo) = org.people.get(index) else {
            continue;
        };
        let person = store
            .person_by_email(&demo.email)
            .await
            .with_context(|| format!("finding the demo person {}", demo.email))?;
        let rooms: Vec<(RoomId, usize)> = history
            .rooms
            .iter()
            .enumerate()
            .filter(|(_, room)| room.admits(org, index))
            .filter_map(|(i, room)| stored_rooms.get(room.name.as_str()).map(|id| (*id, i)))
            .collect();
        let topics = demo
            .profile
            .ask_me_about
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect();
        actors.push(Actor {
            lines: lines_of(&history, index),
            person,
            rooms,
            topics,
        });
    }
    Ok((actors, shift))
}

/// People (by index) working at `at`, the owner and guests left out (the owner is the
/// visitor; guests only see a room or two).
fn working_at(org: &DemoOrg, at: DateTime<Utc>) -> Vec<usize> {
    org.people
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role != Role::Owner && p.role != Role::Guest)
        .filter(|(_, p)| is_working(&p.profile.working_hours, p.profile.time_zone.tz(), at))
        .map(|(i, _)| i)
        .collect()
}

/// No shift when enough people work now; otherwise the smallest shift (in half hours,
/// forward or back, up to three days) after which they do.
fn shift_for(org: &DemoOrg, now: DateTime<Utc>) -> Duration {
    if working_at(org, now).len() >= MIN_CAST {
        return Duration::zero();
    }
    for steps in 1..=(3 * 48) {
        for sign in [-1, 1] {
            let shift = Duration::minutes(30 * steps * sign);
            if working_at(org, now + shift).len() >= MIN_CAST {
                return shift;
            }
        }
    }
    Duration::zero()
}

/// The lines one person says in the fresh conversation, by room: thread openers and answers
/// that stand on their own (no reply, no "@someone" at the start), one line each.
fn lines_of(history: &DemoHistory, person: usize) -> HashMap<usize, Vec<String>> {
    let mut lines: HashMap<usize, Vec<String>> = HashMap::new();
    for message in &history.messages {
        let body = message.body.as_str();
        let stands_alone = message.reply_to.is_none()
            && !body.starts_with('@')
            && !body.contains('\n')
            && body.chars().count() <= 200;
        if message.author == person && stands_alone {
            lines.entry(message.room).or_default().push(body.to_owned());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn enough_people_work_at_any_hour_of_the_week() {
        let org = hallway_seed::demo_org().unwrap();
        // A whole week, every hour, Sundays and nights included.
        let monday = Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).unwrap();
        for hour in 0..(7 * 24) {
            let now = monday + Duration::hours(hour);
            let at = now + shift_for(&org, now);
            let working = working_at(&org, at);
            assert!(working.len() >= MIN_CAST, "{now}: {working:?}");
            assert!(!working.contains(&0), "the owner is the visitor");
        }
    }

    #[test]
    fn everyone_in_the_cast_has_something_to_say() {
        let org = hallway_seed::demo_org().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 8, 14, 0, 0).unwrap();
        let history = hallway_seed::demo_history(&org, now, 7).unwrap();
        let said: usize = working_at(&org, now)
            .into_iter()
            .map(|p| lines_of(&history, p).values().map(Vec::len).sum::<usize>())
            .sum();
        assert!(said > 50, "{said} lines");
    }
}
