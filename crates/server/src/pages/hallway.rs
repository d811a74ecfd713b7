//! The hallway: every room the viewer may enter with who is in it and in its voice, the latest
//! line of overhearable conversations, and people with their chosen status, "working on" line
//! and local time. The server renders what the store knows; `hallway.js` adds live presence.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::State;
use axum::Extension;
use chrono::{DateTime, Utc};
use hallway_domain::{Availability, PersonId, Status};
use hallway_store::{PeopleQuery, Person, Room};
use serde_json::json;

use super::layout::PageResult;
use super::{render, Nav};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{rooms, AppError, AppState};

/// A room as the hallway lists it.
pub struct RoomCard {
    pub id: i64,
    pub name: String,
    pub topic: String,
    pub kind: &'static str,
    pub overhearable: bool,
    /// The latest line, for overhearable rooms: who said it and its first line.
    pub latest_author: String,
    pub latest_author_id: Option<PersonId>,
    pub latest: String,
}

/// The author of a room's overheard line, when the card shows one.
fn latest_author_of(room: &Room, cards: &[RoomCard]) -> Option<PersonId> {
    cards
        .iter()
        .find(|c| c.id == room.id.0)
        .and_then(|c| c.latest_author_id)
}

/// A person as the hallway lists them.
pub struct PersonCard {
    pub id: i64,
    pub name: String,
    pub zone: String,
    pub local_time: String,
    pub availability: &'static str,
    pub availability_label: &'static str,
    pub until: String,
    pub working_on: String,
    pub is_me: bool,
}

#[derive(Template)]
#[template(path = "hallway.html")]
struct HallwayPage {
    nav: Nav,
    me: i64,
    people_json: String,
    rooms: Vec<RoomCard>,
    people: Vec<PersonCard>,
    mine: PersonCard,
    may_create: bool,
    choices: Vec<(&'static str, &'static str)>,
    pulse_digest: Option<crate::pulse::Digest>,
    invitations: Vec<super::invitations::InvitationCard>,
}

/// Names and time zones of active people, keyed by id, for the page scripts
/// (authors of messages and people present in rooms are shown by name).
pub fn people_json(people: &[Person]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = people
        .iter()
        .map(|p| {
            (
                p.id.0.to_string(),
                json!({"name": p.profile.display_name.as_str(), "zone": p.profile.time_zone.to_string()}),
            )
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// The first line of a message, at most 140 characters, for an overheard excerpt.
pub fn excerpt(body: &str) -> String {
    let line = body.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(140).collect();
    if out.len() < line.len() || body.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

fn person_card(
    person: &Person,
    status: Option<&Status>,
    me: PersonId,
    now: DateTime<Utc>,
) -> PersonCard {
    let zone = person.profile.time_zone.tz();
    let availability = status.map(|s| s.effective(now)).unwrap_or_default();
    let until = status
        .filter(|s| s.effective(now) != Availability::OpenToChat)
        .and_then(|s| s.until)
        .map(|u| u.to_rfc3339())
        .unwrap_or_default();
    PersonCard {
        id: person.id.0,
        name: person.profile.display_name.to_string(),
        zone: person.profile.time_zone.to_string(),
        local_time: now.with_timezone(&zone).format("%a %H:%M").to_string(),
        availability: availability.as_str(),
        availability_label: availability.label(),
        until,
        working_on: status.map(|s| s.working_on.clone()).unwrap_or_default(),
        is_me: person.id == me,
    }
}

async fn room_card(
    state: &AppState,
    room: &Room,
    names: &HashMap<PersonId, String>,
) -> Result<RoomCard, AppError> {
    let mut card = RoomCard {
        id: room.id.0,
        name: room.name.to_string(),
        topic: room.topic.clone(),
        kind: room.kind.as_str(),
        overhearable: room.overhearable,
        latest_author: String::new(),
        latest_author_id: None,
        latest: String::new(),
    };
    if room.overhearable && room.last_seq > 0 {
        let newest = state.store.messages_before(room.id, None, 1).await?;
        if let Some(message) = newest.into_iter().find(|m| !m.deleted) {
            card.latest = excerpt(&message.body);
            card.latest_author_id = message.author;
            card.latest_author = message
                .author
                .and_then(|a| names.get(&a).cloned())
                .unwrap_or_else(|| "Someone".into());
        }
    }
    Ok(card)
}

/// `GET /` for signed-in people.
pub async fn page(state: &AppState, viewer: &Viewer, csrf: &CsrfToken) -> PageResult {
    let now = Utc::now();
    let everyone = state.store.search_people(&PeopleQuery::default()).await?;
    let statuses: HashMap<PersonId, Status> = state
        .store
        .statuses()
        .await?
        .into_iter()
        .map(|s| (s.person, s.status))
        .collect();
    let names: HashMap<PersonId, String> = everyone
        .iter()
        .map(|p| (p.id, p.profile.display_name.to_string()))
        .collect();
    let me = viewer.person.id;
    let mut cards = Vec::new();
    let enterable = rooms::rooms_for(state, viewer).await?;
    for room in &enterable {
        cards.push(room_card(state, room, &names).await?);
    }
    let mut shared = HashSet::new();
    if !viewer.role().sees_directory() {
        shared = super::named::room_people(state, &enterable.iter().collect::<Vec<_>>()).await?;
        shared.extend(
            enterable
                .iter()
                .filter_map(|room| latest_author_of(room, &cards)),
        );
    }
    // Guests see the people of the rooms they were invited to, not the whole directory.
    let listed = everyone
        .iter()
        .filter(|p| viewer.role().sees_directory() || p.id == me);
    let people = listed
        .map(|p| person_card(p, statuses.get(&p.id), me, now))
        .collect();
    Ok(render(&HallwayPage {
        nav: Nav::new(Some(viewer), csrf),
        me: me.0,
        people_json: super::named::people_json_for(viewer, &everyone, &shared),
        rooms: cards,
        people,
        mine: person_card(&viewer.person, statuses.get(&me), me, now),
        may_create: viewer.role().sees_directory(),
        choices: Availability::ALL
            .iter()
            .map(|a| (a.as_str(), a.label()))
            .collect(),
        pulse_digest: crate::pulse::hallway_digest(state.store.as_ref(), viewer).await?,
        invitations: super::invitations::cards(state, viewer).await?,
    }))
}

/// `GET /hallway`: the same page, for links and bookmarks.
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    page(&state, &viewer, &csrf).await
}
