//! The notes pages: recent "solved" and "learned" notes, one note with its author and tags, and
//! the form to write or change one. Everyone but guests reads and writes notes; only a note's
//! author changes or deletes it. Every write nudges the finder, so a fresh note makes its
//! author findable within moments.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use chrono::Utc;
use hallway_domain::{NoteId, PersonId};
use hallway_store::{NewNote, Note, StoreError};
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::api::NoteInput;
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// Notes on one page of the list.
const PAGE: u32 = 30;

/// A note as the pages show it.
pub struct NoteCard {
    pub id: i64,
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    /// The author's id, or `None` when the author's account is gone.
    pub author_id: Option<i64>,
    pub author: String,
    pub tags: Vec<String>,
    pub date: String,
    pub edited: String,
}

#[derive(Template)]
#[template(path = "notes.html")]
struct NotesPage {
    nav: Nav,
    notes: Vec<NoteCard>,
    older: Option<i64>,
}

#[derive(Template)]
#[template(path = "note.html")]
struct NotePage {
    nav: Nav,
    note: NoteCard,
    mine: bool,
}

#[derive(Template)]
#[template(path = "note_form.html")]
struct NoteFormPage {
    nav: Nav,
    heading: &'static str,
    action: String,
    error: String,
    /// The field the error is about, so the form can mark it.
    error_field: &'static str,
    form: NoteForm,
}

/// The note form as posted: tags are one comma-separated line.
#[derive(Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: String,
}

impl NoteForm {
    fn input(&self) -> NoteInput {
        NoteInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            tags: self.tags.split(',').map(|t| t.trim().to_owned()).collect(),
        }
    }

    fn of(note: &Note) -> Self {
        NoteForm {
            kind: note.kind.as_str().to_owned(),
            title: note.title.as_str().to_owned(),
            body: note.body.as_str().to_owned(),
            tags: tag_list(note).join(", "),
        }
    }
}

fn tag_list(note: &Note) -> Vec<String> {
    note.tags.iter().map(|t| t.as_str().to_owned()).collect()
}

/// Authors' names, looked up once per page.
#[derive(Default)]
struct Authors(HashMap<PersonId, Option<String>>);

impl Authors {
    async fn name(&mut self, state: &AppState, id: PersonId) -> Result<Option<String>, AppError> {
        if let Some(known) = self.0.get(&id) {
            return Ok(known.clone());
        }
        let name = match state.store.person(id).await {
            Ok(person) => Some(person.profile.display_name.to_string()),
            Err(StoreError::NotFound(_)) => None,
            Err(other) => return Err(other.into()),
        };
        self.0.insert(id, name.clone());
        Ok(name)
    }

    async fn card(&mut self, state: &AppState, note: &Note) -> Result<NoteCard, AppError> {
        let author = self.name(state, note.author).await?;
        Ok(NoteCard {
            id: note.id.0,
            kind: note.kind.as_str(),
            title: note.title.as_str().to_owned(),
            body: note.body.as_str().to_owned(),
            author_id: author.as_ref().map(|_| note.author.0),
            author: author.unwrap_or_else(|| "someone who has left".to_owned()),
            tags: tag_list(note),
            date: note.created_at.format("%Y-%m-%d").to_string(),
            edited: note
                .edited_at
                .map(|at| at.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        })
    }
}

#[derive(Deserialize)]
pub struct Older {
    before: Option<i64>,
}

/// `GET /notes`: the newest notes first.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Query(older): Query<Older>,
) -> PageResult {
    let notes = state.store.notes(older.before.map(NoteId), PAGE).await?;
    let mut authors = Authors::default();
    let mut cards = Vec::with_capacity(notes.len());
    for note in &notes {
        cards.push(authors.card(&state, note).await?);
    }
    let older = (notes.len() == PAGE as usize)
        .then(|| notes.last().map(|n| n.id.0))
        .flatten();
    Ok(render(&NotesPage {
        nav: Nav::new(Some(&viewer), &csrf),
        notes: cards,
        older,
    }))
}

/// `GET /notes/{id}`
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> PageResult {
    let note = state.store.note(NoteId(id)).await?;
    Ok(render(&NotePage {
        nav: Nav::new(Some(&viewer), &csrf),
        mine: note.author == viewer.person.id,
        note: Authors::default().card(&state, &note).await?,
    }))
}

fn form_page(
    viewer: &Viewer,
    csrf: &CsrfToken,
    editing: Option<i64>,
    form: NoteForm,
) -> NoteFormPage {
    NoteFormPage {
        nav: Nav::new(Some(viewer), csrf),
        heading: if editing.is_some() {
            "Change your note"
        } else {
            "Write a note"
        },
        action: editing.map_or_else(|| "/notes".to_owned(), |id| format!("/notes/{id}")),
        error: String::new(),
        error_field: "",
        form,
    }
}

/// The form again with the problem named, and the status the problem calls for.
fn refused(mut page: NoteFormPage, error: AppError) -> PageResult {
    if let AppError::Invalid(invalid) = &error {
        page.error_field = invalid.field;
    }
    page.error = error.to_string();
    Ok(with_status(&error, render(&page)))
}

/// `GET /notes/new`
pub async fn new_form(viewer: Viewer, Extension(csrf): Extension<CsrfToken>) -> PageResult {
    let form = NoteForm {
        kind: "solved".into(),
        ..NoteForm::default()
    };
    Ok(render(&form_page(&viewer, &csrf, None, form)))
}

/// `POST /notes`
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<NoteForm>,
) -> PageResult {
    let checked = match form.input().check() {
        Ok(checked) => checked,
        Err(invalid) => return refused(form_page(&viewer, &csrf, None, form), invalid.into()),
    };
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
    Ok(Redirect::to(&format!("/notes/{}", note.id.0)).into_response())
}

/// The note, if the viewer wrote it: others may read it but not change it.
async fn own(state: &AppState, viewer: &Viewer, id: NoteId) -> Result<Note, AppError> {
    let note = state.store.note(id).await?;
    if note.author != viewer.person.id {
        return Err(AppError::forbidden("only its author may change a note"));
    }
    Ok(note)
}

/// `GET /notes/{id}/edit`
pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> PageResult {
    let note = own(&state, &viewer, NoteId(id)).await?;
    Ok(render(&form_page(
        &viewer,
        &csrf,
        Some(id),
        NoteForm::of(&note),
    )))
}

/// `POST /notes/{id}`: replaces one of the viewer's notes.
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    PageForm(form): PageForm<NoteForm>,
) -> PageResult {
    own(&state, &viewer, NoteId(id)).await?;
    let edit = match form.input().check() {
        Ok(edit) => edit,
        Err(invalid) => return refused(form_page(&viewer, &csrf, Some(id), form), invalid.into()),
    };
    state
        .store
        .edit_note(NoteId(id), viewer.person.id, edit, Utc::now())
        .await?;
    state.nudge_finder();
    Ok(Redirect::to(&format!("/notes/{id}")).into_response())
}

/// `POST /notes/{id}/delete`
pub async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    own(&state, &viewer, NoteId(id)).await?;
    state
        .store
        .delete_note(NoteId(id), viewer.person.id)
        .await?;
    state.nudge_finder();
    Ok(Redirect::to("/notes").into_response())
}
