//! The signed-in person making a request, found from the session cookie.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use hallway_domain::{Role, Status};
use hallway_store::{Person, Session, StoreError};

use super::{cookies, token_hash};
use crate::{Access, AppError, AppState};

/// A signed-in, active person and the session they are using.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub person: Person,
    pub session: Session,
    /// The status they chose, from the live hub's memory (no store read).
    pub status: Status,
}

impl Viewer {
    pub fn role(&self) -> Role {
        self.person.role
    }

    /// Checks that this viewer has at least `access`; the one place roles become 403s.
    pub fn require(&self, access: Access) -> Result<(), AppError> {
        let allowed = match access {
            Access::Public | Access::SignedIn => true,
            Access::Setup => false,
            Access::Member => self.role().sees_directory(),
            Access::Admin => self.role().is_admin(),
        };
        if allowed {
            Ok(())
        } else {
            Err(AppError::forbidden(match access {
                Access::Admin => "only admins and owners may do this",
                Access::Setup => "Hallway is already set up",
                _ => "guests cannot see this; ask an admin for a member account",
            }))
        }
    }
}

/// Looks up the viewer for a request, if it carries a live session.
async fn find_viewer(parts: &Parts, state: &AppState) -> Result<Option<Viewer>, AppError> {
    let name = cookies::session_cookie_name(&state.config);
    let Some(token) = cookies::read(&parts.headers, name) else {
        return Ok(None);
    };
    match state
        .store
        .session_by_token_hash(&token_hash(&token), Utc::now())
        .await
    {
        Ok((session, person)) => Ok(Some(Viewer {
            status: state.hub.status_of(person.id),
            person,
            session,
        })),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Why a request needing a viewer was refused: API callers get 401 problem JSON, pages a
/// redirect to the sign-in page.
pub struct NotSignedIn {
    api: bool,
    error: Option<AppError>,
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match (self.error, self.api) {
            (Some(error), true) => error.into_response(),
            (Some(error), false) => crate::pages::PageError(error).into_response(),
            (None, true) => AppError::Unauthenticated.into_response(),
            (None, false) => Redirect::to("/signin").into_response(),
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        match find_viewer(parts, state).await {
            Ok(Some(viewer)) => Ok(viewer),
            Ok(None) => Err(NotSignedIn { api, error: None }),
            Err(error) => Err(NotSignedIn {
                api,
                error: Some(error),
            }),
        }
    }
}

/// The viewer if signed in; anonymous requests get `None` rather than a refusal.
pub struct MaybeViewer(pub Option<Viewer>);

impl FromRequestParts<AppState> for MaybeViewer {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        find_viewer(parts, state)
            .await
            .map(MaybeViewer)
            .map_err(|error| NotSignedIn {
                api,
                error: Some(error),
            })
    }
}
