//! "Solved" and "learned" notes: anyone but guests reads and writes them; only a note's author
//! changes or deletes it. Each write nudges the finder so the note is evidence within moments.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::Utc;
use hallway_domain::{Invalid, NoteBody, NoteId, NoteKind, NoteTitle, Tag};
use hallway_store::{NewNote, NoteEdit};
use serde::Deserialize;
use serde_json::json;

use super::extract::{ok_json, ApiJson, ApiResult};
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// Notes per page when the caller does not say, and the most one page holds.
const PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;
/// The most tags a note carries.
const MAX_TAGS: usize = 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) body: String,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
}

impl NoteInput {
    /// The checked note; a failure names the field.
    pub fn check(&self) -> Result<NoteEdit, Invalid> {
        let mut tags: Vec<Tag> = Vec::new();
        for tag in self.tags.iter().filter(|t| !t.trim().is_empty()) {
            let tag = Tag::parse(tag)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > MAX_TAGS {
            return Err(Invalid::new("tags", format!("at most {MAX_TAGS} tags")));
        }
        Ok(NoteEdit {
            kind: NoteKind::parse(&self.kind)?,
            title: NoteTitle::parse(&self.title)?,
            body: NoteBody::parse(&self.body)?,
            tags,
        })
    }
}

#[derive(Deserialize)]
pub struct Page {
    before: Option<i64>,
    limit: Option<u32>,
}

/// `GET /api/v1/notes`
pub async fn list(State(state): State<AppState>, Query(page): Query<Page>) -> ApiResult {
    let limit = page.limit.unwrap_or(PAGE).clamp(1, MAX_PAGE);
    let notes = state.store.notes(page.before.map(NoteId), limit).await?;
    let next = (notes.len() == limit as usize)
        .then(|| notes.last().map(|n| n.id))
        .flatten();
    ok_json(json!({ "notes": notes, "next_before": next }))
}

/// `POST /api/v1/notes`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NoteInput>,
) -> ApiResult {
    let checked = input.check()?;
    let note = state
        .store
        .create_note(NewNote {
            kind: checked.kind,
            title: checked.title,
            body: checked.body,
            tags: checked.tags,
            author: viewer.person.id,
            at: Utc::now(),
        })
        .await?;
    state.nudge_finder();
    Ok((StatusCode::CREATED, axum::Json(note)).into_response())
}

/// `GET /api/v1/notes/{id}`
pub async fn show(State(state): State<AppState>, Path(id): Path<i64>) -> ApiResult {
    ok_json(state.store.note(NoteId(id)).await?)
}

/// The note, if the viewer wrote it: others may read it but not change it.
async fn own(state: &AppState, viewer: &Viewer, id: NoteId) -> Result<(), AppError> {
    let note = state.store.note(id).await?;
    if note.author != viewer.person.id {
        return Err(AppError::forbidden("only its author may change a note"));
    }
    Ok(())
}

/// `PUT /api/v1/notes/{id}`
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<NoteInput>,
) -> ApiResult {
    let id = NoteId(id);
    own(&state, &viewer, id).await?;
    let edit = input.check()?;
    let note = state
        .store
        .edit_note(id, viewer.person.id, edit, Utc::now())
        .await?;
    state.nudge_finder();
    ok_json(note)
}

/// `DELETE /api/v1/notes/{id}`
pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> ApiResult {
    let id = NoteId(id);
    own(&state, &viewer, id).await?;
    state.store.delete_note(id, viewer.person.id).await?;
    state.nudge_finder();
    Ok(StatusCode::NO_CONTENT.into_response())
}
