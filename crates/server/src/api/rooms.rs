//! Rooms over the API: the rooms one may enter, creating them, history and invitations.
//! Rooms the caller may not enter answer 404, exactly like rooms that do not exist.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use hallway_domain::{PersonId, RoomId};
use hallway_store::{Message, Room};
use serde::{Deserialize, Serialize};

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::auth::Viewer;
use crate::rooms::{self, RoomRequest};
use crate::AppState;

/// `GET /api/v1/rooms`
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    ok_json(rooms::rooms_for(&state, &viewer).await?)
}

/// `POST /api/v1/rooms`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<RoomRequest>,
) -> ApiResult {
    let room = rooms::create_room(&state, &viewer, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(room)).into_response())
}

/// A room with the people invited into it.
#[derive(Serialize)]
struct RoomWithMembers {
    #[serde(flatten)]
    room: Room,
    members: Vec<PersonId>,
}

/// `GET /api/v1/rooms/{id}`
pub async fn show(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> ApiResult {
    let room = rooms::enterable(&state, &viewer, RoomId(id)).await?;
    let members = state.store.room_members(room.id).await?;
    ok_json(RoomWithMembers { room, members })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryParams {
    before: Option<String>,
    limit: Option<String>,
}

/// A page of history, oldest first; `before` is the value for the next (older) page, or
/// `null` when this page reaches the start of the room.
#[derive(Serialize)]
struct HistoryReply {
    messages: Vec<Message>,
    before: Option<i64>,
}

/// `GET /api/v1/rooms/{id}/messages?before=SEQ&limit=N`
pub async fn messages(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<HistoryParams>,
) -> ApiResult {
    let page = rooms::history_page(params.before.as_deref(), params.limit.as_deref())?;
    let messages = rooms::history(&state, &viewer, RoomId(id), page).await?;
    let full = messages.len() == page.limit as usize;
    let before = messages
        .first()
        .filter(|m| full && m.seq > 1)
        .map(|m| m.seq);
    ok_json(HistoryReply { messages, before })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteBody {
    person: i64,
}

#[derive(Serialize)]
struct MembersReply {
    members: Vec<PersonId>,
}

/// `POST /api/v1/rooms/{id}/members`
pub async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<InviteBody>,
) -> ApiResult {
    let members = rooms::invite(&state, &viewer, RoomId(id), PersonId(body.person)).await?;
    ok_json(MembersReply { members })
}

/// `DELETE /api/v1/rooms/{id}/members/{person}`
pub async fn uninvite(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, person)): Path<(i64, i64)>,
) -> ApiResult {
    rooms::uninvite(&state, &viewer, RoomId(id), PersonId(person)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
