//! 9-minute chats over HTTP: ask a colleague, see one's requests, accept (a fresh private room
//! with both people) or decline (the asker sees only "not now"). Requests expire after a day and
//! each person may make only a few per hour. The colleague hears of a request live only while
//! they may be interrupted (`hallway_live::Hub::offer_chat`); otherwise it waits.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Duration, Utc};
use hallway_domain::{ChatRequestId, ChatTopic, Invalid, PersonId, RoomKind, RoomName};
use hallway_protocol::ServerFrame;
use hallway_store::{ChatRequest, ChatState, NewChatRequest, NewRoom};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::accounts::visible_person;
use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

/// How long a request waits for an answer.
pub const REQUEST_LIFETIME_HOURS: i64 = 24;
/// Requests one person may make per hour.
pub const REQUESTS_PER_HOUR: u64 = 5;

/// The chat routes, appended to the API route table.
pub fn routes() -> Vec<(super::ApiRoute, axum::routing::MethodRouter<AppState>)> {
    use axum::routing::{get, post};
    use Access::Member;
    vec![
        (
            super::route(
                "GET",
                "/api/v1/chats",
                Member,
                "My 9-minute chat requests: incoming (when I may be interrupted) and outgoing",
            ),
            get(list),
        ),
        (
            super::with_body(
                super::route(
                    "POST",
                    "/api/v1/chats",
                    Member,
                    "Ask a colleague for a 9-minute chat",
                ),
                r#"{"colleague":2,"topic":"certificate pinning"}"#,
            ),
            post(request),
        ),
        (
            super::route(
                "GET",
                "/api/v1/chats/{id}",
                Member,
                "One of my chat requests",
            ),
            get(show),
        ),
        (
            super::route(
                "POST",
                "/api/v1/chats/{id}/accept",
                Member,
                "Accept a chat request: a private room with both of us",
            ),
            post(accept),
        ),
        (
            super::route(
                "POST",
                "/api/v1/chats/{id}/decline",
                Member,
                "Decline a chat request (the asker sees \"not now\")",
            ),
            post(decline),
        ),
    ]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    colleague: i64,
    #[serde(default)]
    topic: String,
}

/// A request as one of its two people sees it. The asker never learns whether a request was
/// declined or ran out: both read `not_now`.
#[derive(Serialize)]
struct ChatView {
    id: ChatRequestId,
    asker: PersonId,
    asker_name: String,
    colleague: PersonId,
    colleague_name: String,
    topic: String,
    state: &'static str,
    room: Option<String>,
    expires_at: DateTime<Utc>,
}

async fn view(state: &AppState, viewer: PersonId, chat: ChatRequest) -> Result<ChatView, AppError> {
    let name = |p: hallway_store::Person| p.profile.display_name.to_string();
    let asker_name = name(state.store.person(chat.asker).await?);
    let colleague_name = name(state.store.person(chat.colleague).await?);
    let shown = match chat.state {
        ChatState::Declined | ChatState::Expired if viewer == chat.asker => "not_now",
        other => other.as_str(),
    };
    Ok(ChatView {
        id: chat.id,
        asker: chat.asker,
        asker_name,
        colleague: chat.colleague,
        colleague_name,
        topic: chat.topic.as_str().to_owned(),
        state: shown,
        room: chat.room.map(|r| format!("/rooms/{r}")),
        expires_at: chat.expires_at,
    })
}

/// `POST /api/v1/chats`
pub async fn request(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<RequestBody>,
) -> ApiResult {
    let topic = ChatTopic::parse(&body.topic)?;
    let colleague = PersonId(body.colleague);
    if colleague == viewer.person.id {
        return Err(Invalid::new("colleague", "you cannot ask yourself for a chat").into());
    }
    let person = match visible_person(&state, &viewer, colleague).await {
        Err(AppError::NotFound(_)) => return Err(AppError::NotFound("colleague")),
        other => other?,
    };
    if !person.active {
        return Err(
            Invalid::new("colleague", "this person has not signed in to Hallway yet").into(),
        );
    }
    let now = Utc::now();
    let recent = state
        .store
        .count_chat_requests_by(viewer.person.id, now - Duration::hours(1))
        .await?;
    if recent >= REQUESTS_PER_HOUR {
        return Err(AppError::TooManyRequests(format!(
            "at most {REQUESTS_PER_HOUR} chat requests an hour; try again later"
        )));
    }
    let created = state
        .store
        .request_chat(NewChatRequest {
            asker: viewer.person.id,
            colleague,
            topic,
            at: now,
            expires_at: now + Duration::hours(REQUEST_LIFETIME_HOURS),
        })
        .await?;
    state.hub.offer_chat(created.id).await?;
    let shown = view(&state, viewer.person.id, created).await?;
    Ok((StatusCode::CREATED, axum::Json(shown)).into_response())
}

/// `GET /api/v1/chats`
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    let now = Utc::now();
    let me = viewer.person.id;
    let reachable = state.hub.reachable(&viewer.person);
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    for chat in state.store.chat_requests_of(me, now).await? {
        if chat.asker == me {
            outgoing.push(view(&state, me, chat).await?);
        } else if chat.state == ChatState::Pending && reachable {
            incoming.push(view(&state, me, chat).await?);
        }
    }
    ok_json(json!({ "incoming": incoming, "outgoing": outgoing, "held": !reachable }))
}

/// A request the viewer is part of; anyone else's is not found.
async fn mine(state: &AppState, viewer: &Viewer, id: i64) -> Result<ChatRequest, AppError> {
    let chat = state
        .store
        .chat_request(ChatRequestId(id), Utc::now())
        .await?;
    if chat.asker != viewer.person.id && chat.colleague != viewer.person.id {
        return Err(AppError::NotFound("chat request"));
    }
    Ok(chat)
}

/// `GET /api/v1/chats/{id}`
pub async fn show(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> ApiResult {
    let chat = mine(&state, &viewer, id).await?;
    ok_json(view(&state, viewer.person.id, chat).await?)
}

/// `POST /api/v1/chats/{id}/accept`
pub async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    let chat = mine(&state, &viewer, id).await?;
    let now = Utc::now();
    let name = RoomName::parse(&format!("{}{}", crate::rooms::CHAT_ROOM_PREFIX, chat.id))?;
    let topic = match chat.topic.as_str() {
        "" => "A 9-minute chat".to_owned(),
        topic => format!("A 9-minute chat: {topic}"),
    };
    let room = NewRoom {
        name,
        topic,
        kind: RoomKind::Private,
        team: None,
        overhearable: false,
        created_by: Some(viewer.person.id),
        created_at: now,
    };
    let (chat, room) = state
        .store
        .accept_chat(chat.id, viewer.person.id, room, now)
        .await?;
    let frame = ServerFrame::ChatAnswer {
        request: chat.id,
        answer: "accepted".to_owned(),
        room: Some(room.id),
    };
    state.hub.tell(chat.asker, frame).await;
    ok_json(view(&state, viewer.person.id, chat).await?)
}

/// `POST /api/v1/chats/{id}/decline`
pub async fn decline(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    let chat = mine(&state, &viewer, id).await?;
    let chat = state
        .store
        .decline_chat(chat.id, viewer.person.id, Utc::now())
        .await?;
    let frame = ServerFrame::ChatAnswer {
        request: chat.id,
        answer: "not_now".to_owned(),
        room: None,
    };
    state.hub.tell(chat.asker, frame).await;
    ok_json(view(&state, viewer.person.id, chat).await?)
}
