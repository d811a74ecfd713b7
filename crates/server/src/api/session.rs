//! Owner setup, sign-in and sign-out over the API, and the CSRF token for API clients.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::Extension;
use serde::Deserialize;
use serde_json::json;

use super::extract::{ApiJson, ApiResult};
use crate::accounts::{self, SignInAttempt, SignedIn};
use crate::auth::csrf::CsrfToken;
use crate::auth::{cookies, device, MaybeViewer, Viewer};
use crate::{AppState, ClientAddr};

pub fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown")
        .to_owned()
}

/// The cookies a sign-in sets: the session, and the known-device cookie.
pub(crate) fn sign_in_cookies(
    state: &AppState,
    signed_in: &SignedIn,
) -> AppendHeaders<Vec<(HeaderName, String)>> {
    let mut set = vec![(
        header::SET_COOKIE,
        cookies::session(&state.config, &signed_in.token),
    )];
    if let Some(value) = &signed_in.device {
        set.push((header::SET_COOKIE, device::set_cookie(&state.config, value)));
    }
    AppendHeaders(set)
}

/// The known-device cookie the browser sent, if any.
pub(crate) fn device_cookie(state: &AppState, headers: &HeaderMap) -> Option<String> {
    cookies::read(headers, device::cookie_name(&state.config))
}

fn signed_in_response(
    state: &AppState,
    signed_in: SignedIn,
    csrf: &CsrfToken,
    status: StatusCode,
) -> ApiResult {
    Ok((
        status,
        sign_in_cookies(state, &signed_in),
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
    client: ClientAddr,
    MaybeViewer(viewer): MaybeViewer,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignInBody>,
) -> ApiResult {
    let device = device_cookie(&state, &headers);
    let agent = user_agent(&headers);
    let attempt = SignInAttempt {
        email: &body.email,
        password: &body.password,
        client: client.0,
        user_agent: &agent,
        device_cookie: device.as_deref(),
        signed_in_as: viewer.map(|v| v.person.id),
    };
    let signed_in = accounts::sign_in(&state, attempt).await?;
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
