//! Enforces a route's [`Access`] from the route table before its handler runs, so a caller
//! without access is refused (401/403) before any request body is even read.

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

pub async fn enforce(
    State(state): State<AppState>,
    access: Access,
    request: Request,
    next: Next,
) -> Response {
    match access {
        Access::Public => next.run(request).await,
        Access::Setup => match state.store.count_people().await {
            Ok(0) => next.run(request).await,
            Ok(_) => {
                AppError::forbidden("Hallway is already set up: sign in instead").into_response()
            }
            Err(error) => AppError::from(error).into_response(),
        },
        Access::SignedIn | Access::Member | Access::Admin => {
            let (mut parts, body) = request.into_parts();
            let viewer = match Viewer::from_request_parts(&mut parts, &state).await {
                Ok(viewer) => viewer,
                Err(refusal) => return refusal.into_response(),
            };
            if let Err(error) = viewer.require(access) {
                return error.into_response();
            }
            parts.extensions.insert(viewer);
            next.run(Request::from_parts(parts, body)).await
        }
    }
}
