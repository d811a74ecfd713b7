//! Invite links over the API.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Extension;
use hallway_domain::InviteId;
use serde_json::json;

use super::extract::{ok_json, ApiJson, ApiResult};
use super::session::user_agent;
use crate::accounts::{self, InviteRequest, SignUp};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{Access, AppState};

/// `GET /api/v1/invites`
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    viewer.require(Access::Admin)?;
    ok_json(state.store.invites().await?)
}

/// `POST /api/v1/invites`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(request): ApiJson<InviteRequest>,
) -> ApiResult {
    let created = accounts::create_invite(&state, &viewer, request).await?;
    Ok((StatusCode::CREATED, axum::Json(created)).into_response())
}

/// `DELETE /api/v1/invites/{id}`
pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    viewer.require(Access::Admin)?;
    state.store.revoke_invite(InviteId(id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/invites/by-token/{token}`
pub async fn status(State(state): State<AppState>, Path(token): Path<String>) -> ApiResult {
    let invite = accounts::invite_status(&state, &token).await?;
    ok_json(json!({"valid": true, "role": invite.role, "expires_at": invite.expires_at}))
}

/// `POST /api/v1/invites/by-token/{token}/accept`
pub async fn accept(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    headers: HeaderMap,
    ApiJson(sign_up): ApiJson<SignUp>,
) -> ApiResult {
    let signed_in = accounts::accept_invite(&state, &token, sign_up, &user_agent(&headers)).await?;
    Ok((
        StatusCode::CREATED,
        super::sign_in_cookies(&state, &signed_in),
        axum::Json(json!({"person": signed_in.person, "csrf_token": csrf.0})),
    )
        .into_response())
}
