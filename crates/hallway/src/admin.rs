//! `hallway admin`: owner setup, invites, password resets and the people list from the shell.

use std::io::BufRead;

use anyhow::{bail, Context};
use chrono::{Duration, Utc};
use clap::Subcommand;
use hallway_domain::{DisplayName, Email, Password, Role, TimeZoneName};
use hallway_server::auth::{new_token, password, token_hash};
use hallway_store::{NewInvite, NewPerson, PeopleQuery, Store, StoreError};

use crate::config::Config;

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create the owner account on first start (the password is read from standard input).
    SetupOwner {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "UTC")]
        time_zone: String,
    },
    /// Create an invite link and print it.
    CreateInvite {
        /// member, guest or admin.
        #[arg(long, default_value = "member")]
        role: String,
        /// Hours until the link expires.
        #[arg(long, default_value_t = 168)]
        hours: i64,
        /// How many people may use it.
        #[arg(long, default_value_t = 1)]
        uses: u32,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Give someone a new random password (printed once) and end their sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// List everyone, active or not.
    ListPeople,
}

/// Tells running servers over NATS (when configured) that a person's sessions ended, so their
/// open sockets close at once; without NATS each server finds out at its periodic session check
/// (every few seconds).
async fn announce_sessions_ended(config: &Config, person: hallway_domain::PersonId) {
    if config.nats_url.trim().is_empty() {
        return;
    }
    let change = hallway_live::AccessChange::SessionsEnded {
        person,
        reason: hallway_protocol::ByeCode::SessionEnded,
    };
    let announced = match crate::bus::open_bus(config).await {
        Ok(bus) => hallway_live::announce_access(bus.as_ref(), change)
            .await
            .map_err(anyhow::Error::from),
        Err(error) => Err(error),
    };
    if let Err(error) = announced {
        eprintln!(
            "Could not tell running servers at once ({error:#}); they will notice within seconds."
        );
    }
}

fn read_password() -> anyhow::Result<String> {
    eprintln!("Password for the owner (at least 10 characters), then Enter:");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn an_owner(store: &dyn Store) -> anyhow::Result<hallway_store::Person> {
    let people = store
        .search_people(&PeopleQuery {
            include_inactive: true,
            ..PeopleQuery::default()
        })
        .await?;
    people
        .into_iter()
        .find(|p| p.role == Role::Owner)
        .context("nobody is set up yet: run `hallway admin setup-owner` first")
}

pub async fn run(config: &Config, command: &AdminCommand) -> anyhow::Result<()> {
    let store = crate::storage::open(config).await?;
    let store = store.as_ref();
    match command {
        AdminCommand::SetupOwner {
            email,
            name,
            time_zone,
        } => {
            let email = Email::parse(email)?;
            let name = DisplayName::parse(name)?;
            let zone = TimeZoneName::parse(time_zone)?;
            let secret = Password::parse_for(&read_password()?, email.as_str(), name.as_str())?;
            let hash = password::hash(secret.expose().to_owned())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let person = NewPerson {
                email,
                role: Role::Owner,
                password_hash: Some(hash),
                active: true,
                profile: hallway_server::accounts::starter_profile(name, Some(zone)),
                teams: Vec::new(),
                joined_at: Utc::now(),
            };
            match store.create_owner(person).await {
                Ok(owner) => crate::output::line(format_args!(
                    "Owner {} created. Sign in at {}/signin",
                    owner.email,
                    config.effective_public_url()
                )),
                Err(StoreError::AlreadySetUp) => {
                    bail!("Hallway is already set up: an owner exists")
                }
                Err(other) => return Err(other.into()),
            }
        }
        AdminCommand::CreateInvite {
            role,
            hours,
            uses,
            note,
        } => {
            let role = Role::parse(role)?;
            if role == Role::Owner {
                bail!("role: invites cannot make owners; invite an admin and promote them");
            }
            if !(1..=720).contains(hours) {
                bail!("hours: must be between 1 and 720");
            }
            if !(1..=1000).contains(uses) {
                bail!("uses: must be between 1 and 1000");
            }
            let owner = an_owner(store).await?;
            let token = new_token();
            let now = Utc::now();
            store
                .create_invite(NewInvite {
                    token_hash: token_hash(&token),
                    role,
                    created_by: owner.id,
                    created_at: now,
                    expires_at: now + Duration::hours(*hours),
                    max_uses: *uses,
                    teams: Vec::new(),
                    note: note.clone(),
                })
                .await?;
            crate::output::line(format_args!(
                "{}/invite/{token}",
                config.effective_public_url()
            ));
            eprintln!(
                "A {role} invite for {uses} {}, valid for {hours} hours.",
                if *uses == 1 { "person" } else { "people" }
            );
        }
        AdminCommand::ResetPassword { email } => {
            let person =
                store
                    .person_by_email(&Email::parse(email)?)
                    .await
                    .map_err(|e| match e {
                        StoreError::NotFound(_) => anyhow::anyhow!("nobody has the email {email}"),
                        other => other.into(),
                    })?;
            let secret = new_token()[..20].to_owned();
            let hash = password::hash(secret.clone())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            store.set_password_hash(person.id, &hash).await?;
            let ended = store.delete_sessions_of(person.id).await?;
            announce_sessions_ended(config, person.id).await;
            store
                .clear_sign_in_failures(&format!("account:{}", person.email))
                .await?;
            crate::output::line(format_args!("{secret}"));
            eprintln!(
                "New password for {} printed above; {ended} sessions ended.",
                person.email
            );
        }
        AdminCommand::ListPeople => {
            let people = store
                .search_people(&PeopleQuery {
                    include_inactive: true,
                    ..PeopleQuery::default()
                })
                .await?;
            crate::output::line(format_args!(
                "{:<6} {:<8} {:<8} {:<32} NAME",
                "ID", "ROLE", "ACTIVE", "EMAIL"
            ));
            for p in people {
                crate::output::line(format_args!(
                    "{:<6} {:<8} {:<8} {:<32} {}",
                    p.id,
                    p.role,
                    if p.active { "yes" } else { "no" },
                    p.email,
                    p.profile.display_name
                ));
            }
        }
    }
    Ok(())
}
