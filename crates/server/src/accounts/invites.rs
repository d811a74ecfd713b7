//! Invite links: created by admins (rate-limited), expiring, single- or multi-use, revocable;
//! accepting one creates the account and signs it in.

use chrono::{Duration, Utc};
use hallway_domain::{DisplayName, Email, Password, Role, TeamId, TimeZoneName};
use hallway_store::{Invite, NewInvite, NewPerson};
use serde::Deserialize;

use super::SignedIn;
use crate::auth::{new_token, password, token_hash, Viewer};
use crate::{Access, AppError, AppState};

/// What an admin asks for when creating an invite.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    #[serde(default = "default_role")]
    pub role: String,
    /// Hours until the link stops working (1 to 720).
    #[serde(default = "default_hours")]
    pub expires_in_hours: i64,
    /// How many people may use the link (1 to 1000).
    #[serde(default = "default_uses")]
    pub max_uses: u32,
    #[serde(default)]
    pub teams: Vec<TeamId>,
    #[serde(default)]
    pub note: String,
}

fn default_role() -> String {
    "member".into()
}
fn default_hours() -> i64 {
    168
}
fn default_uses() -> u32 {
    1
}

/// A new invite and the one link that carries its secret (shown once).
#[derive(Debug, serde::Serialize)]
pub struct CreatedInvite {
    pub invite: Invite,
    pub url: String,
}

pub async fn create_invite(
    state: &AppState,
    viewer: &Viewer,
    request: InviteRequest,
) -> Result<CreatedInvite, AppError> {
    viewer.require(Access::Admin)?;
    let role = Role::parse(&request.role)?;
    if !viewer.role().may_grant(role) {
        return Err(AppError::forbidden(format!(
            "only owners may invite a new {role}"
        )));
    }
    if !(1..=720).contains(&request.expires_in_hours) {
        return Err(hallway_domain::Invalid::new(
            "expires_in_hours",
            "must be between 1 and 720 hours",
        )
        .into());
    }
    if !(1..=1000).contains(&request.max_uses) {
        return Err(hallway_domain::Invalid::new("max_uses", "must be between 1 and 1000").into());
    }
    if request.note.chars().count() > 200 {
        return Err(hallway_domain::Invalid::new("note", "must be at most 200 characters").into());
    }
    for team in &request.teams {
        state.store.team(*team).await?;
    }
    let now = Utc::now();
    let recent = state
        .store
        .count_invites_by(viewer.person.id, now - Duration::hours(1))
        .await?;
    if recent >= state.config.invites_per_hour {
        return Err(AppError::TooManyRequests(format!(
            "you created {recent} invites in the last hour; the limit is {}",
            state.config.invites_per_hour
        )));
    }
    let token = new_token();
    let invite = state
        .store
        .create_invite(NewInvite {
            token_hash: token_hash(&token),
            role,
            created_by: viewer.person.id,
            created_at: now,
            expires_at: now + Duration::hours(request.expires_in_hours),
            max_uses: request.max_uses,
            teams: request.teams,
            note: request.note.trim().to_owned(),
        })
        .await?;
    let url = format!("{}/invite/{token}", state.config.base_url());
    Ok(CreatedInvite { invite, url })
}

/// The invite behind a link, if it can still be used.
pub async fn invite_status(state: &AppState, token: &str) -> Result<Invite, AppError> {
    let invite = state.store.invite_by_token_hash(&token_hash(token)).await?;
    match invite.problem(Utc::now()) {
        Some(problem) => Err(AppError::Gone(problem.to_string())),
        None => Ok(invite),
    }
}

/// What a person fills in to accept an invite.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    pub email: String,
    pub display_name: String,
    pub password: String,
    #[serde(default)]
    pub time_zone: String,
}

pub async fn accept_invite(
    state: &AppState,
    token: &str,
    sign_up: SignUp,
    user_agent: &str,
) -> Result<SignedIn, AppError> {
    let invite = invite_status(state, token).await?;
    let email = Email::parse(&sign_up.email)?;
    let name = DisplayName::parse(&sign_up.display_name)?;
    let new_password = Password::parse_for(&sign_up.password, email.as_str(), name.as_str())?;
    let zone = if sign_up.time_zone.trim().is_empty() {
        None
    } else {
        Some(TimeZoneName::parse(&sign_up.time_zone)?)
    };
    let hash = password::hash(new_password.expose().to_owned()).await?;
    let person = state
        .store
        .redeem_invite(
            &invite.token_hash,
            NewPerson {
                email,
                role: invite.role,
                password_hash: Some(hash.clone()),
                active: true,
                profile: super::starter_profile(name, zone),
                teams: invite.teams.clone(),
                joined_at: Utc::now(),
            },
            Utc::now(),
        )
        .await?;
    tracing::info!(person = %person.id, invite = %invite.id, "invite accepted");
    Ok(super::sign_in::start_session_for(state, person, user_agent)
        .await?
        .known_by(&hash))
}
