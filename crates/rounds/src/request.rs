//! Loading a round's input from the store: eligible members with their profiles, meetings
//! from earlier rounds of the circle, don't-pair lists, fairness (who was left out lately, who
//! carried off-hours slots) and pulse's latest pairing priorities (`hints.rs`).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Timelike, Utc};
use hallway_domain::{PersonId, WorkingHours};
use hallway_pairing as pairing;
use hallway_pairing::{CircleSettings, Cycle, FairnessRecord, GroupShape, PastMeeting};
use hallway_store::{Circle, CircleMember, Person, Round, Store};

use crate::RoundError;

/// The engine's request plus the people behind its opaque ids.
pub struct Loaded {
    pub request: pairing::RoundRequest,
    pub people: BTreeMap<String, Person>,
    /// True when a round for this cycle is already stored.
    pub already_ran: bool,
    /// Members sitting this round out (snoozed, or meeting less often by choice), with why.
    pub sitting_out: Vec<(String, String)>,
}

impl Loaded {
    pub fn id_of(&self, id: &pairing::PersonId) -> Result<hallway_domain::PersonId, RoundError> {
        self.people
            .get(&id.0)
            .map(|p| p.id)
            .ok_or_else(|| RoundError::UnknownPerson(id.to_string()))
    }

    /// "Display Name" for an engine id.
    pub fn name(&self, id: &pairing::PersonId) -> String {
        self.people
            .get(&id.0)
            .map_or_else(|| id.0.clone(), |p| p.profile.display_name.to_string())
    }
}

fn engine_id(id: hallway_domain::PersonId) -> pairing::PersonId {
    pairing::PersonId(id.0.to_string())
}

fn weekly_hours(hours: &WorkingHours) -> pairing::WeeklyHours {
    let mut days: [Vec<pairing::LocalSpan>; 7] = Default::default();
    for (i, day) in days.iter_mut().enumerate() {
        day.extend(
            hours
                .day(i)
                .iter()
                .filter_map(|s| pairing::LocalSpan::new(s.start_minute, s.end_minute)),
        );
    }
    pairing::WeeklyHours { days }
}

fn engine_person(person: &Person, excluded: &[hallway_domain::PersonId]) -> pairing::Person {
    let team = person
        .teams
        .first()
        .map_or_else(|| format!("none-{}", person.id), |t| t.id.to_string());
    pairing::Person {
        id: engine_id(person.id),
        team: pairing::TeamId(team),
        time_zone: person.profile.time_zone.to_string(),
        working_hours: weekly_hours(&person.profile.working_hours),
        ask_me_about: person
            .profile
            .ask_me_about
            .iter()
            .map(|t| t.to_string())
            .collect(),
        joined_on: person.joined_at.date_naive(),
        do_not_pair_with: excluded.iter().copied().map(engine_id).collect(),
    }
}

fn history(rounds: &[&Round]) -> Vec<PastMeeting> {
    let mut out = Vec::new();
    for group in rounds.iter().flat_map(|r| &r.groups) {
        for (i, a) in group.members.iter().enumerate() {
            for b in &group.members[i + 1..] {
                out.push(PastMeeting {
                    a: engine_id(*a),
                    b: engine_id(*b),
                    on: group.slot_start.date_naive(),
                });
            }
        }
    }
    out
}

/// Rounds looked back on for "left out lately".
const LEFT_OUT_WINDOW: usize = 4;

/// What fairness owes each person from the circle's earlier rounds: how often they were left
/// out lately (consecutive rounds ending with the last one count fully; older ones in the window
/// once each) and how many slots they carried outside their own working hours.
fn fairness(earlier: &[&Round], people: &BTreeMap<String, Person>) -> Vec<FairnessRecord> {
    let mut left_out: BTreeMap<PersonId, u32> = BTreeMap::new();
    for round in earlier.iter().rev().take(LEFT_OUT_WINDOW) {
        for unpaired in &round.unpaired {
            *left_out.entry(unpaired.person).or_default() += 1;
        }
    }
    let mut off_hours: BTreeMap<PersonId, u32> = BTreeMap::new();
    for round in earlier {
        for group in &round.groups {
            for member in &group.members {
                let Some(person) = people.get(&member.0.to_string()) else {
                    continue;
                };
                if !within_hours(person, group.slot_start, group.slot_end) {
                    *off_hours.entry(*member).or_default() += 1;
                }
            }
        }
    }
    let everyone: std::collections::BTreeSet<PersonId> =
        left_out.keys().chain(off_hours.keys()).copied().collect();
    everyone
        .into_iter()
        .map(|id| FairnessRecord {
            person: engine_id(id),
            recent_rounds_left_out: left_out.get(&id).copied().unwrap_or(0),
            off_hours_slots: off_hours.get(&id).copied().unwrap_or(0),
        })
        .collect()
}

