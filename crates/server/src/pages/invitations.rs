//! Round invitations in the hallway: each group's slot in the viewer's own time zone, who
//! else is in it (with their local time), what they answered, and the viewer's choices —
//! accept, propose another time, skip, and once the slot has begun "did you meet?". The
//! calendar file for an invitation downloads from here too.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use hallway_calendar::{invitation_ics, Party};
use hallway_domain::{InvitationId, PersonId};
use hallway_rounds::calendar::{host_of, GroupEvent};
use hallway_rounds::{Answer, RoundError};
use hallway_store::{Invitation, InvitationState, Person, StoreError};
use serde::Deserialize;

use super::layout::{PageForm, PageResult};
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// Invitations whose slot ended longer ago than this leave the hallway.
const SHOWN_FOR: Duration = Duration::days(14);
/// At most this many invitations on the hallway at once.
const SHOWN_AT_MOST: usize = 4;

/// Another member of the group as the card shows them.
pub struct Companion {
    pub name: String,
    /// The slot in their own time zone, e.g. "09:00–09:30 America/New_York".
    pub their_time: String,
    /// What they answered, e.g. "accepted" or "proposed Thu 16:00–16:30 (your time)".
    pub answer: String,
}

/// One invitation card on the hallway.
pub struct InvitationCard {
    pub id: i64,
    pub circle: String,
    /// The slot in the viewer's time zone, e.g. "Thursday 26 November, 15:00–15:30".
    pub slot: String,
    pub zone: String,
    /// `YYYY-MM-DDTHH:MM` in the viewer's zone, to prefill "propose another time".
    pub slot_input: String,
    pub reasons: String,
    pub companions: Vec<Companion>,
    /// The viewer's answer: pending, accepted, skipped or proposed_other_time.
    pub state: &'static str,
    pub state_label: String,
    /// Whether "did you meet?" can be asked (the slot has begun).
    pub ask_met: bool,
    /// The answer to "did you meet?": "", "yes" or "no".
    pub met: &'static str,
}

/// The viewer's current invitations, newest slot first.
pub async fn cards(state: &AppState, viewer: &Viewer) -> Result<Vec<InvitationCard>, AppError> {
    let now = Utc::now();
    let mine = state.store.invitations_of(viewer.person.id).await?;
    let mut people: HashMap<PersonId, Option<Person>> = HashMap::new();
    let mut out = Vec::new();
    for invitation in mine
        .into_iter()
        .filter(|i| i.slot_end + SHOWN_FOR > now)
        .take(SHOWN_AT_MOST)
    {
        let group = state.store.group_invitations(invitation.group).await?;
        let mut companions = Vec::new();
        for other in group.iter().filter(|o| o.person != viewer.person.id) {
            let Some(person) = person(state, &mut people, other.person).await? else {
                continue;
            };
            companions.push(Companion {
                name: person.profile.display_name.to_string(),
                their_time: their_time(&person, &invitation),
                answer: answer_label(&other.state, viewer.person.profile.time_zone.tz()),
            });
        }
        out.push(card(viewer, invitation, companions, now));
    }
    Ok(out)
}

fn card(
    viewer: &Viewer,
    invitation: Invitation,
    companions: Vec<Companion>,
    now: DateTime<Utc>,
) -> InvitationCard {
    let tz = viewer.person.profile.time_zone.tz();
    let (start, end) = (
        invitation.slot_start.with_timezone(&tz),
        invitation.slot_end.with_timezone(&tz),
    );
    InvitationCard {
        id: invitation.id.0,
        circle: invitation.circle_name.clone(),
        slot: format!(
            "{}, {}–{}",
            start.format("%A %-d %B"),
            start.format("%H:%M"),
            end.format("%H:%M")
        ),
        zone: viewer.person.profile.time_zone.to_string(),
        slot_input: start.format("%Y-%m-%dT%H:%M").to_string(),
        reasons: hallway_rounds::reasons::shown(&invitation.reasons),
        companions,
        state: invitation.state.as_str(),
        state_label: answer_label(&invitation.state, tz),
        ask_met: invitation.slot_start <= now,
        met: match invitation.met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
    }
}

async fn person(
    state: &AppState,
    known: &mut HashMap<PersonId, Option<Person>>,
    id: PersonId,
) -> Result<Option<Person>, AppError> {
    if let Some(found) = known.get(&id) {
        return Ok(found.clone());
    }
    let found = match state.store.person(id).await {
        Ok(person) => Some(person),
        Err(StoreError::NotFound(_)) => None,
        Err(other) => return Err(other.into()),
    };
    known.insert(id, found.clone());
    Ok(found)
}

fn their_time(person: &Person, invitation: &Invitation) -> String {
    let tz = person.profile.time_zone.tz();
    let start = invitation.slot_start.with_timezone(&tz);
    let end = invitation.slot_end.with_timezone(&tz);
    format!(
        "{} {}–{} {}",
        start.format("%a"),
        start.format("%H:%M"),
        end.format("%H:%M"),
        person.profile.time_zone
    )
}

