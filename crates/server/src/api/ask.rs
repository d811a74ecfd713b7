//! The been-there finder over HTTP: asking who has been here before, and the "don't suggest
//! me" choice.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// Suggestions returned when the caller does not say.
const DEFAULT_LIMIT: usize = 3;
/// The most suggestions one question may ask for.
const MAX_LIMIT: usize = 10;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskBody {
    question: String,
    #[serde(default)]
    limit: Option<usize>,
}

/// `POST /api/v1/ask`
pub async fn ask(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<AskBody>,
) -> ApiResult {
    let finder = state
        .finder
        .as_ref()
        .ok_or(AppError::NotReady("the finder is not running on this node"))?;
    let limit = body.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let answer = finder.ask(viewer.person.id, &body.question, limit).await?;
    ok_json(answer)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestionsBody {
    opted_out: bool,
}

/// `GET /api/v1/me/suggestions`
pub async fn show_choice(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    let opted_out = state.store.suggestions_opted_out(viewer.person.id).await?;
    ok_json(json!({ "opted_out": opted_out }))
}

/// `PUT /api/v1/me/suggestions`
pub async fn set_choice(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(body): ApiJson<SuggestionsBody>,
) -> ApiResult {
    state
        .store
        .set_suggestions_opted_out(viewer.person.id, body.opted_out)
        .await?;
    ok_json(json!({ "opted_out": body.opted_out }))
}
