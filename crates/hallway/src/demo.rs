//! `hallway demo`: an embedded SQLite in its own data directory, seeded with a realistic team
//! from `hallway-seed`. Running it again reuses the data (or `--reset` starts over) and says so.

use std::sync::Arc;

use anyhow::Context;
use chrono::{Duration, Utc};
use hallway_domain::{Role, TeamId};
use hallway_seed::{DemoOrg, DEMO_OWNER_EMAIL, DEMO_PASSWORD};
use hallway_store::{NewPerson, Store};

use crate::config::Config;

/// What seeding created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    pub people: usize,
    pub teams: usize,
}

/// Writes a demo organisation into an empty store; every person gets `password_hash`.
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
    let existing = store.count_people().await?;
    if existing > 0 {
        crate::output::line(format_args!(
            "Reusing the demo data in {} ({existing} people). Run `hallway demo --reset` to start over.",
            dir.display()
        ));
    } else {
        let org = hallway_seed::demo_org().context("building the demo organisation")?;
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
    Ok(store)
}

pub async fn run(config: Config, reset: bool) -> anyhow::Result<()> {
    let store = prepare(&config, reset).await?;
    crate::serve::serve_with(config, store, |url| {
        crate::output::line(format_args!(""));
        crate::output::line(format_args!("  Hallway demo is running at {url}"));
        crate::output::line(format_args!(
            "  Sign in as {DEMO_OWNER_EMAIL} with password {DEMO_PASSWORD}"
        ));
        crate::output::line(format_args!(
            "  (every demo person has the same password). Stop with Ctrl-C."
        ));
        crate::output::line(format_args!(""));
    })
    .await
}
