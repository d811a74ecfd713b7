//! `hallway demo`: an embedded SQLite in its own data directory, seeded with a realistic team
//! from `hallway-seed`: people and teams ([`seed`]), then rooms and a few weeks of
//! conversation ([`seed_rooms`]), then pulse's interactions and weekly snapshots ([`seed_pulse`]),
//! then a circle with this week's pairing round ([`seed_circle`]) and a few notes
//! ([`seed_notes`]). While it runs, simulated colleagues move through the rooms
//! (`actor.rs`, demo only; `--no-colleagues` turns them off).
//! Running it again reuses the data (or `--reset` starts over)
//! and says so.

mod actor;
mod cast;
mod circles;
mod moves;
mod notes;
mod pulse;
mod puppet;
mod rooms;

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, Utc};
use hallway_domain::{Role, TeamId};
use hallway_seed::{DemoOrg, DEMO_OWNER_EMAIL, DEMO_PASSWORD, DEMO_SEED};
use hallway_store::{NewPerson, Store};

use crate::config::Config;

pub use actor::Pace;
pub use circles::{seed_circle, SeededCircle};
pub use notes::seed_notes;
pub use pulse::{seed_pulse, SeededPulse};
pub use rooms::{seed_rooms, SeededRooms};

/// What seeding created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    pub people: usize,
    pub teams: usize,
}

/// Writes a demo organisation's teams and people into an empty store; every person gets
/// `password_hash`. Rooms and conversation come separately from [`seed_rooms`].
pub async fn seed(store: &dyn Store, org: &DemoOrg, password_hash: &str) -> anyhow::Result<Seeded> {
    let mut team_ids: Vec<TeamId> = Vec::with_capacity(org.teams.len());
    for team in &org.teams {
        let created = store
            .create_team(&team.name, &team.description)
            .await
            .with_context(|| format!("creating the demo team {}", team.name))?;
        team_ids.push(created.id);
    }
    for person in &org.people {
        let new = NewPerson {
            email: person.email.clone(),
            role: person.role,
            password_hash: Some(password_hash.to_owned()),
            active: true,
            profile: person.profile.clone(),
            teams: person
                .team_indices
                .iter()
                .filter_map(|i| team_ids.get(*i).copied())
                .collect(),
            joined_at: Utc::now() - Duration::days(i64::from(person.joined_days_ago)),
        };
        let created = if person.role == Role::Owner {
            store.create_owner(new).await
        } else {
            store.create_person(new).await
        };
        created.with_context(|| format!("creating the demo person {}", person.email))?;
    }
    Ok(Seeded {
        people: org.people.len(),
        teams: org.teams.len(),
    })
}

/// Prepares the demo store: resets it if asked, seeds it if empty, and reports which.
/// People and teams are seeded into an empty store; the rooms and conversation into a store
/// without rooms (so demo data from before rooms existed gets them on its next start).
pub async fn prepare(config: &Config, reset: bool) -> anyhow::Result<Arc<dyn Store>> {
    let dir = &config.data_dir;
    if reset && dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
        crate::output::line(format_args!(
            "Starting over: removed the old demo data in {}",
            dir.display()
        ));
    }
    let store = crate::storage::open(config).await?;
    let org = hallway_seed::demo_org().context("building the demo organisation")?;
    let existing = store.count_people().await?;
    if existing > 0 {
        crate::output::line(format_args!(
            "Reusing the demo data in {} ({existing} people). Run `hallway demo --reset` to start over.",
            dir.display()
        ));
    } else {
        let hash = tokio::task::spawn_blocking(|| {
            hallway_server::auth::password::hash_blocking(DEMO_PASSWORD)
        })
        .await?
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let seeded = seed(store.as_ref(), &org, &hash).await?;
        crate::output::line(format_args!(
            "Created a demo team of {} people in {} teams in {}.",
            seeded.people,
            seeded.teams,
            dir.display()
        ));
    }
    if store
        .rooms()
        .await
        .context("listing the demo rooms")?
        .is_empty()
    {
        let started = Instant::now();
        let now = Utc::now();
        let history = hallway_seed::demo_history(&org, now, DEMO_SEED)
            .context("building the demo conversation")?;
        let seeded = seed_rooms(store.as_ref(), &org, &history, now)
            .await
            .context("writing the demo conversation (run `hallway demo --reset` to start over)")?;
        crate::output::line(format_args!(
            "Added {} rooms with {} messages, {} reactions and {} edits from the last {} days (in {:.1}s).",
            seeded.rooms,
            seeded.messages,
            seeded.reactions,
            seeded.edits,
            hallway_seed::HISTORY_DAYS,
            started.elapsed().as_secs_f64()
        ));
    }
    if store.pulse_snapshots().await?.is_empty() {
        let started = Instant::now();
        let seeded = seed_pulse(store.as_ref(), &org, Utc::now())
            .await
            .context("adding the demo's pulse (run `hallway demo --reset` to start over)")?;
        crate::output::line(format_args!(
            "Added {} interactions and {} weekly pulse snapshots (in {:.1}s).",
            seeded.interactions,
            seeded.snapshots,
            started.elapsed().as_secs_f64()
        ));
    }
    if store.circles().await?.is_empty() {
        let seeded = seed_circle(store.as_ref(), Utc::now())
            .await
            .context("adding the demo's circle (run `hallway demo --reset` to start over)")?;
        crate::output::line(format_args!(
            "Added the circle \"Coffee across teams\" ({} members) with this week's round of {} groups.",
            seeded.members, seeded.groups
        ));
    }
    if store.notes(None, 1).await?.is_empty() {
        let added = seed_notes(store.as_ref(), &org, Utc::now())
            .await
            .context("adding the demo's notes (run `hallway demo --reset` to start over)")?;
        crate::output::line(format_args!("Added {added} solved and learned notes."));
    }
    Ok(store)
}

/// Starts the simulated colleagues on the running app's hub and says who they are.
async fn start_colleagues(state: hallway_server::AppState, pace: Pace) -> anyhow::Result<()> {
    let org = hallway_seed::demo_org().context("building the demo organisation")?;
    let (actors, shift) = cast::cast(state.store.as_ref(), &org, Utc::now()).await?;
    let names: Vec<&str> = actors.iter().map(cast::Actor::name).collect();
    let when = if shift.is_zero() {
        String::new()
    } else {
        format!(
            " (few demo people work at this hour, so the demo's clock runs {:+} h for them)",
            shift.num_minutes() as f64 / 60.0
        )
    };
    crate::output::line(format_args!(
        "Simulated colleagues (demo people run by this process, not real users){when}: {}.",
        names.join(", ")
    ));
    actor::start(state.hub.clone(), actors, pace).await;
    Ok(())
}

/// Runs the demo; with `colleagues`, simulated colleagues move through the rooms.
pub async fn run(config: Config, reset: bool, colleagues: bool) -> anyhow::Result<()> {
    let store = prepare(&config, reset).await?;
    let extras = move |state: hallway_server::AppState| async move {
        if colleagues {
            start_colleagues(state, Pace::default()).await?;
        }
        Ok(())
    };
    crate::serve::serve_with_extras(
        config,
        store,
        |url| {
            crate::output::line(format_args!(""));
            crate::output::line(format_args!("  Hallway demo is running at {url}"));
            crate::output::line(format_args!(
                "  Sign in as {DEMO_OWNER_EMAIL} with password {DEMO_PASSWORD}"
            ));
            crate::output::line(format_args!(
                "  (every demo person has the same password). Stop with Ctrl-C."
            ));
            crate::output::line(format_args!(""));
        },
        extras,
    )
    .await
}
