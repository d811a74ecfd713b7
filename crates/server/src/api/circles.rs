//! Circles and round invitations over HTTP: list and start circles, run a round by hand
//! (admins and the circle's creator), read one's own invitations and answer them. The same
//! rules as the pages apply; who met whom is only ever returned to the people in the group.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use hallway_domain::InvitationId;
use hallway_rounds::Answer;
use serde::Deserialize;
use serde_json::json;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::auth::Viewer;
use crate::pages::circle_actions::run_round;
use crate::pages::circles::{cadence_label, start_circle, CircleForm};
use crate::pages::invitations::apply;
use crate::{Access, AppError, AppState};

/// The circle and invitation routes, appended to the API route table.
pub fn routes() -> Vec<(super::ApiRoute, axum::routing::MethodRouter<AppState>)> {
    use axum::routing::{get, post};
    use Access::{Member, SignedIn};
    vec![
        (
            super::route(
                "GET",
                "/api/v1/circles",
                Member,
                "Every circle, with member counts",
            ),
            get(list),
        ),
        (
            super::with_body(
                super::route(
                    "POST",
                    "/api/v1/circles",
                    Member,
                    "Start a circle (you join it)",
                ),
                r#"{"name":"Coffee","cadence":"weekly","shape":"pairs","cooldown_days":90}"#,
            ),
            post(create),
        ),
        (
            super::with_body(
                super::route(
                    "POST",
                    "/api/v1/circles/{id}/rounds",
                    Member,
                    "Run a circle's round now (admins and its creator); once per cycle",
                ),
                r#"{"cycle_start":"2026-12-07"}"#,
            ),
            post(run),
        ),
        (
            super::route(
                "GET",
                "/api/v1/me/invitations",
                SignedIn,
                "My round invitations",
            ),
            get(invitations),
        ),
        (
            super::with_body(
                super::route(
                    "POST",
                    "/api/v1/invitations/{id}/answer",
                    SignedIn,
                    "Accept, skip, propose another time, or say whether you met",
                ),
                r#"{"answer":"propose","start":"2026-12-08T15:00:00Z","end":"2026-12-08T15:30:00Z"}"#,
            ),
            post(answer),
        ),
    ]
}

async fn list(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    let mut out = Vec::new();
    for circle in state.store.circles().await? {
        let members = state.store.circle_members(circle.id).await?;
        let opted_in: Vec<_> = members.iter().filter(|m| m.settings.opted_in).collect();
        out.push(json!({
            "id": circle.id,
            "name": circle.name.as_str(),
            "description": circle.description,
            "cadence": circle.cadence.as_str(),
            "meets": cadence_label(circle.cadence),
            "shape": circle.shape.as_str(),
            "cooldown_days": circle.cooldown_days,
            "team": circle.team,
            "members": opted_in.len(),
            "joined": opted_in.iter().any(|m| m.person == viewer.person.id),
        }));
    }
    ok_json(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CircleBody {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    cadence: String,
    #[serde(default)]
    shape: String,
    #[serde(default)]
    cooldown_days: Option<u32>,
    /// The one team that may join; absent for everyone.
    #[serde(default)]
    team: Option<i64>,
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<CircleBody>,
) -> ApiResult {
    let form = CircleForm {
        name: body.name,
        description: body.description,
        cadence: body.cadence,
        shape: body.shape,
        cooldown_days: body
            .cooldown_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        team: body.team.map(|t| t.to_string()).unwrap_or_default(),
    };
    let circle = start_circle(&state, &viewer, &form).await?;
    Ok((StatusCode::CREATED, axum::Json(circle)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RunBody {
    #[serde(default)]
    cycle_start: String,
}

async fn run(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<RunBody>,
) -> ApiResult {
    let summary = run_round(&state, &viewer, id, &body.cycle_start).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({ "summary": summary })),
    )
        .into_response())
}

async fn invitations(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    let mut mine = state.store.invitations_of(viewer.person.id).await?;
    for invitation in &mut mine {
        invitation.reasons = hallway_rounds::reasons::shown(&invitation.reasons);
    }
    let mut people = serde_json::Map::new();
    for invitation in &mine {
        for id in &invitation.group_members {
            if let Ok(person) = state.store.person(*id).await {
                people.insert(
                    id.0.to_string(),
                    json!({
                        "name": person.profile.display_name.as_str(),
                        "time_zone": person.profile.time_zone.to_string(),
                    }),
                );
            }
        }
    }
    ok_json(json!({ "invitations": mine, "people": people }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerBody {
    answer: String,
    #[serde(default)]
    start: Option<DateTime<Utc>>,
    #[serde(default)]
    end: Option<DateTime<Utc>>,
}

async fn answer(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> ApiResult {
    let answer = match (body.answer.as_str(), body.start, body.end) {
        ("accept", _, _) => Answer::Accept,
        ("skip", _, _) => Answer::Skip,
        ("met", _, _) => Answer::Met(true),
        ("not_met", _, _) => Answer::Met(false),
        ("propose", Some(start), Some(end)) => Answer::ProposeTime { start, end },
        ("propose", _, _) => {
            return Err(AppError::BadRequest(
                "start, end: a proposal needs both, as RFC 3339 times".to_owned(),
            ))
        }
        (other, _, _) => {
            return Err(AppError::BadRequest(format!(
                "answer: {other:?} is not accept, skip, propose, met or not_met"
            )))
        }
    };
    let answered = apply(
        &state,
        viewer.person.id,
        InvitationId(id),
        answer,
        Utc::now(),
    )
    .await?;
    ok_json(answered)
}
