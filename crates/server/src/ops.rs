//! Operational endpoints: liveness, readiness (checks the database) and metrics.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use subtle::ConstantTimeEq;

use crate::{AppError, AppState};

/// `GET /healthz`: the process is up.
pub async fn healthz() -> Response {
    (StatusCode::OK, axum::Json(json!({"status": "ok"}))).into_response()
}

/// `GET /readyz`: the database answers; 503 with a clear reason when it does not.
pub async fn readyz(State(state): State<AppState>) -> Response {
    // Answer within a second even while the pool waits out its own (longer) timeout.
    let answered = tokio::time::timeout(READY_WITHIN, state.store.ping()).await;
    match answered.unwrap_or_else(|_| {
        Err(hallway_store::StoreError::Unavailable(
            "no answer within a second".into(),
        ))
    }) {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(json!({"status": "ready", "database": state.store.backend()})),
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({
                    "status": "unavailable",
                    "database": state.store.backend(),
                    "detail": "the database does not answer",
                })),
            )
                .into_response()
        }
    }
}

/// How long `/readyz` and `/metrics` wait for the database.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_millis(800);

/// Whether a request may read `/metrics`: anyone, unless `metrics_token` is set.
fn may_read_metrics(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = &state.config.metrics_token else {
        return true;
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    given.len() == token.len() && bool::from(given.as_bytes().ct_eq(token.as_bytes()))
}

/// `GET /metrics`: Prometheus text format.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !may_read_metrics(&state, &headers) {
        let mut response = AppError::Unauthenticated.into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            axum::http::HeaderValue::from_static("Bearer"),
        );
        return response;
    }
    let up = tokio::time::timeout(READY_WITHIN, state.store.ping())
        .await
        .is_ok_and(|pinged| pinged.is_ok());
    let mut text = state.metrics.render(up);
    text.push_str(&format!(
        "# HELP hallway_live_connections Live WebSockets open on this node.\n\
         # TYPE hallway_live_connections gauge\n\
         hallway_live_connections {}\n",
        state.hub.connection_count()
    ));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}

/// A known path asked with a method it does not take: problem JSON naming the method.
pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> Response {
    AppError::MethodNotAllowed(format!("{} does not accept {method}", uri.path())).into_response()
}
