//! Owner setup, sign-in (rate-limited per account and per IP) and sign-out.

use chrono::{Duration, Utc};
use hallway_domain::{DisplayName, Email, Password, Role, TimeZoneName};
use hallway_live::AccessChange;
use hallway_protocol::ByeCode;
use hallway_store::{NewPerson, NewSession, Person, StoreError};

use crate::auth::{new_token, password, token_hash, Viewer};
use crate::{AppError, AppState};

/// A new session: the person and the token to put in their cookie.
#[derive(Debug)]
pub struct SignedIn {
    pub person: Person,
    pub token: String,
}

pub(super) async fn start_session_for(
    state: &AppState,
    person: Person,
    user_agent: &str,
) -> Result<SignedIn, AppError> {
    let token = new_token();
    let now = Utc::now();
    state
        .store
        .create_session(NewSession {
            person: person.id,
            token_hash: token_hash(&token),
            user_agent: user_agent.chars().take(200).collect(),
            created_at: now,
            expires_at: now + Duration::days(state.config.session_days),
        })
        .await?;
    Ok(SignedIn { person, token })
}

/// Creates the owner on first start and signs them in. Refused once anyone exists.
pub async fn setup_owner(
    state: &AppState,
    email: &str,
    display_name: &str,
    new_password: &str,
    time_zone: &str,
    user_agent: &str,
) -> Result<SignedIn, AppError> {
    // Refuse before reading the input: once set up, this route is closed to everyone.
    if state.store.count_people().await? > 0 {
        return Err(AppError::forbidden(
            "Hallway is already set up: sign in instead",
        ));
    }
    let email = Email::parse(email)?;
    let name = DisplayName::parse(display_name)?;
    let new_password = Password::parse(new_password)?;
    let zone = if time_zone.trim().is_empty() {
        None
    } else {
        Some(TimeZoneName::parse(time_zone)?)
    };
    let hash = password::hash(new_password.expose().to_owned()).await?;
    let person = state
        .store
        .create_owner(NewPerson {
            email,
            role: Role::Owner,
            password_hash: Some(hash),
            active: true,
            profile: super::starter_profile(name, zone),
            teams: Vec::new(),
            joined_at: Utc::now(),
        })
        .await
        .map_err(|error| match error {
            StoreError::AlreadySetUp => {
                AppError::forbidden("Hallway is already set up: sign in instead")
            }
            other => other.into(),
        })?;
    tracing::info!(person = %person.id, "owner set up");
    start_session_for(state, person, user_agent).await
}

/// Checks an email and password; refuses after too many recent failures, even a right one.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    given_password: &str,
    client_ip: &str,
    user_agent: &str,
) -> Result<SignedIn, AppError> {
    let wrong = || AppError::BadRequest("wrong email or password".into());
    if email.trim().is_empty() || given_password.is_empty() {
        return Err(AppError::BadRequest("enter your email and password".into()));
    }
    let account_key = format!("account:{}", email.trim().to_lowercase());
    let ip_key = format!("ip:{client_ip}");
    let config = &state.config;
    let since = Utc::now() - Duration::minutes(config.sign_in_window_minutes);
    let window = config.sign_in_window_minutes;
    if state
        .store
        .count_sign_in_failures(&account_key, since)
        .await?
        >= config.sign_in_failures_per_account
    {
        return Err(AppError::TooManyRequests(format!(
            "too many failed sign-ins for this account; try again in {window} minutes"
        )));
    }
    if state.store.count_sign_in_failures(&ip_key, since).await? >= config.sign_in_failures_per_ip {
        return Err(AppError::TooManyRequests(format!(
            "too many failed sign-ins from your network; try again in {window} minutes"
        )));
    }

    let person = match Email::parse(email) {
        Ok(email) => match state.store.person_by_email(&email).await {
            Ok(person) if person.active => Some(person),
            Ok(_) | Err(StoreError::NotFound(_)) => None,
            Err(other) => return Err(other.into()),
        },
        Err(_) => None,
    };
    let stored = match &person {
        Some(person) => match state.store.password_hash(person.id).await {
            Ok(hash) => Some(hash),
            Err(StoreError::NotFound(_)) => None,
            Err(other) => return Err(other.into()),
        },
        None => None,
    };
    // Verify even for unknown accounts so timing does not reveal who has one.
    let hash_to_check = stored.clone().unwrap_or_else(dummy_hash);
    let matches = password::verify(given_password.to_owned(), hash_to_check).await?;
    match (person, stored, matches) {
        (Some(person), Some(_), true) => {
            state.store.clear_sign_in_failures(&account_key).await?;
            start_session_for(state, person, user_agent).await
        }
        _ => {
            let now = Utc::now();
            state
                .store
                .record_sign_in_failure(&account_key, now)
                .await?;
            state.store.record_sign_in_failure(&ip_key, now).await?;
            state.metrics.sign_in_failed();
            Err(wrong())
        }
    }
}

fn dummy_hash() -> String {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$6N4x1u9h3tqzZp9x3JDWXeHkgmG2d2r6l3yJY2Ztc1s"
        .to_owned()
}

/// Ends the viewer's current session.
pub async fn sign_out(state: &AppState, viewer: &Viewer) -> Result<(), AppError> {
    match state
        .store
        .delete_session(viewer.person.id, viewer.session.id)
        .await
    {
        Ok(()) | Err(StoreError::NotFound(_)) => {}
        Err(other) => return Err(other.into()),
    }
    state
        .hub
        .access_changed(AccessChange::SessionsEnded {
            person: viewer.person.id,
            reason: ByeCode::SignedOut,
        })
        .await;
    Ok(())
}

/// Ends one of the viewer's sessions (their current one signs them out).
pub async fn revoke_session(
    state: &AppState,
    viewer: &Viewer,
    id: hallway_domain::SessionId,
) -> Result<(), AppError> {
    state.store.delete_session(viewer.person.id, id).await?;
    let reason = if id == viewer.session.id {
        ByeCode::SignedOut
    } else {
        ByeCode::SessionEnded
    };
    state
        .hub
        .access_changed(AccessChange::SessionsEnded {
            person: viewer.person.id,
            reason,
        })
        .await;
    Ok(())
}