/// What someone answered, with a proposed time in the reader's zone.
fn answer_label(state: &InvitationState, reader: Tz) -> String {
    match state {
        InvitationState::Pending => "not answered yet".to_owned(),
        InvitationState::Accepted => "accepted".to_owned(),
        InvitationState::Skipped => "skipping this one".to_owned(),
        InvitationState::ProposedOtherTime { start, end } => {
            let (start, end) = (start.with_timezone(&reader), end.with_timezone(&reader));
            format!(
                "proposed {} {}–{} (your time)",
                start.format("%a %-d %b"),
                start.format("%H:%M"),
                end.format("%H:%M")
            )
        }
    }
}

/// The answer form: `answer` is accept, skip, propose, met or not_met; a proposal gives its
/// local `start` (`YYYY-MM-DDTHH:MM`, the viewer's zone) and length in `minutes`.
#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    minutes: String,
}

/// `POST /invitations/{id}`: answers and returns to the hallway's invitations.
pub async fn answer(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    PageForm(form): PageForm<AnswerForm>,
) -> PageResult {
    let now = Utc::now();
    let tz = viewer.person.profile.time_zone.tz();
    let answer = match form.answer.as_str() {
        "accept" => Answer::Accept,
        "skip" => Answer::Skip,
        "met" => Answer::Met(true),
        "not_met" => Answer::Met(false),
        "propose" => proposal(&form.start, &form.minutes, tz)?,
        other => {
            return Err(AppError::BadRequest(format!(
                "answer: {other:?} is not accept, skip, propose, met or not_met"
            ))
            .into())
        }
    };
    apply(&state, viewer.person.id, InvitationId(id), answer, now).await?;
    Ok(Redirect::to("/hallway#invitations").into_response())
}

/// Applies an answer, turning the rules' refusals into clear errors.
pub async fn apply(
    state: &AppState,
    person: PersonId,
    id: InvitationId,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Invitation, AppError> {
    hallway_rounds::answer(state.store.as_ref(), person, id, answer, now)
        .await
        .map_err(round_error)
}

/// A round error as the web shows it.
pub fn round_error(error: RoundError) -> AppError {
    match error {
        RoundError::Store(store) => store.into(),
        RoundError::AlreadyRan { .. } => AppError::Conflict(error.to_string()),
        RoundError::NotACycle { .. } => AppError::BadRequest(error.to_string()),
        RoundError::Answer(why) | RoundError::TooFew(why) | RoundError::Settings(why) => {
            AppError::BadRequest(why)
        }
        RoundError::UnknownPerson(_) => AppError::Internal(error.into()),
    }
}

fn proposal(start: &str, minutes: &str, tz: Tz) -> Result<Answer, AppError> {
    let local = NaiveDateTime::parse_from_str(start.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
        AppError::BadRequest(format!(
            "start: {start:?} is not a date and time like 2026-11-26T15:00"
        ))
    })?;
    let start = tz
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| {
            AppError::BadRequest(format!(
                "start: {local} does not exist in {tz} (the clocks change then)"
            ))
        })?
        .with_timezone(&Utc);
    let minutes: i64 = minutes.trim().parse().map_err(|_| {
        AppError::BadRequest(format!("minutes: {minutes:?} is not a number of minutes"))
    })?;
    Ok(Answer::ProposeTime {
        start,
        end: start + Duration::minutes(minutes),
    })
}

/// `GET /invitations/{id}/invite.ics`: the viewer's invitation as a calendar file.
pub async fn calendar_file(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> PageResult {
    let invitation = state.store.invitation(InvitationId(id)).await?;
    if invitation.person != viewer.person.id {
        return Err(AppError::NotFound("invitation").into());
    }
    let mut members = Vec::new();
    for id in &invitation.group_members {
        match state.store.person(*id).await {
            Ok(person) => members.push(person),
            Err(StoreError::NotFound(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let rounds = state.store.rounds(invitation.circle).await?;
    let made_at = rounds
        .iter()
        .find(|r| r.id == invitation.round)
        .map_or(invitation.slot_start, |r| r.created_at);
    let event = GroupEvent {
        circle_name: &invitation.circle_name,
        round: invitation.round,
        made_at,
        start: invitation.slot_start,
        end: invitation.slot_end,
        reasons: &invitation.reasons,
        members: &members,
        organizer: Party {
            name: "Hallway".to_owned(),
            email: format!("hallway@{}", host_of(state.config.base_url())),
        },
        public_url: state.config.base_url(),
    };
    let ics = invitation_ics(&event.for_person(viewer.person.id));
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"invite.ics\"",
            ),
        ],
        ics,
    )
        .into_response())
}
