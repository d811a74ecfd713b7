//! The Pulse page (charts of the stored weekly snapshots, and the viewer's own ties), the
//! "leave pulse" / "rejoin" choice on the account page and the organisation-wide switch for
//! admins. The page never lists people: only aggregates, and the viewer's own view.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use chrono::Utc;
use serde::Deserialize;

use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::pulse::{self, ChartCard, Standing, HOW_SNAPSHOTS_ARE_MADE};
use crate::{AppError, AppState};

/// Weeks drawn in the trend charts.
const WEEKS_SHOWN: usize = 26;

/// The viewer's own ties, for them alone.
pub struct Personal {
    pub summary: String,
    pub messages: Vec<String>,
}

#[derive(Template)]
#[template(path = "pulse.html")]
struct PulsePage {
    nav: Nav,
    standing: Standing,
    week: String,
    how: &'static str,
    charts: Vec<ChartCard>,
    personal: Option<Personal>,
}

/// `GET /pulse`
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    let store = state.store.as_ref();
    let standing = Standing::of(store, viewer.person.id).await?;
    let mut page = PulsePage {
        nav: Nav::new(Some(&viewer), &csrf),
        standing,
        week: String::new(),
        how: HOW_SNAPSHOTS_ARE_MADE,
        charts: Vec::new(),
        personal: None,
    };
    if !standing.enabled {
        return Ok(render(&page));
    }
    let mut snapshots = pulse::snapshots(store).await?;
    let keep_from = snapshots.len().saturating_sub(WEEKS_SHOWN);
    snapshots.drain(..keep_from);
    if let Some(latest) = snapshots.last() {
        page.week = latest.as_of.format("%-d %B %Y").to_string();
    }
    page.charts = pulse::chart_cards(&snapshots);
    if !standing.viewer_left {
        let view = pulse::personal_view(store, viewer.person.id, Utc::now()).await?;
        let outside = view.cross_team_ties;
        page.personal = Some(Personal {
            summary: format!(
                "You have {} {} in {}, {outside} of them outside your team.",
                view.ties,
                if view.ties == 1 { "tie" } else { "ties" },
                view.team
            ),
            messages: view.messages,
        });
    }
    Ok(render(&page))
}

#[derive(Deserialize)]
pub struct ChoiceForm {
    #[serde(default)]
    choice: String,
}

/// `POST /account/pulse`: `choice=leave` or `choice=rejoin`.
pub async fn set_choice(
    State(state): State<AppState>,
    viewer: Viewer,
    PageForm(form): PageForm<ChoiceForm>,
) -> PageResult {
    let left = match form.choice.as_str() {
        "leave" => true,
        "rejoin" => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "choice must be \"leave\" or \"rejoin\", not {other:?}"
            ))
            .into())
        }
    };
    state.store.set_left_pulse(viewer.person.id, left).await?;
    let done = if left { "pulse-left" } else { "pulse-rejoined" };
    Ok(Redirect::to(&format!("/account?done={done}")).into_response())
}

#[derive(Template)]
#[template(path = "admin_pulse.html")]
struct AdminPulsePage {
    nav: Nav,
    enabled: bool,
    weeks_stored: usize,
    notice: &'static str,
    how: &'static str,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/pulse`
pub async fn admin(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Query(done): Query<Done>,
) -> PageResult {
    let notice = match done.done.as_deref() {
        Some("on") => "Pulse is on.",
        Some("off") => "Pulse is off: nothing is recorded and the Pulse page says so.",
        _ => "",
    };
    Ok(render(&AdminPulsePage {
        nav: Nav::new(Some(&viewer), &csrf),
        enabled: state.store.pulse_enabled().await?,
        weeks_stored: state.store.pulse_snapshots().await?.len(),
        notice,
        how: HOW_SNAPSHOTS_ARE_MADE,
    }))
}

#[derive(Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    enabled: String,
}

/// `POST /admin/pulse`: `enabled=on` or `enabled=off`.
pub async fn switch(
    State(state): State<AppState>,
    PageForm(form): PageForm<SwitchForm>,
) -> PageResult {
    let enabled = match form.enabled.as_str() {
        "on" => true,
        "off" => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "enabled must be \"on\" or \"off\", not {other:?}"
            ))
            .into())
        }
    };
    state.store.set_pulse_enabled(enabled).await?;
    let done = if enabled { "on" } else { "off" };
    Ok(Redirect::to(&format!("/admin/pulse?done={done}")).into_response())
}
