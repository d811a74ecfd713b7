//! A seeded organisation for the Pulse tests: teams of given sizes made in the store, people
//! with sessions, interactions recorded through the store, and weekly snapshots computed by
//! the pulse engine from what the store holds, stored once per week.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, Duration, Utc};
use hallway_domain::{DisplayName, Email, PersonId, Role, TeamName};
use hallway_pulse as engine;
use hallway_server::accounts::starter_profile;
use hallway_server::auth::{new_token, token_hash};
use hallway_store::{Interaction, InteractionKind, NewPerson, NewSession, PulseSnapshot};
use hallway_testkit::{Client, TestApp};

/// A person of the seeded organisation.
pub struct Seeded {
    pub id: PersonId,
    pub name: String,
    pub team: String,
    pub token: String,
}

/// The seeded organisation: everyone by name.
pub struct PulseOrg {
    pub people: Vec<Seeded>,
    pub teams: Vec<(hallway_domain::TeamId, String)>,
    counter: usize,
}

impl PulseOrg {
    /// Teams of the given sizes, each person named "<Team> <n>" and joined `joined_days` ago.
    pub async fn create(app: &TestApp, teams: &[(&str, usize)]) -> PulseOrg {
        let store = &app.backend.store;
        let mut org = PulseOrg {
            people: Vec::new(),
            teams: Vec::new(),
            counter: 0,
        };
        for (team_name, size) in teams {
            let team = store
                .create_team(&TeamName::parse(team_name).expect("a team name"), "")
                .await
                .expect("creating a team");
            org.teams.push((team.id, team_name.to_string()));
            for n in 1..=*size {
                let name = format!("{team_name} Person{n}");
                org.add(app, &name, team.id, team_name, 400).await;
            }
        }
        org
    }

    /// Adds a member of `team` who joined `days_ago` days ago, with a session.
    pub async fn add(
        &mut self,
        app: &TestApp,
        name: &str,
        team: hallway_domain::TeamId,
        team_name: &str,
        days_ago: i64,
    ) -> PersonId {
        let store = &app.backend.store;
        self.counter += 1;
        let person = store
            .create_person(NewPerson {
                email: Email::parse(&format!("pulse{}@example.org", self.counter))
                    .expect("an email"),
                role: Role::Member,
                password_hash: None,
                active: true,
                profile: starter_profile(DisplayName::parse(name).expect("a name"), None),
                teams: vec![team],
                joined_at: Utc::now() - Duration::days(days_ago),
            })
            .await
            .expect("creating a person");
        let token = new_token();
        store
            .create_session(NewSession {
                person: person.id,
                token_hash: token_hash(&token),
                user_agent: "pulse test".into(),
                created_at: Utc::now(),
                expires_at: Utc::now() + Duration::days(1),
            })
            .await
            .expect("creating a session");
        self.people.push(Seeded {
            id: person.id,
            name: name.to_owned(),
            team: team_name.to_owned(),
            token,
        });
        person.id
    }

    pub fn id(&self, name: &str) -> PersonId {
        self.by_name(name).id
    }

    pub fn by_name(&self, name: &str) -> &Seeded {
        self.people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name} in the seeded organisation"))
    }

    /// A signed-in HTTP client for `name`.
    pub async fn client(&self, app: &TestApp, name: &str) -> Client {
        let client = Client::new(&app.url).await;
        client.add_cookie(&format!("hallway_session={}", self.by_name(name).token));
        client
    }

    /// Everyone in `team`.
    pub fn team(&self, team: &str) -> Vec<PersonId> {
        self.people
            .iter()
            .filter(|p| p.team == team)
            .map(|p| p.id)
            .collect()
    }
}

