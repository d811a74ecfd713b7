//! Profiles, passwords, roles, team membership, deactivation and account deletion.

use hallway_domain::{Invalid, Password, PersonId, ProfileInput, Role, TeamId};
use hallway_live::AccessChange;
use hallway_protocol::ByeCode;
use hallway_store::{Person, StoreError};

use crate::auth::{password, Viewer};
use crate::{Access, AppError, AppState};

/// A person the viewer may look at: anyone for members and up; only themself for guests.
pub async fn visible_person(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<Person, AppError> {
    if id != viewer.person.id {
        viewer.require(Access::Member)?;
    }
    let person = state.store.person(id).await?;
    if !person.active && !viewer.role().is_admin() && id != viewer.person.id {
        return Err(AppError::NotFound("person"));
    }
    Ok(person)
}

/// Updates a profile: one's own, or anyone's an admin may manage. Team changes need an admin.
pub async fn update_profile(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    input: ProfileInput,
) -> Result<Person, AppError> {
    let target = managed_or_self(state, viewer, id).await?;
    let profile = input.check()?;
    if let Some(teams) = &input.teams {
        let current: Vec<TeamId> = target.teams.iter().map(|t| t.id).collect();
        let mut wanted = teams.clone();
        wanted.sort();
        wanted.dedup();
        let mut have = current.clone();
        have.sort();
        if wanted != have {
            viewer.require(Access::Admin)?;
            state.store.set_person_teams(id, &wanted).await?;
            state
                .hub
                .access_changed(AccessChange::Person { person: id })
                .await;
        }
    }
    let updated = state.store.update_profile(id, &profile).await?;
    state.nudge_finder();
    Ok(updated)
}

/// Replaces a person's teams (admins only).
pub async fn set_teams(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    teams: &[TeamId],
) -> Result<Person, AppError> {
    viewer.require(Access::Admin)?;
    managed_or_self(state, viewer, id).await?;
    state.store.set_person_teams(id, teams).await?;
    state
        .hub
        .access_changed(AccessChange::Person { person: id })
        .await;
    Ok(state.store.person(id).await?)
}

async fn managed_or_self(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<Person, AppError> {
    let target = state.store.person(id).await?;
    if id != viewer.person.id && !viewer.role().may_manage(target.role) {
        return Err(AppError::forbidden("you may only change your own profile"));
    }
    Ok(target)
}

/// Changes the viewer's password after checking the current one; other sessions end.
pub async fn change_password(
    state: &AppState,
    viewer: &Viewer,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let new = Password::parse_for(
        new,
        viewer.person.email.as_str(),
        viewer.person.profile.display_name.as_str(),
    )?;
    let stored = state.store.password_hash(viewer.person.id).await?;
    if !password::verify(current.to_owned(), stored).await? {
        return Err(Invalid::new("current_password", "is not your current password").into());
    }
    let hash = password::hash(new.expose().to_owned()).await?;
    state
        .store
        .set_password_hash(viewer.person.id, &hash)
        .await?;
    for session in state.store.sessions_of(viewer.person.id).await? {
        if session.id != viewer.session.id {
            state
                .store
                .delete_session(viewer.person.id, session.id)
                .await?;
        }
    }
    state
        .hub
        .access_changed(AccessChange::SessionsEnded {
            person: viewer.person.id,
            reason: ByeCode::SessionEnded,
        })
        .await;
    Ok(())
}

/// Sets someone's role. Only owners make owners and admins; the last owner stays an owner.
pub async fn set_role(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    role: Role,
) -> Result<Person, AppError> {
    viewer.require(Access::Admin)?;
    let target = state.store.person(id).await?;
    if !viewer.role().may_manage(target.role) || !viewer.role().may_grant(role) {
        return Err(AppError::forbidden(format!(
            "a {} may not make a {} into a {role}",
            viewer.role(),
            target.role
        )));
    }
    if target.role == Role::Owner && role != Role::Owner && state.store.count_owners().await? <= 1 {
        return Err(AppError::Conflict(
            "the last owner cannot step down; make someone else owner first".into(),
        ));
    }
    let changed = state.store.set_role(id, role).await?;
    state
        .hub
        .access_changed(AccessChange::Person { person: id })
        .await;
    Ok(changed)
}

/// Deactivates a person (admins only): they can no longer sign in and every session ends.
pub async fn deactivate_person(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<(), AppError> {
    viewer.require(Access::Admin)?;
    if id == viewer.person.id {
        return Err(AppError::Conflict("you cannot deactivate yourself".into()));
    }
    let target = state.store.person(id).await?;
    if !viewer.role().may_manage(target.role) {
        return Err(AppError::forbidden(format!(
            "a {} may not deactivate a {}",
            viewer.role(),
            target.role
        )));
    }
    state.store.deactivate(id).await?;
    state
        .hub
        .access_changed(AccessChange::Person { person: id })
        .await;
    tracing::info!(person = %id, by = %viewer.person.id, "person deactivated");
    Ok(())
}

pub async fn reactivate_person(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<(), AppError> {
    viewer.require(Access::Admin)?;
    let target = state.store.person(id).await?;
    if !viewer.role().may_manage(target.role) {
        return Err(AppError::forbidden(format!(
            "a {} may not reactivate a {}",
            viewer.role(),
            target.role
        )));
    }
    Ok(state.store.reactivate(id).await?)
}

/// Deletes the viewer's own account after checking their password.
pub async fn delete_account(
    state: &AppState,
    viewer: &Viewer,
    confirm_password: &str,
) -> Result<(), AppError> {
    let stored = state.store.password_hash(viewer.person.id).await?;
    if !password::verify(confirm_password.to_owned(), stored).await? {
        return Err(Invalid::new("password", "is not your password; nothing was deleted").into());
    }
    if viewer.role() == Role::Owner && state.store.count_owners().await? <= 1 {
        return Err(AppError::Conflict(
            "you are the only owner: make someone else owner before deleting your account".into(),
        ));
    }
    match state.store.delete_person(viewer.person.id).await {
        Ok(()) | Err(StoreError::NotFound(_)) => {}
        Err(other) => return Err(other.into()),
    }
    state
        .hub
        .access_changed(AccessChange::Person {
            person: viewer.person.id,
        })
        .await;
    Ok(())
}
