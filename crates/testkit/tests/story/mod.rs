//! Shared helpers for the stories, and the stories by area.

mod chats;
mod circles;
mod evidence;
mod invitations;
mod invites;
mod lifecycle;
mod messages;
mod notes;
mod overheard;
mod people;
mod pulse;
mod room_privacy;
mod rooms;
mod round_claims;
mod sessions;
mod teams;

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use hallway_domain::{Bio, DisplayName, Email, Profile, Role, Tag, TimeZoneName, WorkingHours};
use hallway_store::{NewInvite, NewPerson, NewSession, Person, Store};
use hallway_testkit::backends;

/// Runs `story` on every backend, each with a fresh database, and removes the databases.
pub async fn each<F, Fut>(story: F)
where
    F: Fn(Arc<dyn Store>, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends().await {
        story(backend.store.clone(), backend.name).await;
        backend.finish().await;
    }
}

/// Runs `story` on every backend, giving it the backend itself (for outages).
pub async fn each_backend(story: impl AsyncFn(&hallway_testkit::TestBackend)) {
    for backend in backends().await {
        story(&backend).await;
        backend.finish().await;
    }
}

/// A fixed "now" plus `seconds`, at millisecond precision like the stores.
pub fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_767_225_600_123).unwrap() + Duration::seconds(seconds)
}

pub fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

pub fn tags(list: &[&str]) -> Vec<Tag> {
    list.iter().map(|t| Tag::parse(t).unwrap()).collect()
}

pub fn profile(name: &str) -> Profile {
    Profile {
        display_name: DisplayName::parse(name).unwrap(),
        pronouns: None,
        time_zone: TimeZoneName::parse("Europe/Berlin").unwrap(),
        working_hours: WorkingHours::weekdays(9 * 60, 17 * 60),
        ask_me_about: Vec::new(),
        bio: Bio::parse("").unwrap(),
    }
}

pub fn new_person(address: &str, name: &str) -> NewPerson {
    NewPerson {
        email: email(address),
        role: Role::Member,
        password_hash: Some(format!("$argon2id$hash-of-{address}")),
        active: true,
        profile: profile(name),
        teams: Vec::new(),
        joined_at: at(0),
    }
}

/// Creates a member.
pub async fn person(store: &Arc<dyn Store>, address: &str, name: &str) -> Person {
    store
        .create_person(new_person(address, name))
        .await
        .unwrap()
}

pub fn new_session(person: &Person, token_hash: &str, expires_in: i64) -> NewSession {
    NewSession {
        person: person.id,
        token_hash: token_hash.to_owned(),
        user_agent: "Firefox".to_owned(),
        created_at: at(0),
        expires_at: at(expires_in),
    }
}

pub fn new_invite(by: &Person, token_hash: &str, max_uses: u32) -> NewInvite {
    NewInvite {
        token_hash: token_hash.to_owned(),
        role: Role::Guest,
        created_by: by.id,
        created_at: at(0),
        expires_at: at(3600),
        max_uses,
        teams: Vec::new(),
        note: format!("for {token_hash}"),
    }
}
