//! Owner setup, sign-in and sign-out over the API, and the CSRF token for API clients.

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Extension;
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;

use super::extract::{ApiJson, ApiResult};
use crate::accounts::{self, SignedIn};
use crate::auth::csrf::CsrfToken;
use crate::auth::{cookies, Viewer};
use crate::AppState;

pub fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown")
        .to_owned()
}

fn signed_in_response(
    state: &AppState,
    signed_in: SignedIn,
    csrf: &CsrfToken,
    status: StatusCode,
) -> ApiResult {
    let cookie = cookies::session(&state.config, &signed_in.token);
    Ok((
        status,
        [(header::SET_COOKIE, cookie)],
        axum::Json(json!({"person": signed_in.person, "csrf_token": csrf.0})),
    )
        .into_response())
}

/// `GET /api/v1/csrf`
pub async fn csrf(Extension(token): Extension<CsrfToken>) -> ApiResult {
    super::extract::ok_json(json!({"csrf_token": token.0}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupBody {
    email: String,
    display_name: String,
    password: String,
    #[serde(default)]
    time_zone: String,
}

/// `POST /api/v1/setup`
pub async fn setup(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SetupBody>,
) -> ApiResult {
    let signed_in = accounts::setup_owner(
        &state,
        &body.email,
        &body.display_name,
        &body.password,
        &body.time_zone,
        &user_agent(&headers),
    )
    .await?;
    signed_in_response(&state, signed_in, &csrf, StatusCode::CREATED)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInBody {
    email: String,
    password: String,
}

/// `POST /api/v1/session`
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignInBody>,
) -> ApiResult {
    let signed_in = accounts::sign_in(
        &state,
        &body.email,
        &body.password,
        &peer.ip().to_string(),
        &user_agent(&headers),
    )
    .await?;
    signed_in_response(&state, signed_in, &csrf, StatusCode::OK)
}

/// `DELETE /api/v1/session`
pub async fn sign_out(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    accounts::sign_out(&state, &viewer).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookies::clear_session(&state.config))],
    )
        .into_response())
}
