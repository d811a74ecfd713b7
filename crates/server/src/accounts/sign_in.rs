//! Owner setup, sign-in (throttled per account and per address, never locked) and sign-out.

use std::net::IpAddr;
use std::time::Instant;

use chrono::{Duration, Utc};
use hallway_domain::{DisplayName, Email, Password, PersonId, Role, TimeZoneName};
use hallway_live::AccessChange;
use hallway_protocol::ByeCode;
use hallway_store::{NewPerson, NewSession, Person, StoreError};

use super::throttle::{Refused, ThrottleKey};
use crate::auth::{device, new_token, password, token_hash, Viewer};
use crate::{AppError, AppState};

/// A new session: the person, the token to put in their cookie, and the value of the
/// known-device cookie that lets this browser sign in while the account is being throttled.
#[derive(Debug)]
pub struct SignedIn {
    pub person: Person,
    pub token: String,
    pub device: Option<String>,
}

impl SignedIn {
    /// Makes this browser known to the account whose password hash is `hash`.
    pub(super) fn known_by(mut self, hash: &str) -> Self {
        self.device = device::value_for(hash, self.person.email.as_str());
        self
    }
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
    Ok(SignedIn {
        person,
        token,
        device: None,
    })
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
    let new_password = Password::parse_for(new_password, email.as_str(), name.as_str())?;
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
            password_hash: Some(hash.clone()),
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
    Ok(start_session_for(state, person, user_agent)
        .await?
        .known_by(&hash))
}

/// One sign-in attempt as it arrived.
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client's address (after `trusted_proxies`).
    pub client: IpAddr,
    pub user_agent: &'a str,
    /// The known-device cookie this browser sent, if any.
    pub device_cookie: Option<&'a str>,
    /// Whom this browser is still signed in as (a live session cookie), if anyone.
    pub signed_in_as: Option<PersonId>,
}

/// Checks an email and password. Failures slow further attempts down (per account and per
/// address, exponentially, see [`super::throttle`]); a browser that signed in to the account
/// before, or is still signed in to it, is judged by its own failures only.
pub async fn sign_in(state: &AppState, attempt: SignInAttempt<'_>) -> Result<SignedIn, AppError> {
    if attempt.email.trim().is_empty() || attempt.password.is_empty() {
        return Err(AppError::BadRequest("enter your email and password".into()));
    }
    let person = match Email::parse(attempt.email) {
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
    let keys = throttle_keys(state, &attempt, person.as_ref(), stored.as_deref());
    let admitted = state
        .sign_in_throttle
        .admit(&keys.checked, Instant::now())
        .map_err(slow_down)?;
    // Verify even for unknown accounts so timing does not reveal who has one.
    let hash_to_check = stored.clone().unwrap_or_else(dummy_hash);
    let matches = password::verify(attempt.password.to_owned(), hash_to_check).await?;
    match (person, stored, matches) {
        (Some(person), Some(hash), true) => {
            let clear: Vec<&str> = keys.cleared_on_success.iter().map(String::as_str).collect();
            state.sign_in_throttle.succeeded(admitted, &clear);
            let signed_in = start_session_for(state, person, attempt.user_agent).await?;
            Ok(signed_in.known_by(&hash))
        }
        _ => {
            state.metrics.sign_in_failed();
            Err(AppError::BadRequest("wrong email or password".into()))
        }
    }
}

struct AttemptKeys {
    checked: Vec<ThrottleKey>,
    cleared_on_success: Vec<String>,
}

/// A known browser is judged by its own key; anyone else by the account's and the address's.
fn throttle_keys(
    state: &AppState,
    attempt: &SignInAttempt<'_>,
    person: Option<&Person>,
    stored: Option<&str>,
) -> AttemptKeys {
    let config = &state.config;
    let per_account = u32::try_from(config.sign_in_failures_per_account).unwrap_or(u32::MAX);
    let per_ip = u32::try_from(config.sign_in_failures_per_ip).unwrap_or(u32::MAX);
    let known_key = match (person, stored) {
        (Some(person), Some(hash)) => attempt
            .device_cookie
            .and_then(|cookie| device::verify(cookie, hash, person.email.as_str()))
            .map(|nonce| format!("device:{nonce}"))
            .or_else(|| {
                (attempt.signed_in_as == Some(person.id))
                    .then(|| format!("device:signed-in:{}", person.id))
            }),
        _ => None,
    };
    if let Some(key) = known_key {
        return AttemptKeys {
            checked: vec![ThrottleKey {
                key: key.clone(),
                free_failures: per_account,
            }],
            cleared_on_success: vec![key],
        };
    }
    let account = format!("account:{}", attempt.email.trim().to_lowercase());
    AttemptKeys {
        checked: vec![
            ThrottleKey {
                key: account.clone(),
                free_failures: per_account,
            },
            ThrottleKey {
                key: format!("ip:{}", attempt.client),
                free_failures: per_ip,
            },
        ],
        // The address is not cleared: one right password must not wipe others' guesses.
        cleared_on_success: vec![account],
    }
}

fn slow_down(refused: Refused) -> AppError {
    let seconds = refused.wait.as_millis().div_ceil(1000).max(1);
    let seconds = u64::try_from(seconds).unwrap_or(u64::MAX);
    let from = if refused.key.starts_with("ip:") {
        "from your network"
    } else if refused.key.starts_with("device:") {
        "from this browser"
    } else {
        "for this account"
    };
    AppError::SlowDown {
        detail: format!(
            "too many failed sign-ins {from}; try again in {seconds} second{}",
            if seconds == 1 { "" } else { "s" }
        ),
        retry_after_seconds: seconds,
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
