//! The pulse engine's input, built from the store: active people who have not left pulse (each
//! in their first team, or "No team"), their stored interactions before `as_of`, and topics from
//! the tags people list under "ask me about" (the holders' last activity is their latest
//! interaction, else the day they joined).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use hallway_pulse as pulse;
use hallway_store::{InteractionKind, PeopleQuery, Store};

/// How far back interactions are read for one snapshot: the tie window plus the weeks flow
/// compares against, with room to spare.
pub const HISTORY: Duration = Duration::weeks(10);

/// The name of the team for people in none.
pub const NO_TEAM: &str = "No team";

/// Engine input plus the ids behind the engine's.
pub struct Input {
    pub org: Option<pulse::Organisation>,
    pub interactions: Vec<pulse::Interaction>,
    pub topics: Vec<pulse::Topic>,
    /// Engine team id → the store's (none for "No team").
    pub teams: HashMap<pulse::TeamId, hallway_domain::TeamId>,
}

fn kind(kind: InteractionKind) -> pulse::InteractionKind {
    match kind {
        InteractionKind::Reply => pulse::InteractionKind::Reply,
        InteractionKind::Mention => pulse::InteractionKind::Mention,
        InteractionKind::Voice => pulse::InteractionKind::Voice,
        InteractionKind::PairingMet => pulse::InteractionKind::PairingMet,
        InteractionKind::Chat => pulse::InteractionKind::Chat,
    }
}

pub fn engine_person(id: hallway_domain::PersonId) -> pulse::PersonId {
    pulse::PersonId(id.0.unsigned_abs())
}

pub fn store_person(id: pulse::PersonId) -> hallway_domain::PersonId {
    hallway_domain::PersonId(i64::try_from(id.0).unwrap_or(i64::MAX))
}

/// Reads what a snapshot as of `as_of` needs. `org` is `None` when nobody takes part.
pub async fn load(store: &dyn Store, as_of: DateTime<Utc>) -> anyhow::Result<Input> {
    let leavers = store.pulse_leavers().await?;
    let people: Vec<_> = store
        .search_people(&PeopleQuery::default())
        .await?
        .into_iter()
        .filter(|p| p.active && !leavers.contains(&p.id) && p.joined_at <= as_of)
        .collect();
    let mut teams = Vec::new();
    let mut team_ids = HashMap::new();
    let mut by_store_team = HashMap::new();
    for team in store.teams().await? {
        let id = pulse::TeamId(teams.len() as u32);
        by_store_team.insert(team.id, id);
        team_ids.insert(id, team.id);
        teams.push(pulse::Team {
            id,
            name: team.name.clone(),
        });
    }
    let no_team = pulse::TeamId(teams.len() as u32);
    teams.push(pulse::Team {
        id: no_team,
        name: NO_TEAM.to_owned(),
    });
    let engine_people: Vec<pulse::Person> = people
        .iter()
        .map(|p| pulse::Person {
            id: engine_person(p.id),
            team: p
                .teams
                .first()
                .and_then(|t| by_store_team.get(&t.id).copied())
                .unwrap_or(no_team),
            joined: p.joined_at,
            left: None,
        })
        .collect();

    let taking_part: HashMap<_, _> = people.iter().map(|p| (p.id, p.joined_at)).collect();
    let mut last_active: HashMap<hallway_domain::PersonId, DateTime<Utc>> = HashMap::new();
    let mut interactions = Vec::new();
    for one in store.interactions(as_of - HISTORY, as_of).await? {
        if !(taking_part.contains_key(&one.a) && taking_part.contains_key(&one.b)) {
            continue;
        }
        for person in [one.a, one.b] {
            let latest = last_active.entry(person).or_insert(one.at);
            *latest = (*latest).max(one.at);
        }
        interactions.push(pulse::Interaction {
            at: one.at,
            a: engine_person(one.a),
            b: engine_person(one.b),
            kind: kind(one.kind),
            weight: one.weight as f32,
        });
    }

    let mut holders: BTreeMap<String, Vec<pulse::TopicHolding>> = BTreeMap::new();
    for person in &people {
        for tag in &person.profile.ask_me_about {
            holders
                .entry(tag.to_string())
                .or_default()
                .push(pulse::TopicHolding {
                    person: engine_person(person.id),
                    last_active: last_active
                        .get(&person.id)
                        .copied()
                        .unwrap_or(person.joined_at),
                });
        }
    }
    let topics = holders
        .into_iter()
        .map(|(name, holders)| pulse::Topic { name, holders })
        .collect();
    let org = if engine_people.is_empty() {
        None
    } else {
        Some(pulse::Organisation::new(teams, engine_people)?)
    };
    Ok(Input {
        org,
        interactions,
        topics,
        teams: team_ids,
    })
}
