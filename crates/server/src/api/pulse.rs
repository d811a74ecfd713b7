//! Pulse over JSON: the latest weekly snapshot (aggregates only, suppressed below k people),
//! the caller's own view of their ties, and their "left pulse" choice.

use axum::extract::State;
use axum::routing::{get, put, MethodRouter};
use axum::Json;
use chrono::Utc;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{route, with_body, ApiJson, ApiRoute};
use crate::auth::Viewer;
use crate::pulse::{self, Standing, HOW_SNAPSHOTS_ARE_MADE};
use crate::{Access, AppError, AppState};

/// Pulse's routes, appended to the API table.
pub fn routes() -> Vec<(ApiRoute, MethodRouter<AppState>)> {
    vec![
        (
            route(
                "GET",
                "/api/v1/pulse",
                Access::Member,
                "The latest weekly pulse snapshot (aggregates of 5 people or more)",
            ),
            get(latest),
        ),
        (
            route(
                "GET",
                "/api/v1/pulse/me",
                Access::Member,
                "My own ties (only mine, only for me)",
            ),
            get(mine),
        ),
        (
            with_body(
                route(
                    "PUT",
                    "/api/v1/me/pulse",
                    Access::SignedIn,
                    "Leave pulse (false) or rejoin it (true)",
                ),
                r#"{"in_pulse":false}"#,
            ),
            put(set_choice),
        ),
    ]
}

/// `GET /api/v1/pulse`
async fn latest(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    let store = state.store.as_ref();
    if !store.pulse_enabled().await? {
        return Ok(Json(json!({
            "enabled": false,
            "snapshot": null,
            "message": "pulse is turned off for this organisation",
        })));
    }
    let snapshots = pulse::snapshots(store).await?;
    Ok(Json(match snapshots.last() {
        Some(latest) => json!({"enabled": true, "snapshot": latest}),
        None => json!({
            "enabled": true,
            "snapshot": null,
            "message": format!("no snapshot yet. {HOW_SNAPSHOTS_ARE_MADE}"),
        }),
    }))
}

/// `GET /api/v1/pulse/me`
async fn mine(State(state): State<AppState>, viewer: Viewer) -> Result<Json<Value>, AppError> {
    let store = state.store.as_ref();
    let standing = Standing::of(store, viewer.person.id).await?;
    if !standing.enabled {
        return Ok(Json(
            json!({"enabled": false, "in_pulse": !standing.viewer_left, "view": null}),
        ));
    }
    if standing.viewer_left {
        return Ok(Json(
            json!({"enabled": true, "in_pulse": false, "view": null}),
        ));
    }
    let view = pulse::personal_view(store, viewer.person.id, Utc::now()).await?;
    Ok(Json(json!({
        "enabled": true,
        "in_pulse": true,
        "view": {
            "team": view.team,
            "ties": view.ties,
            "cross_team_ties": view.cross_team_ties,
            "teams_bridged": view.teams_bridged,
            "met_outside_team_recently": view.met_outside_team_recently,
            "is_newcomer": view.is_newcomer,
            "messages": view.messages,
        },
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    in_pulse: bool,
}

/// `PUT /api/v1/me/pulse`
async fn set_choice(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(choice): ApiJson<Choice>,
) -> Result<Json<Value>, AppError> {
    state
        .store
        .set_left_pulse(viewer.person.id, !choice.in_pulse)
        .await?;
    Ok(Json(json!({"in_pulse": choice.in_pulse})))
}
