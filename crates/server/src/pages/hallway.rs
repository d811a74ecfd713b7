//! The hallway at a glance: every room the viewer may enter as a tile with the faces of who is
//! there and in its voice, the latest overheard line and a one-click "join voice"; people
//! grouped by where they are (in a room, around, not here), open to chat first. The server
//! renders what the store and the live hub know right now; `hallway.js` keeps it live.
//!
//! The work per view is a fixed number of store reads, whatever the number of rooms: the
//! directory, the statuses, the rooms with the viewer's invitations, the overheard lines
//! (`latest_overheard`), the pulse digest and the pairing cards.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::State;
use axum::Extension;
use chrono::{DateTime, Utc};
use hallway_domain::{Availability, PersonId, RoomId, Status};
use hallway_protocol::RoomState;
use hallway_store::{Message, PeopleQuery, Person, Room};
use serde_json::json;

use super::faces::{hue_class, initials};
use super::layout::PageResult;
use super::{render, Nav};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{rooms, AppState};

/// Faces shown on a tile before "+N".
const FACES_SHOWN: usize = 8;
/// A group of people longer than this starts folded.
const GROUP_OPEN_UP_TO: usize = 40;

/// A face on a tile or in the people list.
pub struct Face {
    pub id: i64,
    pub name: String,
    pub initials: String,
    pub hue: String,
    pub muted: bool,
    pub speaking: bool,
}

/// How long a "working on" line counts as fresh (listed first on the hallway).
pub const FRESH_HOURS: i64 = 12;

/// A room as a hallway tile.
pub struct RoomTile {
    pub id: i64,
    pub name: String,
    pub topic: String,
    pub kind: &'static str,
    pub overhearable: bool,
    pub present: Vec<Face>,
    pub present_more: usize,
    pub present_count: usize,
    pub voice: Vec<Face>,
    /// The latest line, for overhearable rooms: who said it and its first line.
    pub latest_author: String,
    pub latest: String,
}

/// A person as the hallway lists them.
pub struct PersonCard {
    pub face: Face,
    pub zone: String,
    pub local_time: String,
    pub connected: bool,
    pub availability: &'static str,
    pub availability_label: &'static str,
    pub until: String,
    pub working_on: String,
    /// The room they are in, when the viewer may see it.
    pub room: String,
    pub is_me: bool,
}

/// People with the same whereabouts.
pub struct Group {
    pub key: &'static str,
    pub title: &'static str,
    pub open: bool,
    pub people: Vec<PersonCard>,
}

