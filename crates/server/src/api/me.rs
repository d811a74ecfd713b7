//! The signed-in person's own things: profile, password, sessions, export, deletion.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use std::collections::BTreeMap;

use hallway_domain::{Invalid, ProfileInput, SessionId, TeamId, WorkingHours, WEEKDAYS};
use serde::Deserialize;
use serde_json::json;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::accounts;
use crate::auth::{cookies, Viewer};
use crate::AppState;

/// `GET /api/v1/me`
pub async fn show(viewer: Viewer) -> ApiResult {
    ok_json(viewer.person)
}

/// A profile as JSON. Working hours are read as text and checked afterwards, so an inverted
/// or overlapping interval is a 422 naming the field and the day (as on the profile page),
/// not a 400 about the JSON's shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileBody {
    display_name: String,
    #[serde(default)]
    pronouns: String,
    time_zone: String,
    working_hours: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    ask_me_about: Vec<String>,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    teams: Option<Vec<TeamId>>,
}

impl ProfileBody {
    pub fn check(self) -> Result<ProfileInput, Invalid> {
        let mut days: [String; 7] = Default::default();
        for (key, intervals) in &self.working_hours {
            let index = WEEKDAYS.iter().position(|d| d == key).ok_or_else(|| {
                Invalid::new(
                    "working_hours",
                    format!("unknown weekday {key:?}; use mon, tue, wed, thu, fri, sat, sun"),
                )
            })?;
            days[index] = intervals.join(",");
        }
        let working_hours = WorkingHours::parse_week(days.each_ref().map(String::as_str))?;
        Ok(ProfileInput {
            display_name: self.display_name,
            pronouns: self.pronouns,
            time_zone: self.time_zone,
            working_hours,
            ask_me_about: self.ask_me_about,
            bio: self.bio,
            teams: self.teams,
        })
    }
}

/// `PUT /api/v1/me/profile`
pub async fn update_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<ProfileBody>,
) -> ApiResult {
    let id = viewer.person.id;
    let input = body.check()?;
    ok_json(accounts::update_profile(&state, &viewer, id, input).await?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    current_password: String,
    new_password: String,
}

/// `PUT /api/v1/me/password`
pub async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<PasswordBody>,
) -> ApiResult {
    accounts::change_password(&state, &viewer, &body.current_password, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/me/sessions`
pub async fn sessions(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    let sessions = state.store.sessions_of(viewer.person.id).await?;
    let listed: Vec<_> = sessions
        .into_iter()
        .map(|s| {
            json!({"id": s.id, "user_agent": s.user_agent, "created_at": s.created_at,
                        "expires_at": s.expires_at, "current": s.id == viewer.session.id})
        })
        .collect();
    ok_json(listed)
}

/// `DELETE /api/v1/me/sessions/{id}`
pub async fn revoke_session(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    accounts::revoke_session(&state, &viewer, SessionId(id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/me/export`: a JSON download of everything stored about the viewer.
pub async fn export(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    let export = state.store.export_person(viewer.person.id).await?;
    let body = json!({
        "format": "hallway-export/1",
        "exported_at": chrono::Utc::now(),
        "data": export,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"hallway-export-{}.json\"",
                    viewer.person.id
                ),
            ),
        ],
        body.to_string(),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteBody {
    password: String,
}

/// `DELETE /api/v1/me`
pub async fn delete_account(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<DeleteBody>,
) -> ApiResult {
    accounts::delete_account(&state, &viewer, &body.password).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookies::clear_session(&state.config))],
    )
        .into_response())
}
