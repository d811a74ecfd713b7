//! `ApiJson<T>`: a JSON body whose every failure (malformed, wrong type, unknown field, too
//! large, wrong content type) becomes problem JSON naming what is wrong.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::{AppError, AppState};

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(explain(rejection, state.config.max_body_bytes)),
        }
    }
}

fn explain(rejection: JsonRejection, limit: usize) -> AppError {
    match rejection {
        JsonRejection::JsonDataError(error) => AppError::BadRequest(format!(
            "the JSON body does not fit: {}",
            inner_message(&error.body_text())
        )),
        JsonRejection::JsonSyntaxError(error) => AppError::BadRequest(format!(
            "the body is not valid JSON: {}",
            inner_message(&error.body_text())
        )),
        JsonRejection::MissingJsonContentType(_) => {
            AppError::BadRequest("send the body as JSON with Content-Type: application/json".into())
        }
        JsonRejection::BytesRejection(error) => {
            if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge(limit)
            } else if let Some(slow) = too_slow(&error.body_text()) {
                slow
            } else {
                AppError::BadRequest(format!("could not read the body: {}", error.body_text()))
            }
        }
        other => AppError::BadRequest(other.body_text()),
    }
}

/// A body that missed its deadline (see `connections::body_deadline`), from a rejection's text.
pub(crate) fn too_slow(text: &str) -> Option<AppError> {
    text.contains("did not arrive within").then(|| {
        let detail = text
            .split_once("the request body")
            .map(|(_, rest)| format!("the request body{rest}"))
            .unwrap_or_else(|| text.to_owned());
        AppError::RequestTimeout(detail)
    })
}

/// Drops axum's generic prefix, keeping serde's precise message (field, line, column).
fn inner_message(text: &str) -> String {
    text.split_once(": ")
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_else(|| text.to_owned())
}

/// Lets handlers return `ApiResult<impl IntoResponse>` uniformly.
pub type ApiResult = Result<Response, AppError>;

pub fn ok_json<T: serde::Serialize>(value: T) -> ApiResult {
    Ok(axum::Json(value).into_response())
}
