//! The account page: my sessions (with revoke), password change, export, deletion.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use hallway_domain::SessionId;
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::accounts;
use crate::auth::csrf::CsrfToken;
use crate::auth::{cookies, Viewer};
use crate::{AppError, AppState};

pub struct SessionRow {
    pub id: i64,
    /// The device in words ("Chrome on Linux"); the full user agent is its tooltip.
    pub device: String,
    pub user_agent: String,
    pub created: String,
    pub expires: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    nav: Nav,
    email: String,
    role: String,
    sessions: Vec<SessionRow>,
    notice: String,
    password_error: String,
    delete_error: String,
    in_pulse: bool,
}

#[derive(Deserialize)]
pub struct Notice {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    notice: String,
    password_error: String,
    delete_error: String,
) -> Result<Response, AppError> {
    let sessions = state
        .store
        .sessions_of(viewer.person.id)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            id: s.id.0,
            device: accounts::device_label(&s.user_agent),
            user_agent: s.user_agent,
            created: s.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            expires: s.expires_at.format("%Y-%m-%d").to_string(),
            current: s.id == viewer.session.id,
        })
        .collect();
    Ok(render(&AccountPage {
        nav: Nav::new(Some(viewer), csrf),
        email: viewer.person.email.to_string(),
        role: viewer.role().to_string(),
        sessions,
        notice,
        password_error,
        delete_error,
        in_pulse: !state.store.left_pulse(viewer.person.id).await?,
    }))
}

/// `GET /account`
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let notice = match notice.done.as_deref() {
        Some("password") => "Password changed. Your other sessions were signed out.",
        Some("revoked") => "That session was signed out.",
        Some("pulse-left") => "You left pulse: what was recorded about you is forgotten.",
        Some("pulse-rejoined") => "You are back in pulse.",
        _ => "",
    };
    Ok(page(
        &state,
        &viewer,
        &csrf,
        notice.to_owned(),
        String::new(),
        String::new(),
    )
    .await?)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /account/password`
pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<PasswordForm>,
) -> PageResult {
    match accounts::change_password(&state, &viewer, &form.current_password, &form.new_password)
        .await
    {
        Ok(()) => Ok(Redirect::to("/account?done=password").into_response()),
        Err(error @ AppError::Invalid(_)) => {
            let response = page(
                &state,
                &viewer,
                &csrf,
                String::new(),
                error.to_string(),
                String::new(),
            )
            .await?;
            Ok(with_status(&error, response))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /account/sessions/{id}/revoke`
pub async fn revoke_session(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    accounts::revoke_session(&state, &viewer, SessionId(id)).await?;
    if id == viewer.session.id.0 {
        return Ok((
            [(header::SET_COOKIE, cookies::clear_session(&state.config))],
            Redirect::to("/signin"),
        )
            .into_response());
    }
    Ok(Redirect::to("/account?done=revoked").into_response())
}

/// `GET /account/export`: the same JSON download as the API.
pub async fn export(state: State<AppState>, viewer: Viewer) -> PageResult {
    Ok(crate::api::export_response(state, viewer).await?)
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
}

/// `POST /account/delete`
pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<DeleteForm>,
) -> PageResult {
    match accounts::delete_account(&state, &viewer, &form.password).await {
        Ok(()) => Ok((
            [(header::SET_COOKIE, cookies::clear_session(&state.config))],
            Redirect::to("/signin"),
        )
            .into_response()),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let response = page(
                &state,
                &viewer,
                &csrf,
                String::new(),
                String::new(),
                error.to_string(),
            )
            .await?;
            Ok(with_status(&error, response))
        }
        Err(other) => Err(other.into()),
    }
}
