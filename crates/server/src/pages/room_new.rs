//! The "new room" form: open and private rooms for members, team rooms for a team's members
//! and admins. On success it leads into the new room.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use hallway_store::TeamRef;
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::rooms::{self, RoomRequest};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "room_new.html")]
struct NewRoomPage {
    nav: Nav,
    error: String,
    form: NewRoomForm,
    teams: Vec<TeamRef>,
}

#[derive(Deserialize, Default)]
pub struct NewRoomForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    team: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    overhearable: Option<String>,
}

/// The teams the viewer may open a room for: their own, or every team for admins.
async fn teams_for(state: &AppState, viewer: &Viewer) -> Result<Vec<TeamRef>, AppError> {
    if viewer.role().is_admin() {
        Ok(state
            .store
            .teams()
            .await?
            .into_iter()
            .map(|t| TeamRef {
                id: t.id,
                name: t.name,
            })
            .collect())
    } else {
        Ok(viewer.person.teams.clone())
    }
}

/// `GET /rooms/new`
pub async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    Ok(render(&NewRoomPage {
        nav: Nav::new(Some(&viewer), &csrf),
        error: String::new(),
        form: NewRoomForm {
            kind: "open".into(),
            overhearable: Some("on".into()),
            ..NewRoomForm::default()
        },
        teams: teams_for(&state, &viewer).await?,
    }))
}

/// `POST /rooms`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<NewRoomForm>,
) -> PageResult {
    let request = RoomRequest {
        name: form.name.clone(),
        topic: form.topic.clone(),
        kind: form.kind.clone(),
        team: form.team.trim().parse::<i64>().ok(),
        overhearable: Some(form.overhearable.is_some()),
    };
    match rooms::create_room(&state, &viewer, &request).await {
        Ok(room) => Ok(Redirect::to(&format!("/rooms/{}", room.id)).into_response()),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Forbidden(_))) => {
            Ok(with_status(
                &error,
                render(&NewRoomPage {
                    nav: Nav::new(Some(&viewer), &csrf),
                    error: error.to_string(),
                    form,
                    teams: teams_for(&state, &viewer).await?,
                }),
            ))
        }
        Err(AppError::NotFound("team")) => {
            let error = AppError::Invalid(hallway_domain::Invalid::new("team", "no such team"));
            Ok(with_status(
                &error,
                render(&NewRoomPage {
                    nav: Nav::new(Some(&viewer), &csrf),
                    error: error.to_string(),
                    form,
                    teams: teams_for(&state, &viewer).await?,
                }),
            ))
        }
        Err(other) => Err(other.into()),
    }
}
