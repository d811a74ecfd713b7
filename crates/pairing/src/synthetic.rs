//! Seeded synthetic companies for simulations and benchmarks: teams clustered in a few time
//! zones, varied working hours (some with a lunch break), "ask me about" tags, a few newcomers
//! and a few confidential exclusions. The same seed always gives the same company.

use chrono::{Duration, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{LocalSpan, Person, PersonId, TeamId, WeeklyHours};

/// Shape of a generated company.
#[derive(Debug, Clone)]
pub struct CompanySpec {
    pub people: usize,
    pub teams: usize,
    pub time_zones: Vec<&'static str>,
    pub seed: u64,
    /// Day the company "is at": newcomers joined within 60 days before it.
    pub today: NaiveDate,
}

/// Eight zones spanning the globe.
pub const EIGHT_ZONES: [&str; 8] = [
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney",
];

const TAGS: [&str; 36] = [
    "rust",
    "postgres",
    "kubernetes",
    "react",
    "design systems",
    "accessibility",
    "hiring",
    "on-call",
    "observability",
    "security",
    "billing",
    "mobile",
    "ios",
    "android",
    "ml",
    "data pipelines",
    "sql",
    "terraform",
    "aws",
    "pricing",
    "customer research",
    "writing",
    "public speaking",
    "mentoring",
    "golang",
    "python",
    "typescript",
    "performance",
    "search",
    "compliance",
    "sales engineering",
    "onboarding",
    "product analytics",
    "webrtc",
    "caching",
    "incident reviews",
];

/// A ~40-person org in 6 teams across 5 zones, like the demo team.
pub fn small_org(seed: u64, today: NaiveDate) -> Vec<Person> {
    generate(&CompanySpec {
        people: 40,
        teams: 6,
        time_zones: vec![
            "America/Los_Angeles",
            "America/New_York",
            "Europe/London",
            "Europe/Berlin",
            "Asia/Kolkata",
        ],
        seed,
        today,
    })
}

/// A company of `people` across the eight zones, with teams of about ten.
pub fn company(people: usize, seed: u64, today: NaiveDate) -> Vec<Person> {
    generate(&CompanySpec {
        people,
        teams: (people / 10).max(1),
        time_zones: EIGHT_ZONES.to_vec(),
        seed,
        today,
    })
}

fn span(start_min: u32, end_min: u32) -> Option<LocalSpan> {
    LocalSpan::hm(start_min / 60, start_min % 60, end_min / 60, end_min % 60)
}

fn hours(rng: &mut ChaCha8Rng) -> WeeklyHours {
    let start = rng.gen_range(14..=20) * 30; // 07:00 to 10:00
    let length = rng.gen_range(14..=18) * 30; // 7 to 9 hours
    let lunch = rng.gen_bool(0.3);
    let mut days: [Vec<LocalSpan>; 7] = Default::default();
    let part_time_day = rng.gen_bool(0.1).then(|| rng.gen_range(0..5));
    for (d, day) in days.iter_mut().enumerate().take(5) {
        if Some(d) == part_time_day {
            continue;
        }
        if lunch {
            let mid = start + length / 2;
            day.extend(span(start, mid - 30));
            day.extend(span(mid + 30, start + length));
        } else {
            day.extend(span(start, start + length));
        }
    }
    WeeklyHours { days }
}

/// Generates the company described by `spec`.
pub fn generate(spec: &CompanySpec) -> Vec<Person> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let teams = spec.teams.max(1);
    let zones = if spec.time_zones.is_empty() {
        vec!["UTC"]
    } else {
        spec.time_zones.clone()
    };
    // Each team sits mostly in a home zone, with a neighbour zone for some members.
    let home: Vec<usize> = (0..teams).map(|t| t % zones.len()).collect();
    let mut people: Vec<Person> = (0..spec.people)
        .map(|i| {
            let team = if i < teams {
                i
            } else {
                rng.gen_range(0..teams)
            };
            let zone = match rng.gen_range(0..10) {
                0..=6 => home[team],
                7 | 8 => (home[team] + 1) % zones.len(),
                _ => rng.gen_range(0..zones.len()),
            };
            let tag_count = rng.gen_range(0..=3);
            let ask_me_about = TAGS
                .choose_multiple(&mut rng, tag_count)
                .map(|t| (*t).to_owned())
                .collect();
            let days_in = if rng.gen_bool(0.06) {
                rng.gen_range(0..60)
            } else {
                rng.gen_range(60..1800)
            };
            Person {
                id: PersonId(format!("p{i:06}")),
                team: TeamId(format!("team-{team:03}")),
                time_zone: zones[zone].to_owned(),
                working_hours: hours(&mut rng),
                ask_me_about,
                joined_on: spec.today - Duration::days(days_in),
                do_not_pair_with: Vec::new(),
            }
        })
        .collect();
    let n = people.len();
    if n >= 2 {
        for _ in 0..(n / 100).max(1) {
            let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
            if a != b {
                let other = people[b].id.clone();
                people[a].do_not_pair_with.push(other);
            }
        }
    }
    people
}
