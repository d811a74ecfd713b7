//! Which rooms an asker may read now: `RoomWalls::may_enter` over every room, with their role,
//! teams and invitations. The finder never decides this any other way.

use hallway_domain::{RoomId, RoomWalls, TeamId};
use hallway_store::{Person, Room, Store, StoreResult};

/// Every room, and the ids of those `person` may read.
pub async fn readable_rooms(
    store: &dyn Store,
    person: &Person,
) -> StoreResult<(Vec<Room>, Vec<RoomId>)> {
    let rooms = store.rooms().await?;
    let invited = store.room_memberships(person.id).await?;
    let teams: Vec<TeamId> = person.teams.iter().map(|t| t.id).collect();
    let readable = rooms
        .iter()
        .filter(|room| {
            RoomWalls {
                kind: room.kind,
                team: room.team,
                invited: invited.contains(&room.id),
                role: person.role,
                person_teams: &teams,
            }
            .may_enter()
        })
        .map(|room| room.id)
        .collect();
    Ok((rooms, readable))
}
