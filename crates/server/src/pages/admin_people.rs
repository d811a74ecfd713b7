//! People administration: roles, team membership, deactivation.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use hallway_domain::{PersonId, Role, TeamId};
use hallway_store::{PeopleQuery, Team};
use serde::Deserialize;

use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::accounts;
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{Access, AppState};

pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub active: bool,
    pub team_ids: Vec<i64>,
    pub manageable: bool,
    pub is_self: bool,
}

#[derive(Template)]
#[template(path = "admin_people.html")]
struct PeoplePage {
    nav: Nav,
    people: Vec<PersonRow>,
    teams: Vec<Team>,
    roles: Vec<&'static str>,
    /// The search text, shown back in its box.
    q: String,
}

/// `?q=` on the people admin: part of a name or email.
#[derive(Deserialize, Default)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// `GET /admin/people` (`?q=` searches names and emails)
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Query(search): Query<Search>,
) -> PageResult {
    viewer.require(Access::Admin)?;
    let q = search.q.trim().to_owned();
    let query = PeopleQuery {
        text: (!q.is_empty()).then(|| q.clone()),
        include_inactive: true,
        ..PeopleQuery::default()
    };
    let people = state.store.search_people(&query).await?;
    let rows = people
        .iter()
        .map(|p| PersonRow {
            id: p.id.0,
            name: p.profile.display_name.to_string(),
            email: p.email.to_string(),
            role: p.role.to_string(),
            active: p.active,
            team_ids: p.teams.iter().map(|t| t.id.0).collect(),
            manageable: viewer.role().may_manage(p.role) && p.id != viewer.person.id,
            is_self: p.id == viewer.person.id,
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .filter(|r| viewer.role().may_grant(**r))
        .map(|r| r.as_str())
        .collect();
    Ok(render(&PeoplePage {
        nav: Nav::new(Some(&viewer), &csrf),
        people: rows,
        teams: state.store.teams().await?,
        roles,
        q,
    }))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

/// `POST /admin/people/{id}/role`
pub async fn set_role(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    PageForm(form): PageForm<RoleForm>,
) -> PageResult {
    viewer.require(Access::Admin)?;
    let role = Role::parse(&form.role).map_err(crate::AppError::from)?;
    accounts::set_role(&state, &viewer, PersonId(id), role).await?;
    Ok(Redirect::to("/admin/people").into_response())
}

/// `POST /admin/people/{id}/teams` with one `team` field per checked box.
pub async fn set_teams(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> PageResult {
    viewer.require(Access::Admin)?;
    let mut teams = Vec::new();
    for (key, value) in form_urlencoded::parse(&body) {
        if key == "team" {
            let team = value
                .parse::<i64>()
                .map_err(|_| crate::AppError::BadRequest(format!("{value:?} is not a team id")))?;
            teams.push(TeamId(team));
        }
    }
    accounts::set_teams(&state, &viewer, PersonId(id), &teams).await?;
    Ok(Redirect::to("/admin/people").into_response())
}

/// `POST /admin/people/{id}/deactivate`
pub async fn deactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    accounts::deactivate_person(&state, &viewer, PersonId(id)).await?;
    Ok(Redirect::to("/admin/people").into_response())
}

/// `POST /admin/people/{id}/reactivate`
pub async fn reactivate(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    accounts::reactivate_person(&state, &viewer, PersonId(id)).await?;
    Ok(Redirect::to("/admin/people").into_response())
}
