//! Editing one's own profile: name, pronouns, time zone, working hours, tags and bio.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use axum::Extension;
use hallway_domain::{ProfileInput, WorkingHours, WEEKDAYS};
use hallway_store::Person;
use serde::Deserialize;

use super::entry::with_status;
use super::layout::{PageForm, PageResult};
use super::{render, Nav};
use crate::accounts;
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// One weekday row of the working-hours editor.
pub struct DayRow {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

const DAY_LABELS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    nav: Nav,
    error: String,
    /// Every problem with a refused form, each on its own line.
    errors: Vec<String>,
    saved: bool,
    form: ProfileForm,
    days: Vec<DayRow>,
    teams: String,
    zones: &'static [chrono_tz::Tz],
}

#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    pronouns: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    mon: String,
    #[serde(default)]
    tue: String,
    #[serde(default)]
    wed: String,
    #[serde(default)]
    thu: String,
    #[serde(default)]
    fri: String,
    #[serde(default)]
    sat: String,
    #[serde(default)]
    sun: String,
}

impl ProfileForm {
    fn from_person(person: &Person) -> Self {
        let p = &person.profile;
        let hours = &p.working_hours;
        ProfileForm {
            display_name: p.display_name.to_string(),
            pronouns: p
                .pronouns
                .as_ref()
                .map(|x| x.to_string())
                .unwrap_or_default(),
            time_zone: p.time_zone.to_string(),
            tags: p
                .ask_me_about
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            bio: p.bio.to_string(),
            mon: hours.day_text(0),
            tue: hours.day_text(1),
            wed: hours.day_text(2),
            thu: hours.day_text(3),
            fri: hours.day_text(4),
            sat: hours.day_text(5),
            sun: hours.day_text(6),
        }
    }

    fn day_texts(&self) -> [&str; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }

    /// Every problem with the form at once (working hours first, then each other field).
    fn problems(&self) -> Vec<String> {
        let mut found = Vec::new();
        let working_hours = WorkingHours::parse_week(self.day_texts()).unwrap_or_else(|e| {
            found.push(e.to_string());
            WorkingHours::default()
        });
        let input = ProfileInput {
            display_name: self.display_name.clone(),
            pronouns: self.pronouns.clone(),
            time_zone: self.time_zone.clone(),
            working_hours,
            ask_me_about: vec![self.tags.clone()],
            bio: self.bio.clone(),
            teams: None,
        };
        found.extend(input.problems().iter().map(ToString::to_string));
        found
    }

    fn to_input(&self) -> Result<ProfileInput, AppError> {
        Ok(ProfileInput {
            display_name: self.display_name.clone(),
            pronouns: self.pronouns.clone(),
            time_zone: self.time_zone.clone(),
            working_hours: WorkingHours::parse_week(self.day_texts())?,
            ask_me_about: vec![self.tags.clone()],
            bio: self.bio.clone(),
            teams: None,
        })
    }
}

fn page(nav: Nav, person: &Person, form: ProfileForm, error: String, saved: bool) -> ProfilePage {
    let days = WEEKDAYS
        .iter()
        .zip(DAY_LABELS)
        .zip(form.day_texts())
        .map(|((key, label), value)| DayRow {
            key,
            label,
            value: value.to_owned(),
        })
        .collect();
    let teams = person
        .teams
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    ProfilePage {
        nav,
        errors: if error.is_empty() {
            Vec::new()
        } else {
            vec![error.clone()]
        },
        error,
        saved,
        form,
        days,
        teams,
        zones: &chrono_tz::TZ_VARIANTS,
    }
}

#[derive(Deserialize)]
pub struct SavedFlag {
    saved: Option<String>,
}

/// `GET /profile`
pub async fn form(
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    axum::extract::Query(flag): axum::extract::Query<SavedFlag>,
) -> PageResult {
    let form = ProfileForm::from_person(&viewer.person);
    Ok(render(&page(
        Nav::new(Some(&viewer), &csrf),
        &viewer.person,
        form,
        String::new(),
        flag.saved.is_some(),
    )))
}

/// `POST /profile`
pub async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    PageForm(form): PageForm<ProfileForm>,
) -> PageResult {
    let id = viewer.person.id;
    let result = match form.to_input() {
        Ok(input) => accounts::update_profile(&state, &viewer, id, input).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/profile?saved=1").into_response()),
        Err(error @ AppError::Invalid(_)) => {
            let mut all = form.problems();
            if all.is_empty() {
                all.push(error.to_string());
            }
            let mut shown = page(
                Nav::new(Some(&viewer), &csrf),
                &viewer.person,
                form,
                error.to_string(),
                false,
            );
            shown.errors = all;
            Ok(with_status(&error, render(&shown)))
        }
        Err(other) => Err(other.into()),
    }
}
