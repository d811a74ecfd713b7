//! The people directory: search by name, team or "ask me about" tag; each person's local time.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::Extension;
use chrono::Utc;
use hallway_domain::PersonId;
use hallway_store::{Person, Team};
use serde::Deserialize;

use super::layout::PageResult;
use super::{render, Nav};
use crate::accounts;
use crate::api::people_query;
use crate::auth::csrf::CsrfToken;
use crate::auth::Viewer;
use crate::{Access, AppState};

/// A person as a directory card shows them.
pub struct Card {
    pub id: i64,
    pub name: String,
    pub pronouns: String,
    pub teams: String,
    pub tags: Vec<String>,
    pub local_time: String,
    pub time_zone: String,
    pub hours_today: String,
    pub bio: String,
    pub email: String,
}

impl Card {
    pub fn of(person: &Person) -> Card {
        use chrono::Datelike;
        let p = &person.profile;
        let now = Utc::now().with_timezone(&p.time_zone.tz());
        let today = now.weekday().num_days_from_monday() as usize;
        let hours = p.working_hours.day_text(today);
        Card {
            id: person.id.0,
            name: p.display_name.to_string(),
            pronouns: p
                .pronouns
                .as_ref()
                .map(|x| x.to_string())
                .unwrap_or_default(),
            teams: person
                .teams
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            tags: p.ask_me_about.iter().map(|t| t.to_string()).collect(),
            local_time: now.format("%a %H:%M").to_string(),
            time_zone: p.time_zone.to_string(),
            hours_today: if hours.is_empty() {
                "not working today".into()
            } else {
                hours
            },
            bio: p.bio.to_string(),
            email: person.email.to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    nav: Nav,
    q: String,
    tag: String,
    team: i64,
    teams: Vec<Team>,
    cards: Vec<Card>,
}

#[derive(Deserialize)]
pub struct Filters {
    q: Option<String>,
    team: Option<String>,
    tag: Option<String>,
}

/// `GET /people`
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Query(filters): Query<Filters>,
) -> PageResult {
    viewer.require(Access::Member)?;
    let team = filters.team.as_deref().and_then(|t| t.parse::<i64>().ok());
    let query = people_query(filters.q.as_deref(), team, filters.tag.as_deref())?;
    let people = state.store.search_people(&query).await?;
    Ok(render(&DirectoryPage {
        nav: Nav::new(Some(&viewer), &csrf),
        q: filters.q.unwrap_or_default(),
        tag: filters.tag.unwrap_or_default(),
        team: team.unwrap_or(0),
        teams: state.store.teams().await?,
        cards: people.iter().map(Card::of).collect(),
    }))
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    nav: Nav,
    card: Card,
    week: Vec<(String, String)>,
    /// Whether to offer a 9-minute chat (someone else, who has signed in).
    may_ask: bool,
    /// Whether to offer a wave (the same: someone else, active).
    may_wave: bool,
}

/// `GET /people/{id}`
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> PageResult {
    viewer.require(Access::Member)?;
    let person = accounts::visible_person(&state, &viewer, PersonId(id)).await?;
    let labels = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let week = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let text = person.profile.working_hours.day_text(i);
            (
                l.to_string(),
                if text.is_empty() { "—".into() } else { text },
            )
        })
        .collect();
    Ok(render(&PersonPage {
        nav: Nav::new(Some(&viewer), &csrf),
        card: Card::of(&person),
        week,
        may_ask: person.id != viewer.person.id && person.active,
        may_wave: person.id != viewer.person.id && person.active,
    }))
}
