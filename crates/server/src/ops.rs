//! Operational endpoints: liveness, readiness (checks the database) and metrics.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::AppState;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> Response {
    (StatusCode::OK, axum::Json(json!({"status": "ok"}))).into_response()
}

/// `GET /readyz`: the database answers; 503 with a clear reason when it does not.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
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

/// `GET /metrics`: Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let up = state.store.ping().await.is_ok();
    let mut text = state.metrics.render(up);
    text.push_str(&format!(
        "# HELP hallway_live_connections Live WebSockets open on this node.\n\
         # TYPE hallway_live_connections gauge\n\
         hallway_live_connections {}\n",
        state.hub.connection_count()
    ));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}
