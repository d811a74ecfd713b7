//! Builds a router from a route table and enforces each route's [`Access`] before its handler
//! runs, so a caller without access is refused before any request body is read. The API and the
//! pages share this; handlers may still check finer rules (e.g. whom an admin manages).

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::Router;

use crate::auth::Viewer;
use crate::pages::PageError;
use crate::{Access, AppError, AppState};

/// One router from `(path, access, handler)` entries; handlers sharing a path are merged.
pub(crate) fn table_router(
    entries: Vec<(&'static str, Access, MethodRouter<AppState>)>,
    state: &AppState,
) -> Router<AppState> {
    let mut by_path: Vec<(&'static str, MethodRouter<AppState>)> = Vec::new();
    for (path, access, handler) in entries {
        let handler = handler.route_layer(from_fn_with_state(
            state.clone(),
            move |state: State<AppState>, request: Request, next: Next| {
                enforce(state, access, request, next)
            },
        ));
        match by_path.iter_mut().find(|(p, _)| *p == path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(handler),
            None => by_path.push((path, handler)),
        }
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
}

/// A refusal as the caller expects it: problem JSON for the API, an HTML page otherwise.
fn refuse(api: bool, error: AppError) -> Response {
    if api {
        error.into_response()
    } else {
        PageError(error).into_response()
    }
}

async fn enforce(
    State(state): State<AppState>,
    access: Access,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    match access {
        Access::Public => next.run(request).await,
        Access::Setup => match state.store.count_people().await {
            Ok(0) => next.run(request).await,
            Ok(_) => refuse(
                api,
                AppError::forbidden("Hallway is already set up: sign in instead"),
            ),
            Err(error) => refuse(api, error.into()),
        },
        Access::SignedIn | Access::Member | Access::Admin => {
            let (mut parts, body) = request.into_parts();
            let viewer = match Viewer::from_request_parts(&mut parts, &state).await {
                Ok(viewer) => viewer,
                Err(refusal) => return refusal.into_response(),
            };
            if let Err(error) = viewer.require(access) {
                return refuse(api, error);
            }
            parts.extensions.insert(viewer);
            next.run(Request::from_parts(parts, body)).await
        }
    }
}