/// The Monday, 00:00 UTC, that ended the last full week: the "as of" of the latest snapshot
/// the weekly job could take now. Interactions are placed a number of days before it.
pub fn anchor() -> DateTime<Utc> {
    let today = Utc::now().date_naive();
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    monday.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// Records two chats between `a` and `b`, `days` and `days + 2` days before [`anchor`]: a tie.
pub async fn tie(app: &TestApp, a: PersonId, b: PersonId, days: i64) {
    let chats: Vec<Interaction> = [days, days + 2]
        .into_iter()
        .map(|days| Interaction {
            at: anchor() - Duration::days(days),
            a,
            b,
            kind: InteractionKind::Chat,
            weight: 2.0,
            source: format!("test:{}:{}:{days}", a.0, b.0),
        })
        .collect();
    app.backend
        .store
        .record_interactions(&chats, Utc::now())
        .await
        .expect("recording interactions");
}

/// Ties every pair within `people`.
pub async fn tie_all(app: &TestApp, people: &[PersonId], days: i64) {
    for (i, a) in people.iter().enumerate() {
        for b in &people[i + 1..] {
            tie(app, *a, *b, days).await;
        }
    }
}

/// Computes the snapshot `weeks_back` weeks before [`anchor`] from what the store holds, as
/// the weekly job does (active people who stayed in pulse, in their first team), and stores it
/// once for its week.
pub async fn take_snapshot(app: &TestApp, weeks_back: u64) -> engine::Snapshot {
    let store = &app.backend.store;
    let as_of = anchor() - Days::new(7 * weeks_back);
    let leavers = store.pulse_leavers().await.expect("leavers");
    let people: Vec<_> = store
        .search_people(&Default::default())
        .await
        .expect("people")
        .into_iter()
        .filter(|p| !leavers.contains(&p.id))
        .collect();
    let teams = store.teams().await.expect("teams");
    let engine_teams = teams
        .iter()
        .map(|t| engine::Team {
            id: engine::TeamId(t.id.0 as u32),
            name: t.name.clone(),
        })
        .collect();
    let engine_people = people
        .iter()
        .map(|p| engine::Person {
            id: engine::PersonId(p.id.0 as u64),
            team: engine::TeamId(p.teams[0].id.0 as u32),
            joined: p.joined_at,
            left: None,
        })
        .collect();
    let members: HashSet<PersonId> = people.iter().map(|p| p.id).collect();
    let interactions: Vec<engine::Interaction> = store
        .interactions(as_of - Duration::days(90), as_of)
        .await
        .expect("interactions")
        .into_iter()
        .filter(|i| members.contains(&i.a) && members.contains(&i.b))
        .map(|i| engine::Interaction {
            at: i.at,
            a: engine::PersonId(i.a.0 as u64),
            b: engine::PersonId(i.b.0 as u64),
            kind: engine::InteractionKind::Chat,
            weight: i.weight as f32,
        })
        .collect();
    // Topics from the "ask me about" tags, each holder last active at their latest
    // interaction (else the day they joined), as the weekly job reads them.
    let mut last_active: HashMap<engine::PersonId, DateTime<Utc>> = HashMap::new();
    for i in &interactions {
        for person in [i.a, i.b] {
            let latest = last_active.entry(person).or_insert(i.at);
            *latest = (*latest).max(i.at);
        }
    }
    let mut holders: BTreeMap<String, Vec<engine::TopicHolding>> = BTreeMap::new();
    for p in &people {
        let id = engine::PersonId(p.id.0 as u64);
        for tag in &p.profile.ask_me_about {
            holders
                .entry(tag.to_string())
                .or_default()
                .push(engine::TopicHolding {
                    person: id,
                    last_active: last_active.get(&id).copied().unwrap_or(p.joined_at),
                });
        }
    }
    let topics: Vec<engine::Topic> = holders
        .into_iter()
        .map(|(name, holders)| engine::Topic { name, holders })
        .collect();
    let org = engine::Organisation::new(engine_teams, engine_people).expect("an organisation");
    let config = engine::PulseConfig::default();
    let snapshot = engine::analyse(&org, &interactions, &topics, as_of, &config)
        .expect("an analysis")
        .snapshot;
    store
        .save_pulse_snapshot(&PulseSnapshot {
            week: (as_of - Days::new(7)).date_naive(),
            computed_at: Utc::now(),
            snapshot: serde_json::to_value(&snapshot).expect("snapshot JSON"),
        })
        .await
        .expect("storing the snapshot");
    snapshot
}

/// Every reason a snapshot's JSON would let someone learn about fewer than 5 people: a shown
/// group under 5, or a table whose shown rows subtracted from its shown total leave 1-4.
pub fn privacy_breaches(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let (Some(Value::Array(rows)), Some(total)) = (map.get("rows"), map.get("total")) {
                let shown = |cell: &Value| -> Option<u64> {
                    (cell["status"] == "shown").then(|| cell["value"]["people"].as_u64())?
                };
                let row_people: Vec<u64> =
                    rows.iter().filter_map(|r| shown(&r["figures"])).collect();
                if let Some(total) = shown(total) {
                    let hidden = total.saturating_sub(row_people.iter().sum::<u64>());
                    if (1..5).contains(&hidden) {
                        out.push(format!("{path}: total less shown rows leaves {hidden}"));
                    }
                }
            }
            if let Some(people) = map.get("people").and_then(Value::as_u64) {
                if people < 5 {
                    out.push(format!("{path}: a group of {people}"));
                }
            }
            for (key, inner) in map {
                privacy_breaches(inner, &format!("{path}.{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                privacy_breaches(inner, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
