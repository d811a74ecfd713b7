//! A generated company with realistic structure (teams inside departments, mostly in-team
//! contacts, some isolated newcomers, people who left, topics): for tests and benchmarks.

use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::PulseError;
use crate::model::{
    Interaction, InteractionKind, Organisation, Person, PersonId, Team, TeamId, Topic, TopicHolding,
};

/// Shape of the company to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanySpec {
    pub people: usize,
    pub mean_team_size: usize,
    pub teams_per_department: usize,
    pub interactions: usize,
    /// Interactions are spread over this many weeks before `as_of`.
    pub weeks: u32,
    /// Contacts each established person keeps.
    pub contacts_per_person: usize,
    /// Share of contacts outside a person's team: two thirds in their department, the rest
    /// anywhere in the company.
    pub outside_team_share: f64,
    pub newcomer_share: f64,
    pub seed: u64,
    pub as_of: DateTime<Utc>,
}

impl CompanySpec {
    /// A company of `people` with about 20 interactions per person over 6 weeks.
    pub fn small(people: usize, seed: u64, as_of: DateTime<Utc>) -> Self {
        Self {
            people,
            mean_team_size: 8,
            teams_per_department: 4,
            interactions: people * 20,
            weeks: 6,
            contacts_per_person: 8,
            outside_team_share: 0.3,
            newcomer_share: 0.1,
            seed,
            as_of,
        }
    }
}

/// The generated organisation, its interactions and topics.
#[derive(Debug, Clone)]
pub struct Company {
    pub org: Organisation,
    pub interactions: Vec<Interaction>,
    pub topics: Vec<Topic>,
    pub as_of: DateTime<Utc>,
}

/// Generates a company; the same spec always gives the same company.
pub fn generate(spec: &CompanySpec) -> Result<Company, PulseError> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let team_count = (spec.people / spec.mean_team_size.max(1)).max(1);
    let teams: Vec<Team> = (0..team_count)
        .map(|t| Team {
            id: TeamId(t as u32),
            name: format!("Team {t}"),
        })
        .collect();
    let team_of: Vec<usize> = (0..spec.people)
        .map(|_| rng.gen_range(0..team_count))
        .collect();
    let department = |team: usize| team / spec.teams_per_department.max(1);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); team_count];
    for (person, &team) in team_of.iter().enumerate() {
        members[team].push(person as u32);
    }
    let newcomer: Vec<bool> = (0..spec.people)
        .map(|_| rng.gen_bool(spec.newcomer_share.clamp(0.0, 1.0)))
        .collect();
    let people: Vec<Person> = (0..spec.people)
        .map(|p| {
            let days_ago = if newcomer[p] {
                rng.gen_range(0..60)
            } else {
                rng.gen_range(100..2000)
            };
            let left = (!newcomer[p] && rng.gen_bool(0.02))
                .then(|| spec.as_of - Duration::days(rng.gen_range(1..200)));
            Person {
                id: PersonId(p as u64),
                team: TeamId(team_of[p] as u32),
                joined: spec.as_of - Duration::days(days_ago),
                left,
            }
        })
        .collect();
    let mut contacts: Vec<Vec<u32>> = vec![Vec::new(); spec.people];
    for p in 0..spec.people {
        let team = team_of[p];
        let isolated_newcomer = newcomer[p] && p % 2 == 0;
        let wanted = if newcomer[p] {
            spec.contacts_per_person / 2 + 1
        } else {
            spec.contacts_per_person
        };
        for _ in 0..wanted {
            let roll: f64 = rng.gen();
            let outside = spec.outside_team_share.clamp(0.0, 1.0);
            let candidate = if roll >= outside || isolated_newcomer {
                members[team].choose(&mut rng).copied()
            } else if roll < outside * 2.0 / 3.0 {
                let first = department(team) * spec.teams_per_department.max(1);
                let other =
                    rng.gen_range(first..(first + spec.teams_per_department).min(team_count));
                members[other].choose(&mut rng).copied()
            } else {
                Some(rng.gen_range(0..spec.people) as u32)
            };
            if let Some(q) = candidate.filter(|&q| q as usize != p) {
                contacts[p].push(q);
            }
        }
    }
    let span = i64::from(spec.weeks.max(1)) * 7 * 24 * 3600;
    let kinds = [
        (InteractionKind::Reply, 1.0),
        (InteractionKind::Mention, 0.5),
        (InteractionKind::Voice, 2.0),
        (InteractionKind::Chat, 2.0),
        (InteractionKind::PairingMet, 3.0),
    ];
    let mut interactions = Vec::with_capacity(spec.interactions);
    while interactions.len() < spec.interactions {
        let p = rng.gen_range(0..spec.people);
        let Some(&q) = contacts[p].choose(&mut rng) else {
            if contacts.iter().all(Vec::is_empty) {
                break;
            }
            continue;
        };
        let kind_roll = rng.gen_range(0..100);
        let (kind, weight) = kinds[match kind_roll {
            0..=49 => 0,
            50..=69 => 1,
            70..=84 => 2,
            85..=97 => 3,
            _ => 4,
        }];
        interactions.push(Interaction {
            at: spec.as_of - Duration::seconds(rng.gen_range(0..span)),
            a: PersonId(p as u64),
            b: PersonId(u64::from(q)),
            kind,
            weight,
        });
    }
    let topics = (0..(spec.people / 20).max(3))
        .map(|t| Topic {
            name: format!("topic {t}"),
            holders: (0..rng.gen_range(1..6))
                .map(|_| TopicHolding {
                    person: PersonId(rng.gen_range(0..spec.people) as u64),
                    last_active: spec.as_of - Duration::days(rng.gen_range(0..200)),
                })
                .collect(),
        })
        .collect();
    Ok(Company {
        org: Organisation::new(teams, people)?,
        interactions,
        topics,
        as_of: spec.as_of,
    })
}
