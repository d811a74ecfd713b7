//! Circles: the list with a form to start one, and a page per circle with its members, the
//! viewer's own settings and don't-pair list, the next round and past rounds. Who met whom is
//! shown only to the people of that group; everyone (admins included) sees counts, not pairs.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{NaiveDate, Utc};
use hallway_domain::{Cadence, CircleId, CircleName, CircleShape, PersonId};
use hallway_store::{Circle, CircleMember, NewCircle, PeopleQuery, Person, Team};
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{AppError, AppState};

pub struct CircleRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub cadence: &'static str,
    pub open_to: String,
    pub members: usize,
    pub joined: bool,
}

#[derive(Template)]
#[template(path = "circles.html")]
struct CirclesPage {
    nav: Nav,
    circles: Vec<CircleRow>,
    /// Teams a circle may be opened to only: (id, name).
    teams: Vec<(i64, String)>,
    error: String,
    form: CircleForm,
}

/// A past round as the circle page lists it.
pub struct RoundRow {
    pub cycle_start: String,
    pub groups: usize,
    pub paired: usize,
    pub unpaired: usize,
    /// The viewer's own group in this round: the others' names and the slot in their zone.
    pub my_group: String,
}

#[derive(Template)]
#[template(path = "circle.html")]
pub(super) struct CirclePage {
    pub nav: Nav,
    pub id: i64,
    pub name: String,
    pub description: String,
    pub cadence: &'static str,
    pub shape: &'static str,
    pub cooldown_days: u32,
    pub open_to: String,
    /// Whether the viewer may join (the circle is open to everyone or to a team of theirs).
    pub may_join: bool,
    pub members: Vec<String>,
    pub joined: bool,
    pub snoozed_until: String,
    pub frequency: String,
    pub excluded: Vec<String>,
    /// Everyone else the viewer could put on their don't-pair list: (id, name).
    pub others: Vec<(i64, String)>,
    pub next_round: String,
    /// The cycle the run form proposes (`upcoming_cycle`).
    pub run_cycle: String,
    pub rounds: Vec<RoundRow>,
    pub may_run: bool,
    pub notice: String,
    pub error: String,
}

#[derive(Deserialize, Default)]
pub struct CircleForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub cadence: String,
    #[serde(default)]
    pub shape: String,
    #[serde(default)]
    pub cooldown_days: String,
    /// Empty for everyone, or the id of the one team that may join.
    #[serde(default)]
    pub team: String,
}

impl CircleForm {
    /// The circle to create, or the first field that is wrong.
    pub fn new_circle(&self, creator: PersonId, teams: &[Team]) -> Result<NewCircle, AppError> {
        let team = match self.team.trim() {
            "" => None,
            id => Some(
                teams
                    .iter()
                    .find(|t| t.id.0.to_string() == id)
                    .map(|t| t.id)
                    .ok_or_else(|| {
                        AppError::BadRequest("team: choose a team from the list".to_owned())
                    })?,
            ),
        };
        let cooldown_days = match self.cooldown_days.trim() {
            "" => 90,
            text => text
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= 3650)
                .ok_or_else(|| {
                    AppError::BadRequest(format!(
                        "cooldown_days: {text:?} is not a number of days from 0 to 3650"
                    ))
                })?,
        };
        if self.description.trim().chars().count() > 500 {
            return Err(AppError::BadRequest(
                "description: at most 500 characters".to_owned(),
            ));
        }
        Ok(NewCircle {
            name: CircleName::parse(&self.name)?,
            description: self.description.trim().to_owned(),
            cadence: Cadence::parse(or(&self.cadence, "weekly"))?,
            shape: CircleShape::parse(or(&self.shape, "pairs"))?,
            cooldown_days,
            created_by: Some(creator),
            team,
        })
    }
}

fn or<'a>(value: &'a str, default: &'a str) -> &'a str {
    if value.trim().is_empty() {
        default
    } else {
        value
    }
}

