//! Team administration: create, rename, describe and delete teams.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use hallway_domain::TeamId;
use hallway_store::Team;
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::accounts;
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

#[derive(Template)]
#[template(path = "admin_teams.html")]
struct TeamsPage {
    nav: Nav,
    teams: Vec<Team>,
    error: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
pub struct TeamForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    error: String,
    form: TeamForm,
) -> Result<axum::response::Response, AppError> {
    Ok(render(&TeamsPage {
        nav: Nav::new(Some(viewer), csrf),
        teams: state.store.teams().await?,
        error,
        name: form.name,
        description: form.description,
    }))
}

/// `GET /admin/teams`
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    viewer.require(Access::Admin)?;
    Ok(page(
        &state,
        &viewer,
        &csrf,
        String::new(),
        TeamForm {
            name: String::new(),
            description: String::new(),
        },
    )
    .await?)
}

async fn answer(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    form: TeamForm,
    result: Result<(), AppError>,
) -> PageResult {
    match result {
        Ok(()) => Ok(Redirect::to("/admin/teams").into_response()),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let response = page(state, viewer, csrf, error.to_string(), form).await?;
            Ok(with_status(&error, response))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /admin/teams`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<TeamForm>,
) -> PageResult {
    let result = accounts::create_team(&state, &viewer, &form.name, &form.description)
        .await
        .map(|_| ());
    answer(&state, &viewer, &csrf, form, result).await
}

/// `POST /admin/teams/{id}`
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    PageForm(form): PageForm<TeamForm>,
) -> PageResult {
    let result = accounts::update_team(&state, &viewer, TeamId(id), &form.name, &form.description)
        .await
        .map(|_| ());
    answer(
        &state,
        &viewer,
        &csrf,
        TeamForm {
            name: String::new(),
            description: String::new(),
        },
        result,
    )
    .await
}

/// `POST /admin/teams/{id}/delete`
pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    accounts::delete_team(&state, &viewer, TeamId(id)).await?;
    Ok(Redirect::to("/admin/teams").into_response())
}