/// Whether `[start, end)` falls inside one of the person's working-hour intervals, in the
/// person's own time zone on the slot's local day.
fn within_hours(person: &Person, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    let tz = person.profile.time_zone.tz();
    let (local_start, local_end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    if local_start.date_naive() != local_end.date_naive() && local_end.time() != NaiveTime::MIN {
        return false;
    }
    let minute = |t: NaiveTime| (t.hour() * 60 + t.minute()) as u16;
    let from = minute(local_start.time());
    let to = match minute(local_end.time()) {
        0 => 24 * 60,
        m => m,
    };
    let weekday = local_start.weekday().num_days_from_monday() as usize;
    person
        .profile
        .working_hours
        .day(weekday)
        .iter()
        .any(|i| i.start_minute <= from && to <= i.end_minute)
}

/// Why a member of a circle open to one team sits out: they are no longer in it.
fn outside_team(circle: &Circle, person: &Person) -> Option<String> {
    let team = circle.team?;
    (!person.teams.iter().any(|t| t.id == team))
        .then(|| "no longer in the team the circle is open to".to_owned())
}

/// Why an opted-in member sits this round out, if they do.
fn sits_out(
    member: &CircleMember,
    circle: &Circle,
    start: NaiveDate,
    earlier: &[&Round],
) -> Option<String> {
    let settings = &member.settings;
    if let Some(until) = settings.snoozed_until.filter(|until| *until > start) {
        return Some(format!("snoozed until {until}"));
    }
    let preferred = settings.preferred_frequency?;
    if preferred.days() <= circle.cadence.days() {
        return None;
    }
    let since = start.checked_sub_days(Days::new(u64::from(preferred.days())))?;
    let met_lately = earlier.iter().any(|r| {
        r.cycle_start > since && r.groups.iter().any(|g| g.members.contains(&member.person))
    });
    met_lately.then(|| format!("prefers to meet {}", preferred.as_str().replace('_', " ")))
}

/// Loads everything the engine needs for `circle`'s round starting on `start`.
pub async fn load(
    store: &dyn Store,
    circle: &Circle,
    start: NaiveDate,
    seed: u64,
) -> Result<Loaded, RoundError> {
    let rounds = store.rounds(circle.id).await?;
    let earlier: Vec<&Round> = rounds.iter().filter(|r| r.cycle_start < start).collect();
    let mut people = BTreeMap::new();
    let mut engine_people = Vec::new();
    let mut sitting_out = Vec::new();
    for member in store.circle_members(circle.id).await? {
        if !member.settings.opted_in {
            continue;
        }
        let person = store.person(member.person).await?;
        if !person.active {
            continue;
        }
        let why =
            outside_team(circle, &person).or_else(|| sits_out(&member, circle, start, &earlier));
        if let Some(why) = why {
            sitting_out.push((person.profile.display_name.to_string(), why));
            continue;
        }
        engine_people.push(engine_person(&person, &member.do_not_pair_with));
        people.insert(person.id.0.to_string(), person);
    }
    let settings = CircleSettings {
        cooldown_days: circle.cooldown_days,
        shape: match circle.shape {
            hallway_domain::CircleShape::Pairs => GroupShape::Pairs,
            hallway_domain::CircleShape::SmallGroups => GroupShape::SmallGroups,
        },
        seed,
        ..CircleSettings::default()
    };
    let request = pairing::RoundRequest {
        people: engine_people,
        cycle: Cycle {
            start,
            days: circle.cadence.days(),
        },
        settings,
        history: history(&earlier),
        fairness: fairness(&earlier, &people),
        hints: super::hints::load(store, &people).await?,
    };
    Ok(Loaded {
        request,
        people,
        already_ran: rounds.iter().any(|r| r.cycle_start == start),
        sitting_out,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use hallway_domain::{Cadence, CircleId, CircleName, CircleShape, PersonId, RoundId};
    use hallway_store::{MemberSettings, RoundGroup};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    #[test]
    fn snoozed_and_less_frequent_members_sit_out() {
        let circle = Circle {
            id: CircleId(1),
            name: CircleName::parse("Coffee").unwrap(),
            description: String::new(),
            cadence: Cadence::Weekly,
            shape: CircleShape::Pairs,
            cooldown_days: 90,
            created_by: None,
            team: None,
        };
        let mut member = CircleMember {
            circle: circle.id,
            person: PersonId(7),
            settings: MemberSettings::joined(),
            do_not_pair_with: vec![],
        };
        let met = Round {
            id: RoundId(1),
            circle: circle.id,
            cycle_start: day(1),
            created_at: Utc.timestamp_opt(0, 0).unwrap(),
            seed: 0,
            groups: vec![RoundGroup {
                members: vec![PersonId(7), PersonId(8)],
                slot_start: Utc.timestamp_opt(0, 0).unwrap(),
                slot_end: Utc.timestamp_opt(0, 0).unwrap(),
                reasons: String::new(),
            }],
            unpaired: vec![],
        };
        assert_eq!(sits_out(&member, &circle, day(8), &[&met]), None);
        member.settings.snoozed_until = Some(day(10));
        assert_eq!(
            sits_out(&member, &circle, day(8), &[&met]).unwrap(),
            "snoozed until 2026-06-10"
        );
        assert_eq!(sits_out(&member, &circle, day(15), &[&met]), None);
        member.settings.preferred_frequency = Some(Cadence::Monthly);
        assert_eq!(
            sits_out(&member, &circle, day(15), &[&met]).unwrap(),
            "prefers to meet monthly"
        );
        assert_eq!(sits_out(&member, &circle, day(29), &[&met]), None);
    }
}