pub fn cadence_label(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Weekly => "every week",
        Cadence::EveryTwoWeeks => "every two weeks",
        Cadence::Monthly => "every four weeks",
    }
}

/// `GET /circles`
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    list_page(&state, &viewer, &csrf, String::new(), CircleForm::default()).await
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    error: String,
    form: CircleForm,
) -> PageResult {
    let teams = state.store.teams().await?;
    let mut rows = Vec::new();
    for circle in state.store.circles().await? {
        let members = state.store.circle_members(circle.id).await?;
        let opted_in = || members.iter().filter(|m| m.settings.opted_in);
        rows.push(CircleRow {
            id: circle.id.0,
            name: circle.name.to_string(),
            description: circle.description.clone(),
            cadence: cadence_label(circle.cadence),
            open_to: open_to(&circle, &teams),
            members: opted_in().count(),
            joined: opted_in().any(|m| m.person == viewer.person.id),
        });
    }
    Ok(render(&CirclesPage {
        nav: Nav::new(Some(viewer), csrf),
        circles: rows,
        teams: teams.iter().map(|t| (t.id.0, t.name.clone())).collect(),
        error,
        form,
    }))
}

/// `POST /circles`: creates a circle with its creator as the first member.
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<CircleForm>,
) -> PageResult {
    match start_circle(&state, &viewer, &form).await {
        Ok(circle) => Ok(Redirect::to(&format!("/circles/{}", circle.id.0)).into_response()),
        Err(error @ (AppError::BadRequest(_) | AppError::Invalid(_) | AppError::Conflict(_))) => {
            let page = list_page(&state, &viewer, &csrf, error.to_string(), form).await?;
            Ok(with_status(&error, page))
        }
        Err(other) => Err(other.into()),
    }
}

/// Creates the circle the form describes, with the viewer as its first member.
pub async fn start_circle(
    state: &AppState,
    viewer: &Viewer,
    form: &CircleForm,
) -> Result<Circle, AppError> {
    let teams = state.store.teams().await?;
    let circle = state
        .store
        .create_circle(form.new_circle(viewer.person.id, &teams)?)
        .await?;
    state
        .store
        .set_circle_member(
            circle.id,
            viewer.person.id,
            &hallway_store::MemberSettings::joined(),
        )
        .await?;
    Ok(circle)
}

/// The circle with this id, or `NotFound("circle")`.
pub async fn find(state: &AppState, id: i64) -> Result<Circle, AppError> {
    state
        .store
        .circles()
        .await?
        .into_iter()
        .find(|c| c.id == CircleId(id))
        .ok_or(AppError::NotFound("circle"))
}

/// "everyone" or "members of Platform".
pub fn open_to(circle: &Circle, teams: &[Team]) -> String {
    match circle.team {
        None => "everyone".to_owned(),
        Some(id) => teams.iter().find(|t| t.id == id).map_or_else(
            || "one team".to_owned(),
            |t| format!("members of {}", t.name),
        ),
    }
}

/// Whether the viewer may join: the circle is open to everyone or to a team of theirs.
pub fn may_join(viewer: &Viewer, circle: &Circle) -> bool {
    circle
        .team
        .is_none_or(|team| viewer.person.teams.iter().any(|t| t.id == team))
}

/// Whether the viewer may run this circle's rounds by hand: admins and the circle's creator.
pub fn may_run(viewer: &Viewer, circle: &Circle) -> bool {
    viewer.role().is_admin() || circle.created_by == Some(viewer.person.id)
}

/// `GET /circles/{id}`
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> PageResult {
    Ok(render(&page(&state, &viewer, &csrf, id).await?))
}

/// The circle page with a message (from an action) and the status it deserves.
pub(super) async fn page_with(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    id: i64,
    outcome: Result<String, AppError>,
) -> Result<Response, AppError> {
    let mut circle_page = page(state, viewer, csrf, id).await?;
    match outcome {
        Ok(notice) => {
            circle_page.notice = notice;
            Ok(render(&circle_page))
        }
        Err(error) => {
            circle_page.error = error.to_string();
            Ok(with_status(&error, render(&circle_page)))
        }
    }
}

