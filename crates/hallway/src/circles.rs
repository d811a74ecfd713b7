//! `hallway circle`: create circles and manage who is in them from the shell.

use anyhow::Context;
use clap::Subcommand;
use hallway_domain::{Cadence, CircleName, CircleShape, Email};
use hallway_store::{Circle, MemberSettings, NewCircle, Person, Store, StoreError};

use crate::config::Config;

#[derive(Subcommand)]
pub enum CircleCommand {
    /// Create a circle.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// weekly, every_two_weeks or monthly.
        #[arg(long, default_value = "weekly")]
        cadence: String,
        /// pairs or small_groups.
        #[arg(long, default_value = "pairs")]
        shape: String,
        /// Two people who met this many days ago or less are not paired again.
        #[arg(long, default_value_t = 90)]
        cooldown_days: u32,
        /// Open only to the members of this team (default: everyone).
        #[arg(long)]
        team: Option<String>,
    },
    /// Opt people in to a circle (repeat --email for several).
    Join {
        #[arg(long)]
        name: String,
        #[arg(long, required = true)]
        email: Vec<String>,
        /// Meet less often than the circle runs: every_two_weeks or monthly.
        #[arg(long)]
        frequency: Option<String>,
    },
    /// Skip rounds whose cycle starts before a date (without --until: stop snoozing).
    Snooze {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
    },
    /// Opt people out of a circle; their settings and don't-pair list are kept.
    Leave {
        #[arg(long)]
        name: String,
        #[arg(long, required = true)]
        email: Vec<String>,
    },
    /// Add someone to a member's confidential "don't pair me with" list.
    Exclude {
        #[arg(long)]
        name: String,
        /// The member whose list this is.
        #[arg(long)]
        email: String,
        /// The person they never want to be paired with.
        #[arg(long)]
        other: String,
    },
}

async fn team_named(store: &dyn Store, name: &str) -> anyhow::Result<hallway_domain::TeamId> {
    let teams = store.teams().await?;
    match teams
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
    {
        Some(team) => Ok(team.id),
        None => {
            let known: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
            anyhow::bail!(
                "there is no team named {name:?}; teams: {}",
                known.join(", ")
            )
        }
    }
}

/// The circle called `name`, or a clear error.
pub async fn find(store: &dyn Store, name: &str) -> anyhow::Result<Circle> {
    match store.circle_by_name(&CircleName::parse(name)?).await {
        Err(StoreError::NotFound(_)) => anyhow::bail!("there is no circle named {name:?}"),
        other => Ok(other?),
    }
}

async fn person(store: &dyn Store, email: &str) -> anyhow::Result<Person> {
    match store.person_by_email(&Email::parse(email)?).await {
        Err(StoreError::NotFound(_)) => anyhow::bail!("nobody has the email {email}"),
        other => Ok(other?),
    }
}

async fn set_opted_in(
    store: &dyn Store,
    name: &str,
    emails: &[String],
    opted_in: bool,
    frequency: Option<Cadence>,
) -> anyhow::Result<()> {
    let circle = find(store, name).await?;
    let members = store.circle_members(circle.id).await?;
    for email in emails {
        let who = person(store, email).await?;
        let current = members.iter().find(|m| m.person == who.id);
        let settings = match (current, opted_in) {
            (None, false) => anyhow::bail!("{email} is not in the circle {}", circle.name),
            (None, true) => {
                if let Some(team) = circle.team {
                    if !who.teams.iter().any(|t| t.id == team) {
                        anyhow::bail!("{email} is not in the team {} is open to", circle.name);
                    }
                }
                MemberSettings::joined()
            }
            (Some(m), _) => MemberSettings {
                opted_in,
                ..m.settings.clone()
            },
        };
        let settings = MemberSettings {
            preferred_frequency: frequency.or(settings.preferred_frequency),
            ..settings
        };
        store
            .set_circle_member(circle.id, who.id, &settings)
            .await
            .with_context(|| format!("updating {email} in {}", circle.name))?;
    }
    let verb = if opted_in { "joined" } else { "left" };
    crate::output::line(format_args!(
        "{} {verb} {}.",
        emails.join(", "),
        circle.name
    ));
    Ok(())
}

async fn snooze(
    store: &dyn Store,
    name: &str,
    email: &str,
    until: Option<chrono::NaiveDate>,
) -> anyhow::Result<()> {
    let circle = find(store, name).await?;
    let who = person(store, email).await?;
    let members = store.circle_members(circle.id).await?;
    let Some(member) = members.into_iter().find(|m| m.person == who.id) else {
        anyhow::bail!("{email} is not in the circle {}", circle.name);
    };
    let settings = MemberSettings {
        snoozed_until: until,
        ..member.settings
    };
    store
        .set_circle_member(circle.id, who.id, &settings)
        .await?;
    match until {
        Some(day) => crate::output::line(format_args!(
            "{email} skips {} rounds before {day}.",
            circle.name
        )),
        None => crate::output::line(format_args!("{email} is back in {} rounds.", circle.name)),
    }
    Ok(())
}

pub async fn run(config: &Config, command: &CircleCommand) -> anyhow::Result<()> {
    let store = crate::storage::open(config).await?;
    let store = store.as_ref();
    match command {
        CircleCommand::Create {
            name,
            description,
            cadence,
            shape,
            cooldown_days,
            team,
        } => {
            let team = match team {
                Some(name) => Some(team_named(store, name).await?),
                None => None,
            };
            let circle = store
                .create_circle(NewCircle {
                    name: CircleName::parse(name)?,
                    description: description.clone(),
                    cadence: Cadence::parse(cadence)?,
                    shape: CircleShape::parse(shape)?,
                    cooldown_days: *cooldown_days,
                    created_by: None,
                    team,
                })
                .await?;
            crate::output::line(format_args!(
                "Circle {} created ({}, {}, cooldown {} days).",
                circle.name,
                circle.cadence.as_str(),
                circle.shape.as_str(),
                circle.cooldown_days
            ));
        }
        CircleCommand::Join {
            name,
            email,
            frequency,
        } => {
            let frequency = frequency.as_deref().map(Cadence::parse).transpose()?;
            set_opted_in(store, name, email, true, frequency).await?
        }
        CircleCommand::Leave { name, email } => {
            set_opted_in(store, name, email, false, None).await?
        }
        CircleCommand::Snooze { name, email, until } => snooze(store, name, email, *until).await?,
        CircleCommand::Exclude { name, email, other } => {
            let circle = find(store, name).await?;
            let who = person(store, email).await?;
            let other = person(store, other).await?;
            match store
                .exclude_from_pairing(circle.id, who.id, other.id)
                .await
            {
                Err(StoreError::NotFound(_)) => {
                    anyhow::bail!("{email} is not in the circle {}", circle.name)
                }
                other => other?,
            }
            crate::output::line(format_args!(
                "Noted. {email} will not be paired with that person in {}.",
                circle.name
            ));
        }
    }
    Ok(())
}