#[derive(Template)]
#[template(path = "hallway.html")]
struct HallwayPage {
    nav: Nav,
    me: i64,
    people_json: String,
    rooms: Vec<RoomTile>,
    groups: Vec<Group>,
    links_people: bool,
    may_create: bool,
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

fn face(id: PersonId, names: &HashMap<PersonId, String>) -> Face {
    let name = names.get(&id).cloned().unwrap_or_else(|| "Someone".into());
    Face {
        id: id.0,
        initials: initials(&name),
        hue: hue_class(id.0),
        name,
        muted: false,
        speaking: false,
    }
}

fn room_tile(
    room: &Room,
    state: Option<&RoomState>,
    latest: Option<&Message>,
    names: &HashMap<PersonId, String>,
) -> RoomTile {
    let present: &[PersonId] = state.map(|s| s.present.as_slice()).unwrap_or_default();
    let mut tile = RoomTile {
        id: room.id.0,
        name: room.name.to_string(),
        topic: room.topic.clone(),
        kind: room.kind.as_str(),
        overhearable: room.overhearable,
        present: present
            .iter()
            .take(FACES_SHOWN)
            .map(|p| face(*p, names))
            .collect(),
        present_more: present.len().saturating_sub(FACES_SHOWN),
        present_count: present.len(),
        voice: state
            .map(|s| s.voice.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|o| Face {
                muted: o.muted,
                speaking: o.speaking && !o.muted,
                ..face(o.person, names)
            })
            .collect(),
        latest_author: String::new(),
        latest: String::new(),
    };
    if let Some(message) = latest.filter(|_| room.overhearable) {
        tile.latest = excerpt(&message.body);
        tile.latest_author = message
            .author
            .and_then(|a| names.get(&a).cloned())
            .unwrap_or_else(|| "Someone".into());
    }
    tile
}

/// What the page knows about where people are: connected or not, and a room they are in.
struct Whereabouts {
    connected: HashSet<PersonId>,
    room_of: HashMap<PersonId, String>,
}

fn person_card(
    person: &Person,
    status: Option<&Status>,
    me: PersonId,
    at: &Whereabouts,
    now: DateTime<Utc>,
) -> PersonCard {
    let zone = person.profile.time_zone.tz();
    let availability = status.map(|s| s.effective(now)).unwrap_or_default();
    let until = status
        .filter(|s| s.effective(now) != Availability::OpenToChat)
        .and_then(|s| s.until)
        .map(|u| u.to_rfc3339())
        .unwrap_or_default();
    let name = person.profile.display_name.to_string();
    PersonCard {
        face: Face {
            id: person.id.0,
            initials: initials(&name),
            hue: hue_class(person.id.0),
            name,
            muted: false,
            speaking: false,
        },
        zone: person.profile.time_zone.to_string(),
        local_time: now.with_timezone(&zone).format("%a %H:%M").to_string(),
        connected: at.connected.contains(&person.id),
        availability: availability.as_str(),
        availability_label: availability.label(),
        until,
        working_on: status.map(|s| s.working_on.clone()).unwrap_or_default(),
        room: at.room_of.get(&person.id).cloned().unwrap_or_default(),
        is_me: person.id == me,
    }
}

/// Open to chat first, then focusing, away and do not disturb; by name within each.
fn rank(availability: &str) -> usize {
    Availability::ALL
        .iter()
        .position(|a| a.as_str() == availability)
        .unwrap_or(Availability::ALL.len())
}

/// People in the order given (fresh "working on" lines first, then by name), open to chat
/// first within it, in the three groups of where they are.
fn groups(mut people: Vec<PersonCard>) -> Vec<Group> {
    people.sort_by_key(|card| rank(card.availability));
    let mut out = [
        ("room", "In a room"),
        ("around", "Around"),
        ("away", "Not here"),
    ]
    .map(|(key, title)| Group {
        key,
        title,
        open: true,
        people: Vec::new(),
    });
    for card in people {
        let slot = match (card.connected, card.room.is_empty()) {
            (true, false) => 0,
            (true, true) => 1,
            (false, _) => 2,
        };
        out[slot].people.push(card);
    }
    for group in &mut out {
        group.open = group.people.len() <= GROUP_OPEN_UP_TO;
    }
    out.into()
}

/// `GET /` for signed-in people.
pub async fn page(state: &AppState, viewer: &Viewer, csrf: &CsrfToken) -> PageResult {
    let now = Utc::now();
    let everyone = state.store.search_people(&PeopleQuery::default()).await?;
    let stored = state.store.statuses().await?;
    // Fresh "working on" lines (set in the last FRESH_HOURS) come first, newest first.
    let fresh: HashMap<PersonId, DateTime<Utc>> = stored
        .iter()
        .filter(|s| !s.status.working_on.is_empty())
        .filter(|s| now - s.updated_at < chrono::Duration::hours(FRESH_HOURS))
        .map(|s| (s.person, s.updated_at))
        .collect();
    let statuses: HashMap<PersonId, Status> =
        stored.into_iter().map(|s| (s.person, s.status)).collect();
    let names: HashMap<PersonId, String> = everyone
        .iter()
        .map(|p| (p.id, p.profile.display_name.to_string()))
        .collect();
    let me = viewer.person.id;
    let latest: HashMap<RoomId, Message> = state
        .store
        .latest_overheard()
        .await?
        .into_iter()
        .map(|m| (m.room, m))
        .collect();
    let visible = rooms::rooms_for(state, viewer).await?;
    let ids: Vec<RoomId> = visible.iter().map(|r| r.id).collect();
    let states: HashMap<RoomId, RoomState> = state
        .hub
        .room_states(&ids)
        .into_iter()
        .map(|s| (s.room, s))
        .collect();
    let mut at = Whereabouts {
        connected: state.hub.connected_people(),
        room_of: HashMap::new(),
    };
    for room in &visible {
        for person in states
            .get(&room.id)
            .map(|s| s.present.as_slice())
            .unwrap_or_default()
        {
            at.room_of
                .entry(*person)
                .or_insert_with(|| room.name.to_string());
        }
    }
    // A guest's page names only the people of their rooms and the authors it shows.
    let mut shared = HashSet::new();
    if !viewer.role().sees_directory() {
        shared = super::named::room_people(state, &visible.iter().collect::<Vec<_>>()).await?;
        shared.extend(
            visible
                .iter()
                .filter_map(|room| latest.get(&room.id).and_then(|m| m.author)),
        );
    }
    let tiles = visible
        .iter()
        .map(|room| room_tile(room, states.get(&room.id), latest.get(&room.id), &names))
        .collect();
    // Guests see the people of the rooms they were invited to, not the whole directory.
    let mut listed: Vec<&Person> = everyone
        .iter()
        .filter(|p| viewer.role().sees_directory() || p.id == me)
        .collect();
    // Fresh lines first, newest first; the rest by name.
    listed.sort_by_key(|p| p.profile.display_name.to_string().to_lowercase());
    listed.sort_by_key(|p| {
        let at = fresh.get(&p.id);
        (at.is_none(), at.map(|at| std::cmp::Reverse(*at)))
    });
    let people = listed
        .into_iter()
        .map(|p| person_card(p, statuses.get(&p.id), me, &at, now))
        .collect();
    Ok(render(&HallwayPage {
        nav: Nav::new(Some(viewer), csrf),
        me: me.0,
        people_json: super::named::people_json_for(viewer, &everyone, &shared),
        rooms: tiles,
        groups: groups(people),
        links_people: viewer.role().sees_directory(),
        may_create: viewer.role().sees_directory(),
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