pub(super) async fn page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &CsrfToken,
    id: i64,
) -> Result<CirclePage, AppError> {
    let circle = find(state, id).await?;
    let me = viewer.person.id;
    let members = state.store.circle_members(circle.id).await?;
    let everyone = state.store.search_people(&PeopleQuery::default()).await?;
    let names: HashMap<PersonId, &Person> = everyone.iter().map(|p| (p.id, p)).collect();
    let name = |id: &PersonId| {
        names.get(id).map_or_else(
            || "someone who has left".to_owned(),
            |p| p.profile.display_name.to_string(),
        )
    };
    let mine: Option<&CircleMember> = members.iter().find(|m| m.person == me);
    let mut member_names: Vec<String> = members
        .iter()
        .filter(|m| m.settings.opted_in && names.contains_key(&m.person))
        .map(|m| name(&m.person))
        .collect();
    member_names.sort_by_key(|n| n.to_lowercase());
    let rounds = state.store.rounds(circle.id).await?;
    let tz = viewer.person.profile.time_zone.tz();
    let rows = rounds
        .iter()
        .rev()
        .map(|round| {
            let my_group = round
                .groups
                .iter()
                .find(|g| g.members.contains(&me))
                .map(|g| {
                    let others: Vec<String> =
                        g.members.iter().filter(|p| **p != me).map(name).collect();
                    let start = g.slot_start.with_timezone(&tz);
                    format!(
                        "with {} · {}",
                        others.join(", "),
                        start.format("%a %-d %b %H:%M")
                    )
                })
                .unwrap_or_default();
            RoundRow {
                cycle_start: round.cycle_start.to_string(),
                groups: round.groups.len(),
                paired: round.groups.iter().map(|g| g.members.len()).sum(),
                unpaired: round.unpaired.len(),
                my_group,
            }
        })
        .collect();
    let next = next_round(&circle, rounds.last().map(|r| r.cycle_start));
    Ok(CirclePage {
        nav: Nav::new(Some(viewer), csrf),
        id: circle.id.0,
        name: circle.name.to_string(),
        description: circle.description.clone(),
        cadence: cadence_label(circle.cadence),
        shape: match circle.shape {
            CircleShape::Pairs => "pairs (a trio when the count is odd)",
            CircleShape::SmallGroups => "groups of three or four",
        },
        cooldown_days: circle.cooldown_days,
        open_to: open_to(&circle, &state.store.teams().await?),
        may_join: may_join(viewer, &circle),
        members: member_names,
        joined: mine.is_some_and(|m| m.settings.opted_in),
        snoozed_until: mine
            .and_then(|m| m.settings.snoozed_until)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        frequency: mine
            .and_then(|m| m.settings.preferred_frequency)
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default(),
        excluded: mine
            .map(|m| m.do_not_pair_with.iter().map(name).collect())
            .unwrap_or_default(),
        others: everyone
            .iter()
            .filter(|p| p.id != me)
            .map(|p| (p.id.0, p.profile.display_name.to_string()))
            .collect(),
        next_round: next.to_string(),
        run_cycle: upcoming_cycle(&circle).to_string(),
        rounds: rows,
        may_run: may_run(viewer, &circle),
        notice: String::new(),
        error: String::new(),
    })
}

/// The cycle "Run the round now" runs: the circle's next cycle after today, whether or not
/// its round already ran (running it twice is refused, never a second future cycle).
pub fn upcoming_cycle(circle: &Circle) -> NaiveDate {
    hallway_rounds::next_cycle_start(circle.cadence, Utc::now().date_naive())
}

/// The first day of the next cycle: the circle's next cycle after today and after the last
/// round's.
pub fn next_round(circle: &Circle, last: Option<NaiveDate>) -> NaiveDate {
    let today = Utc::now().date_naive();
    hallway_rounds::next_cycle_start(circle.cadence, last.map_or(today, |l| l.max(today)))
}
