//! Teams over the API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use hallway_domain::TeamId;
use serde::Deserialize;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::accounts;
use crate::auth::Viewer;
use crate::{Access, AppState};

/// `GET /api/v1/teams`
pub async fn list(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    viewer.require(Access::Member)?;
    ok_json(state.store.teams().await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamBody {
    name: String,
    #[serde(default)]
    description: String,
}

/// `POST /api/v1/teams`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<TeamBody>,
) -> ApiResult {
    let team = accounts::create_team(&state, &viewer, &body.name, &body.description).await?;
    Ok((StatusCode::CREATED, axum::Json(team)).into_response())
}

/// `PUT /api/v1/teams/{id}`
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<TeamBody>,
) -> ApiResult {
    ok_json(
        accounts::update_team(&state, &viewer, TeamId(id), &body.name, &body.description).await?,
    )
}

/// `DELETE /api/v1/teams/{id}`
pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    accounts::delete_team(&state, &viewer, TeamId(id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
