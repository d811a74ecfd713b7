//! A room: its topic, the latest 50 messages (older ones by scroll-back through the API), the
//! message box, presence and voice. `room.js`, `voice.js` and `draft.js` make it live.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use hallway_domain::{PersonId, RoomId, RoomKind};
use hallway_store::{Message, PeopleQuery, Person, Room};
use serde::Deserialize;

use super::hallway::excerpt;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::rooms::{self, HistoryPage};
use crate::AppState;

/// A message as the room page first renders it; `room.js` adds formatting and controls.
pub struct MessageView {
    pub id: i64,
    pub seq: i64,
    pub author: i64,
    pub author_name: String,
    pub body: String,
    pub reply_to: i64,
    pub reply_excerpt: String,
    pub at: String,
    pub time: String,
    pub edited: bool,
    pub deleted: bool,
    /// `[{"emoji":"👍","people":[1,2]}]`
    pub reactions_json: String,
}

#[derive(Template)]
#[template(path = "room.html")]
struct RoomPage {
    nav: Nav,
    room: Room,
    me: i64,
    people_json: String,
    ice_json: String,
    messages: Vec<MessageView>,
    /// The sequence number the history was read at; live events resume after it.
    last_seq: i64,
    /// The oldest shown message's sequence number when older ones exist, else 0.
    older_before: i64,
    /// People who may be invited (private and team rooms, for members), by name.
    invitable: Vec<(i64, String)>,
    invited: bool,
}

/// The configured STUN/TURN servers for the browsers' peer connections, as
/// `RTCIceServer` JSON for a data attribute. TURN servers carry the configured username and
/// credential (a browser needs them to relay). With none configured, browsers use host
/// candidates only, which is enough on one network.
fn ice_servers_json(state: &AppState) -> String {
    let config = &state.config;
    let servers: Vec<serde_json::Value> = config
        .ice_servers
        .iter()
        .map(|url| {
            if let (true, Some(username), Some(credential)) = (
                url.starts_with("turn"),
                &config.turn_username,
                &config.turn_credential,
            ) {
                serde_json::json!({
                    "urls": url,
                    "username": username,
                    "credential": credential,
                })
            } else {
                serde_json::json!({ "urls": url })
            }
        })
        .collect();
    serde_json::Value::Array(servers).to_string()
}

fn message_view(
    message: &Message,
    names: &HashMap<PersonId, String>,
    replied: &HashMap<i64, String>,
    zone: chrono_tz::Tz,
) -> MessageView {
    let name = |id: Option<PersonId>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| "Someone".into())
    };
    let reactions: Vec<serde_json::Value> = message
        .reactions
        .iter()
        .map(|g| serde_json::json!({"emoji": g.emoji, "people": g.people}))
        .collect();
    let reply_to = message.reply_to.map(|m| m.0).unwrap_or(0);
    MessageView {
        id: message.id.0,
        seq: message.seq,
        author: message.author.map(|a| a.0).unwrap_or(0),
        author_name: name(message.author),
        body: message.body.clone(),
        reply_to,
        reply_excerpt: replied.get(&reply_to).cloned().unwrap_or_default(),
        at: message.created_at.to_rfc3339(),
        time: message
            .created_at
            .with_timezone(&zone)
            .format("%H:%M")
            .to_string(),
        edited: message.edited_at.is_some(),
        deleted: message.deleted,
        reactions_json: serde_json::Value::Array(reactions).to_string(),
    }
}

/// Who may be invited into `room`: active people who may not enter it yet.
fn invitable(
    room: &Room,
    viewer: &Viewer,
    people: &[Person],
    members: &[PersonId],
) -> Vec<(i64, String)> {
    if !viewer.role().sees_directory() {
        return Vec::new();
    }
    people
        .iter()
        .filter(|p| !members.contains(&p.id) && p.id != viewer.person.id)
        .filter(|p| match room.kind {
            RoomKind::Open => p.role == hallway_domain::Role::Guest,
            RoomKind::Team => !p.teams.iter().any(|t| Some(t.id) == room.team),
            RoomKind::Private => true,
        })
        .map(|p| (p.id.0, p.profile.display_name.to_string()))
        .collect()
}

#[derive(Deserialize)]
pub struct RoomQuery {
    #[serde(default)]
    invited: Option<String>,
}

/// `GET /rooms/{id}`
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<RoomQuery>,
) -> PageResult {
    // Read the room (and so its newest seq) before its messages: the live join resumes after
    // that seq, and replaying an event the history already reflects is harmless.
    let room = rooms::enterable(&state, &viewer, RoomId(id)).await?;
    let messages = rooms::history(&state, &viewer, room.id, HistoryPage::latest()).await?;
    let people = state.store.search_people(&PeopleQuery::default()).await?;
    let names: HashMap<PersonId, String> = people
        .iter()
        .map(|p| (p.id, p.profile.display_name.to_string()))
        .collect();
    let replied: HashMap<i64, String> = messages
        .iter()
        .map(|m| {
            let author = m.author.and_then(|a| names.get(&a).cloned());
            let text = if m.deleted {
                "a deleted message".to_owned()
            } else {
                format!("{}: {}", author.unwrap_or_default(), excerpt(&m.body))
            };
            (m.id.0, text)
        })
        .collect();
    let zone = viewer.person.profile.time_zone.tz();
    let members = state.store.room_members(room.id).await?;
    let mut shared: HashSet<PersonId> = members.iter().copied().collect();
    shared.extend(messages.iter().filter_map(|m| m.author));
    let full = messages.len() == HistoryPage::DEFAULT_LIMIT as usize;
    Ok(render(&RoomPage {
        nav: Nav::new(Some(&viewer), &csrf),
        me: viewer.person.id.0,
        people_json: super::named::people_json_for(&viewer, &people, &shared),
        ice_json: ice_servers_json(&state),
        last_seq: room.last_seq,
        older_before: messages
            .first()
            .filter(|m| full && m.seq > 1)
            .map_or(0, |m| m.seq),
        messages: messages
            .iter()
            .map(|m| message_view(m, &names, &replied, zone))
            .collect(),
        invitable: invitable(&room, &viewer, &people, &members),
        invited: query.invited.is_some(),
        room,
    }))
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    person: i64,
}

/// `POST /rooms/{id}/members`
pub async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    PageForm(form): PageForm<InviteForm>,
) -> PageResult {
    rooms::invite(&state, &viewer, RoomId(id), PersonId(form.person)).await?;
    Ok(Redirect::to(&format!("/rooms/{id}?invited=1")).into_response())
}
