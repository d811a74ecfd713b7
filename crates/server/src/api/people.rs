//! The directory and admin actions on people.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use hallway_domain::{PersonId, Role, Tag, TeamId};
use hallway_store::PeopleQuery;
use serde::Deserialize;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::accounts;
use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    q: Option<String>,
    team: Option<i64>,
    tag: Option<String>,
}

/// Turns directory filters into a store query; blank filters are ignored.
pub fn people_query(
    q: Option<&str>,
    team: Option<i64>,
    tag: Option<&str>,
) -> Result<PeopleQuery, AppError> {
    let tag = match tag.map(str::trim).filter(|t| !t.is_empty()) {
        Some(tag) => Some(Tag::parse(tag)?),
        None => None,
    };
    Ok(PeopleQuery {
        text: q
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_owned),
        team: team.map(TeamId),
        tag,
        include_inactive: false,
    })
}

/// `GET /api/v1/people`
pub async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<SearchParams>,
) -> ApiResult {
    viewer.require(Access::Member)?;
    let query = people_query(params.q.as_deref(), params.team, params.tag.as_deref())?;
    ok_json(state.store.search_people(&query).await?)
}

/// `GET /api/v1/people/{id}`
pub async fn show(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> ApiResult {
    ok_json(accounts::visible_person(&state, &viewer, PersonId(id)).await?)
}

/// `PUT /api/v1/people/{id}/profile`
pub async fn update_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<super::me::ProfileBody>,
) -> ApiResult {
    viewer.require(Access::Admin)?;
    let input = body.check()?;
    ok_json(accounts::update_profile(&state, &viewer, PersonId(id), input).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleBody {
    role: String,
}

/// `PUT /api/v1/people/{id}/role`
pub async fn set_role(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<RoleBody>,
) -> ApiResult {
    viewer.require(Access::Admin)?;
    let role = Role::parse(&body.role)?;
    ok_json(accounts::set_role(&state, &viewer, PersonId(id), role).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamsBody {
    teams: Vec<TeamId>,
}

/// `PUT /api/v1/people/{id}/teams`
pub async fn set_teams(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<TeamsBody>,
) -> ApiResult {
    ok_json(accounts::set_teams(&state, &viewer, PersonId(id), &body.teams).await?)
}

/// `POST /api/v1/people/{id}/deactivate`
pub async fn deactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    accounts::deactivate_person(&state, &viewer, PersonId(id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/v1/people/{id}/reactivate`
pub async fn reactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    accounts::reactivate_person(&state, &viewer, PersonId(id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
