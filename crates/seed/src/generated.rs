//! Generated companies of any size for simulations and benchmarks: deterministic for a seed.

use hallway_domain::{
    Bio, DisplayName, Email, Invalid, Profile, Pronouns, Role, Tag, TeamName, TimeZoneName,
};

use crate::hours;
use crate::names::{self, PRONOUNS};
use crate::org::{DemoOrg, DemoPerson, DemoTeam};
use crate::rng::Rng;
use crate::tags::{Pool, HOBBIES};
use crate::teams;
use crate::zones::ZONES;

/// The email domain of generated people (distinct from the demo's, so both can coexist).
pub const GENERATED_DOMAIN: &str = "generated.hallway.dev";

/// How many distinct time zones [`generated_company`] can use.
pub const MAX_GENERATED_ZONES: usize = ZONES.len();

const JOBS: [&str; 8] = [
    "Engineer",
    "Senior engineer",
    "Designer",
    "Analyst",
    "Specialist",
    "Manager",
    "Lead",
    "Staff engineer",
];

/// A company of `people` people in `teams` teams over `time_zones` zones, the same for a seed.
///
/// `time_zones` is clamped to `1..=MAX_GENERATED_ZONES`; when there are at least as many people
/// as zones every zone is used. Person 0 is the owner; about one in a hundred is an admin and
/// one in twenty-five a guest. With `teams > 0` person `i`'s main team is `i % teams`, so every
/// team has members once `people >= teams`; about one in eight is also in a second team. Each
/// team has a home zone that most of its people live in. Emails are unique:
/// `given.family@generated.hallway.dev`, with a number added once the 3,600 name pairs run out.
pub fn generated_company(
    people: usize,
    teams: usize,
    time_zones: usize,
    seed: u64,
) -> Result<DemoOrg, Invalid> {
    let mut rng = Rng::new(seed);
    let zone_count = time_zones.clamp(1, ZONES.len());
    let zone_offset = rng.below(ZONES.len());
    let zones: Vec<&'static str> = (0..zone_count)
        .filter_map(|i| ZONES.get((zone_offset + i) % ZONES.len()).copied())
        .collect();
    let demo_teams = (0..teams).map(team).collect::<Result<Vec<_>, Invalid>>()?;
    let name_offset = rng.below(names::GIVEN.len() * names::FAMILY.len());
    let mut out = Vec::with_capacity(people);
    for index in 0..people {
        out.push(person(&mut rng, index, name_offset, teams, &zones)?);
    }
    Ok(DemoOrg {
        teams: demo_teams,
        people: out,
    })
}

fn team(index: usize) -> Result<DemoTeam, Invalid> {
    let (template, round) = teams::template(index);
    let name = if round == 0 {
        template.name.to_owned()
    } else {
        format!("{} {}", template.name, round + 1)
    };
    Ok(DemoTeam {
        name: TeamName::parse(&name)?,
        description: template.description.to_owned(),
    })
}

fn person(
    rng: &mut Rng,
    index: usize,
    name_offset: usize,
    team_count: usize,
    zones: &[&'static str],
) -> Result<DemoPerson, Invalid> {
    let (given, family, round) = names::pair(index + name_offset);
    let suffix = if round == 0 {
        String::new()
    } else {
        (round + 1).to_string()
    };
    let email = Email::parse(&format!(
        "{}.{}{suffix}@{GENERATED_DOMAIN}",
        given.1, family.1
    ))?;
    let role = match index {
        0 => Role::Owner,
        i if i % 97 == 1 => Role::Admin,
        _ if rng.chance(4) => Role::Guest,
        _ => Role::Member,
    };
    let team_indices = memberships(rng, index, team_count);
    let main_team = team_indices.first().copied().unwrap_or(0);
    // The first people cover every zone; after that most live in their team's home zone.
    let zone = if index < zones.len() {
        zones.get(index)
    } else if rng.chance(30) {
        rng.pick(zones)
    } else {
        zones.get(main_team % zones.len().max(1))
    };
    let zone = zone.copied().unwrap_or("UTC");
    let week = hours::for_zone(
        zone,
        rng.pick(&hours::COMMON).copied().unwrap_or(hours::STANDARD),
    );
    let (template, _) = teams::template(main_team);
    let ask_me_about = tags(rng, template.pool)?;
    let job = rng.pick(&JOBS).copied().unwrap_or("Engineer");
    let bio = format!(
        "{job} on the {} team. {}",
        template.name, template.description
    );
    let pronouns = if rng.chance(55) {
        rng.pick(&PRONOUNS).copied().unwrap_or("")
    } else {
        ""
    };
    let joined_days_ago = if index == 0 {
        1200
    } else {
        // below(1200) < 1200, so it fits in u32.
        u32::try_from(rng.below(1200)).unwrap_or(0) + 1
    };
    Ok(DemoPerson {
        email,
        role,
        profile: Profile {
            display_name: DisplayName::parse(&format!("{} {}", given.0, family.0))?,
            pronouns: Pronouns::parse_optional(pronouns)?,
            time_zone: TimeZoneName::parse(zone)?,
            working_hours: hours::parse(week)?,
            ask_me_about,
            bio: Bio::parse(&bio)?,
        },
        team_indices,
        joined_days_ago,
    })
}

fn memberships(rng: &mut Rng, index: usize, team_count: usize) -> Vec<usize> {
    if team_count == 0 {
        return Vec::new();
    }
    let main = index % team_count;
    let mut teams = vec![main];
    if team_count > 1 && rng.chance(12) {
        teams.push((main + 1 + rng.below(team_count - 1)) % team_count);
    }
    teams
}

/// One to five tags, mostly from the team's pool, sometimes from another pool or a hobby.
fn tags(rng: &mut Rng, pool: Pool) -> Result<Vec<Tag>, Invalid> {
    let count = 1 + rng.below(5);
    let mut tags: Vec<Tag> = Vec::with_capacity(count);
    for _ in 0..count {
        let roll = rng.below(100);
        let source = if roll < 75 {
            pool.tags()
        } else if roll < 92 {
            rng.pick(&Pool::ALL).copied().unwrap_or(pool).tags()
        } else {
            &HOBBIES
        };
        if let Some(text) = rng.pick(source) {
            let tag = Tag::parse(text)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    Ok(tags)
}
