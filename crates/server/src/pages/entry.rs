//! The way in: the front door, owner setup, sign-in, sign-out and accepting an invite.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Deserialize;

use super::layout::{landing_path, PageForm, PageResult};
use super::{render, Nav};
use crate::accounts::{self, SignInAttempt, SignUp, SignedIn};
use crate::api::{device_cookie, session_user_agent as user_agent, sign_in_cookies};
use crate::auth::csrf::CsrfToken;
use crate::auth::{cookies, MaybeViewer, Viewer};
use crate::{AppError, AppState, ClientAddr};

fn signed_in_redirect(state: &AppState, signed_in: &SignedIn) -> Response {
    let to = landing_path();
    (sign_in_cookies(state, signed_in), Redirect::to(to)).into_response()
}

/// `GET /`: setup when nobody exists, sign-in when anonymous, the hallway otherwise.
pub async fn home(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    if let Some(viewer) = viewer {
        return super::hallway::page(&state, &viewer, &csrf).await;
    }
    if state.store.count_people().await? == 0 {
        return Ok(Redirect::to("/setup").into_response());
    }
    Ok(Redirect::to("/signin").into_response())
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    nav: Nav,
    error: String,
    email: String,
    display_name: String,
    time_zone: String,
    zones: &'static [chrono_tz::Tz],
}

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    time_zone: String,
}

/// `GET /setup`
pub async fn setup_form(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
) -> PageResult {
    if state.store.count_people().await? > 0 {
        return Err(AppError::forbidden("Hallway is already set up: sign in instead").into());
    }
    Ok(render(&SetupPage {
        nav: Nav::new(None, &csrf),
        error: String::new(),
        email: String::new(),
        display_name: String::new(),
        time_zone: String::new(),
        zones: &chrono_tz::TZ_VARIANTS,
    }))
}

/// `POST /setup`
pub async fn setup(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    PageForm(form): PageForm<SetupForm>,
) -> PageResult {
    let result = accounts::setup_owner(
        &state,
        &form.email,
        &form.display_name,
        &form.password,
        &form.time_zone,
        &user_agent(&headers),
    )
    .await;
    match result {
        Ok(signed_in) => Ok(signed_in_redirect(&state, &signed_in)),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => Ok(with_status(
            &error,
            render(&SetupPage {
                nav: Nav::new(None, &csrf),
                error: error.to_string(),
                email: form.email,
                display_name: form.display_name,
                time_zone: form.time_zone,
                zones: &chrono_tz::TZ_VARIANTS,
            }),
        )),
        Err(other) => Err(other.into()),
    }
}

/// Gives a re-rendered form the error's status code (and its `Retry-After`).
pub fn with_status(error: &AppError, mut response: Response) -> Response {
    *response.status_mut() = error.status();
    error.add_headers(&mut response);
    response
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    nav: Nav,
    error: String,
    email: String,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `GET /signin`
pub async fn sign_in_form(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    MaybeViewer(viewer): MaybeViewer,
) -> PageResult {
    if viewer.is_some() {
        return Ok(Redirect::to(landing_path()).into_response());
    }
    if state.store.count_people().await? == 0 {
        return Ok(Redirect::to("/setup").into_response());
    }
    Ok(render(&SignInPage {
        nav: Nav::new(None, &csrf),
        error: String::new(),
        email: String::new(),
    }))
}

/// `POST /signin`
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientAddr,
    MaybeViewer(viewer): MaybeViewer,
    headers: HeaderMap,
    PageForm(form): PageForm<SignInForm>,
) -> PageResult {
    let device = device_cookie(&state, &headers);
    let agent = user_agent(&headers);
    let attempt = SignInAttempt {
        email: &form.email,
        password: &form.password,
        client: client.0,
        user_agent: &agent,
        device_cookie: device.as_deref(),
        signed_in_as: viewer.map(|v| v.person.id),
    };
    match accounts::sign_in(&state, attempt).await {
        Ok(signed_in) => Ok(signed_in_redirect(&state, &signed_in)),
        Err(error @ (AppError::BadRequest(_) | AppError::SlowDown { .. })) => Ok(with_status(
            &error,
            render(&SignInPage {
                nav: Nav::new(None, &csrf),
                error: error.to_string(),
                email: form.email,
            }),
        )),
        Err(other) => Err(other.into()),
    }
}

/// `POST /signout`
pub async fn sign_out(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    accounts::sign_out(&state, &viewer).await?;
    Ok((
        [(header::SET_COOKIE, cookies::clear_session(&state.config))],
        Redirect::to("/signin"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    nav: Nav,
    error: String,
    token: String,
    role: String,
    email: String,
    display_name: String,
    time_zone: String,
    zones: &'static [chrono_tz::Tz],
    /// Who invited them ("Ada Lovelace"), where ("hallway.example.org") and into which teams.
    inviter: String,
    place: String,
    teams: String,
}

/// Who made an invite, the Hallway it opens (its host) and the teams it adds one to, in words.
async fn invite_words(
    state: &AppState,
    invite: &hallway_store::Invite,
) -> Result<(String, String, String), AppError> {
    let inviter = match invite.created_by {
        Some(id) => match state.store.person(id).await {
            Ok(person) => person.profile.display_name.to_string(),
            Err(hallway_store::StoreError::NotFound(_)) => "A colleague".to_owned(),
            Err(other) => return Err(other.into()),
        },
        None => "An admin".to_owned(),
    };
    let base = state.config.base_url();
    let place = base
        .split_once("://")
        .map_or(base, |(_, rest)| rest)
        .trim_end_matches('/')
        .to_owned();
    let teams: Vec<String> = state
        .store
        .teams()
        .await?
        .into_iter()
        .filter(|t| invite.teams.contains(&t.id))
        .map(|t| t.name.to_string())
        .collect();
    Ok((inviter, place, teams.join(", ")))
}

/// `GET /invite/{token}`
pub async fn invite_form(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> PageResult {
    let invite = accounts::invite_status(&state, &token).await?;
    let (inviter, place, teams) = invite_words(&state, &invite).await?;
    Ok(render(&InvitePage {
        nav: Nav::new(None, &csrf),
        error: String::new(),
        token,
        role: invite.role.to_string(),
        email: String::new(),
        display_name: String::new(),
        time_zone: String::new(),
        zones: &chrono_tz::TZ_VARIANTS,
        inviter,
        place,
        teams,
    }))
}

/// `POST /invite/{token}`
pub async fn accept_invite(
    State(state): State<AppState>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    headers: HeaderMap,
    PageForm(form): PageForm<SetupForm>,
) -> PageResult {
    let sign_up = SignUp {
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        password: form.password,
        time_zone: form.time_zone.clone(),
    };
    match accounts::accept_invite(&state, &token, sign_up, &user_agent(&headers)).await {
        Ok(signed_in) => Ok(signed_in_redirect(&state, &signed_in)),
        Err(error @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let invite = accounts::invite_status(&state, &token).await?;
            let role = invite.role.to_string();
            let (inviter, place, teams) = invite_words(&state, &invite).await?;
            Ok(with_status(
                &error,
                render(&InvitePage {
                    nav: Nav::new(None, &csrf),
                    error: error.to_string(),
                    token,
                    role,
                    email: form.email,
                    display_name: form.display_name,
                    time_zone: form.time_zone,
                    zones: &chrono_tz::TZ_VARIANTS,
                    inviter,
                    place,
                    teams,
                }),
            ))
        }
        Err(other) => Err(other.into()),
    }
}
