//! Invite administration: create links (shown once), see their use, revoke them.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use chrono::Utc;
use hallway_domain::{InviteId, Role};
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::accounts::{self, InviteRequest};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

pub struct InviteRow {
    pub id: i64,
    pub role: String,
    pub note: String,
    pub uses: String,
    pub expires: String,
    pub state: String,
    pub usable: bool,
}

#[derive(Template)]
#[template(path = "admin_invites.html")]
struct InvitesPage {
    nav: Nav,
    invites: Vec<InviteRow>,
    roles: Vec<&'static str>,
    created_url: String,
    error: String,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    created_url: String,
    error: String,
) -> Result<axum::response::Response, AppError> {
    let now = Utc::now();
    let invites = state
        .store
        .invites()
        .await?
        .into_iter()
        .map(|i| {
            let problem = i.problem(now);
            InviteRow {
                id: i.id.0,
                role: i.role.to_string(),
                note: i.note.clone(),
                uses: format!("{} of {}", i.uses, i.max_uses),
                expires: i.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                state: problem
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "usable".into()),
                usable: problem.is_none(),
            }
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .filter(|r| viewer.role().may_grant(**r) && **r != Role::Owner)
        .map(|r| r.as_str())
        .collect();
    Ok(render(&InvitesPage {
        nav: Nav::new(Some(viewer), csrf),
        invites,
        roles,
        created_url,
        error,
    }))
}

/// `GET /admin/invites`
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    viewer.require(Access::Admin)?;
    Ok(page(&state, &viewer, &csrf, String::new(), String::new()).await?)
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    expires_in_hours: String,
    #[serde(default)]
    max_uses: String,
    #[serde(default)]
    note: String,
}

/// `POST /admin/invites`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<InviteForm>,
) -> PageResult {
    viewer.require(Access::Admin)?;
    let number = |field: &'static str, text: &str| -> Result<i64, AppError> {
        text.trim().parse::<i64>().map_err(|_| {
            hallway_domain::Invalid::new(field, format!("{text:?} is not a whole number")).into()
        })
    };
    let request = (|| -> Result<InviteRequest, AppError> {
        Ok(InviteRequest {
            role: form.role.clone(),
            expires_in_hours: number("expires_in_hours", &form.expires_in_hours)?,
            max_uses: u32::try_from(number("max_uses", &form.max_uses)?).map_err(|_| {
                hallway_domain::Invalid::new("max_uses", "must be between 1 and 1000")
            })?,
            teams: Vec::new(),
            note: form.note.clone(),
        })
    })();
    let result = match request {
        Ok(request) => accounts::create_invite(&state, &viewer, request).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(created) => Ok(page(&state, &viewer, &csrf, created.url, String::new()).await?),
        Err(
            error @ (AppError::Invalid(_) | AppError::TooManyRequests(_) | AppError::Forbidden(_)),
        ) => {
            let response = page(&state, &viewer, &csrf, String::new(), error.to_string()).await?;
            Ok(with_status(&error, response))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /admin/invites/{id}/revoke`
pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    viewer.require(Access::Admin)?;
    state.store.revoke_invite(InviteId(id)).await?;
    Ok(Redirect::to("/admin/invites").into_response())
}
