//! Who a page may name. Members see the directory, so their pages name every active person.
//! A guest sees only what they were invited to: their pages name (with time zone) only the
//! guest, the people invited to the same rooms and the authors of what the page shows them.

use std::collections::HashSet;

use hallway_domain::PersonId;
use hallway_store::{Person, Room};

use super::hallway::people_json;
use crate::auth::Viewer;
use crate::{AppError, AppState};

/// The people a guest shares `rooms` with: the rooms' invited members.
pub async fn room_people(state: &AppState, rooms: &[&Room]) -> Result<HashSet<PersonId>, AppError> {
    let mut shared = HashSet::new();
    for room in rooms {
        shared.extend(state.store.room_members(room.id).await?);
    }
    Ok(shared)
}

/// The page's `data-people` JSON: everyone for members; for a guest only themselves and
/// `shared` (people they share rooms with, authors shown on the page).
pub fn people_json_for(viewer: &Viewer, everyone: &[Person], shared: &HashSet<PersonId>) -> String {
    if viewer.role().sees_directory() {
        return people_json(everyone);
    }
    let named: Vec<Person> = everyone
        .iter()
        .filter(|p| p.id == viewer.person.id || shared.contains(&p.id))
        .cloned()
        .collect();
    people_json(&named)
}
