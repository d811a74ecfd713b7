//! Teams, the formal org units, managed by admins.

use hallway_domain::{TeamId, TeamName};
use hallway_store::Team;

use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

fn description(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.chars().count() > 300 {
        return Err(
            hallway_domain::Invalid::new("description", "must be at most 300 characters").into(),
        );
    }
    Ok(text.to_owned())
}

pub async fn create_team(
    state: &AppState,
    viewer: &Viewer,
    name: &str,
    about: &str,
) -> Result<Team, AppError> {
    viewer.require(Access::Admin)?;
    let name = TeamName::parse(name)?;
    Ok(state.store.create_team(&name, &description(about)?).await?)
}

pub async fn update_team(
    state: &AppState,
    viewer: &Viewer,
    id: TeamId,
    name: &str,
    about: &str,
) -> Result<Team, AppError> {
    viewer.require(Access::Admin)?;
    let name = TeamName::parse(name)?;
    Ok(state
        .store
        .update_team(id, &name, &description(about)?)
        .await?)
}

pub async fn delete_team(state: &AppState, viewer: &Viewer, id: TeamId) -> Result<(), AppError> {
    viewer.require(Access::Admin)?;
    state.store.delete_team(id).await?;
    // Its team rooms became private rooms: their members lose them unless invited.
    state
        .hub
        .access_changed(hallway_live::AccessChange::Rooms)
        .await;
    Ok(())
}
