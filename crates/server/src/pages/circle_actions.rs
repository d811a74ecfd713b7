//! What a person does on a circle's page: join or leave, snooze, choose how often to be paired,
//! add someone to their confidential don't-pair list, and (admins and the circle's creator) run
//! a round by hand. Each action re-renders the page with what happened or what was wrong.

use axum::extract::{Path, State};
use axum::Extension;
use chrono::{NaiveDate, Utc};
use hallway_domain::{Cadence, PersonId};
use hallway_store::MemberSettings;
use serde::Deserialize;

use super::circles::{find, may_join, may_run, open_to, page_with, upcoming_cycle};
use super::invitations::round_error;
use super::layout::{PageForm, PageResult};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// The membership form: `action` is join, leave or save (snooze and frequency).
#[derive(Deserialize)]
pub struct MembershipForm {
    #[serde(default)]
    action: String,
    /// YYYY-MM-DD, or empty for "not snoozed".
    #[serde(default)]
    snoozed_until: String,
    /// Empty for the circle's own cadence, or every_two_weeks / monthly.
    #[serde(default)]
    frequency: String,
}

/// `POST /circles/{id}/membership`
pub async fn membership(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    PageForm(form): PageForm<MembershipForm>,
) -> PageResult {
    let outcome = set_membership(&state, &viewer, id, &form).await;
    Ok(page_with(&state, &viewer, &csrf, id, outcome).await?)
}

async fn set_membership(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    form: &MembershipForm,
) -> Result<String, AppError> {
    let circle = find(state, id).await?;
    let members = state.store.circle_members(circle.id).await?;
    let current = members
        .into_iter()
        .find(|m| m.person == viewer.person.id)
        .map(|m| m.settings);
    let (settings, notice) = match (form.action.as_str(), current) {
        ("join", _) if !may_join(viewer, &circle) => {
            return Err(AppError::forbidden(format!(
                "{} is open to {} only",
                circle.name,
                open_to(&circle, &state.store.teams().await?)
            )))
        }
        ("join", current) => (
            MemberSettings {
                opted_in: true,
                ..current.unwrap_or_else(MemberSettings::joined)
            },
            format!("You joined {}.", circle.name),
        ),
        ("leave", Some(current)) => (
            MemberSettings {
                opted_in: false,
                ..current
            },
            format!("You left {}; you will not be paired in it.", circle.name),
        ),
        ("save", Some(current)) => (
            MemberSettings {
                snoozed_until: snooze_date(&form.snoozed_until)?,
                preferred_frequency: frequency(&form.frequency)?,
                ..current
            },
            "Saved your settings.".to_owned(),
        ),
        ("leave" | "save", None) => {
            return Err(AppError::BadRequest(format!(
                "you are not in {}; join it first",
                circle.name
            )))
        }
        (other, _) => {
            return Err(AppError::BadRequest(format!(
                "action: {other:?} is not join, leave or save"
            )))
        }
    };
    state
        .store
        .set_circle_member(circle.id, viewer.person.id, &settings)
        .await?;
    Ok(notice)
}

fn snooze_date(text: &str) -> Result<Option<NaiveDate>, AppError> {
    match text.trim() {
        "" => Ok(None),
        date => NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::BadRequest(format!(
                    "snoozed_until: {date:?} is not a date like 2026-12-31"
                ))
            }),
    }
}

fn frequency(text: &str) -> Result<Option<Cadence>, AppError> {
    match text.trim() {
        "" => Ok(None),
        other => Ok(Some(Cadence::parse(other)?)),
    }
}

#[derive(Deserialize)]
pub struct ExcludeForm {
    #[serde(default)]
    person: String,
}

/// `POST /circles/{id}/exclusions`: someone the viewer never wants to be paired with.
pub async fn exclude(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    PageForm(form): PageForm<ExcludeForm>,
) -> PageResult {
    let outcome = add_exclusion(&state, &viewer, id, &form.person).await;
    Ok(page_with(&state, &viewer, &csrf, id, outcome).await?)
}

async fn add_exclusion(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    person: &str,
) -> Result<String, AppError> {
    let circle = find(state, id).await?;
    let other: i64 = person
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("person: choose someone from the list".to_owned()))?;
    if other == viewer.person.id.0 {
        return Err(AppError::BadRequest(
            "person: you are never paired with yourself".to_owned(),
        ));
    }
    let other = state.store.person(PersonId(other)).await?;
    state
        .store
        .exclude_from_pairing(circle.id, viewer.person.id, other.id)
        .await
        .map_err(|error| match error {
            hallway_store::StoreError::NotFound(hallway_store::Missing::CircleMember) => {
                AppError::BadRequest(format!(
                    "join {} before choosing whom not to be paired with",
                    circle.name
                ))
            }
            other => other.into(),
        })?;
    Ok(format!(
        "You will not be paired with {} in {}. Only you can see this.",
        other.profile.display_name, circle.name
    ))
}

#[derive(Deserialize)]
pub struct RunForm {
    /// YYYY-MM-DD; empty for the next cycle.
    #[serde(default)]
    cycle_start: String,
}

/// `POST /circles/{id}/rounds`: runs the round now (admins and the circle's creator).
pub async fn run(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    PageForm(form): PageForm<RunForm>,
) -> PageResult {
    let outcome = run_round(&state, &viewer, id, &form.cycle_start).await;
    Ok(page_with(&state, &viewer, &csrf, id, outcome).await?)
}

/// Runs the circle's round for `cycle_start` (empty: the next cycle) and describes it.
pub async fn run_round(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    cycle_start: &str,
) -> Result<String, AppError> {
    let circle = find(state, id).await?;
    if !may_run(viewer, &circle) {
        return Err(AppError::forbidden(
            "only an admin or the circle's creator runs its rounds by hand",
        ));
    }
    let start = match cycle_start.trim() {
        "" => upcoming_cycle(&circle),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            AppError::BadRequest(format!(
                "cycle_start: {text:?} is not a date like 2026-12-07"
            ))
        })?,
    };
    let seed = hallway_rounds::default_seed(start);
    let (preview, saved) =
        hallway_rounds::run(state.store.as_ref(), &circle, start, seed, Utc::now())
            .await
            .map_err(round_error)?;
    let mut notice = format!(
        "Ran the round for the cycle starting {start}: {} groups, {} invitations.",
        saved.round.groups.len(),
        saved.invitations.len()
    );
    if let Some(mailer) = state.config.mailer.clone() {
        let (store, round, circle) = (state.store.clone(), saved.round.clone(), circle.clone());
        tokio::spawn(async move {
            let sent = mailer.send_round(store.as_ref(), &circle, &round).await;
            tracing::info!(round = %round.id, sent, "mailed the round's invitations");
        });
        notice.push_str(" Invitations are being mailed.");
    }
    for left_out in &preview.unpaired {
        notice.push_str(&format!(
            " {} was not paired: {}.",
            left_out.name, left_out.reason
        ));
    }
    Ok(notice)
}
