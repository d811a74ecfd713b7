//! The rules for rooms, shared by the API and the pages: who may enter a room (always through
//! [`RoomWalls::may_enter`]), creating rooms, invitations, and reading history.
//!
//! A room a person may not enter is reported exactly like a room that does not exist
//! (`NotFound("room")`), so its existence leaks to nobody.

mod input;

pub use input::{history_page, HistoryPage, RoomRequest};

use hallway_domain::{PersonId, Role, RoomId, RoomWalls, TeamId};
use hallway_store::{Message, NewRoom, Person, Room, StoreError};

use crate::auth::Viewer;
use crate::{Access, AppError, AppState};

/// What decides which rooms one person may enter: their role, teams and room invitations.
#[derive(Debug, Clone)]
pub struct Entrance {
    role: Role,
    teams: Vec<TeamId>,
    invited: Vec<RoomId>,
}

impl Entrance {
    /// Reads the person's invitations from the store.
    pub async fn of(state: &AppState, person: &Person) -> Result<Entrance, AppError> {
        Ok(Entrance {
            role: person.role,
            teams: person.teams.iter().map(|t| t.id).collect(),
            invited: state.store.room_memberships(person.id).await?,
        })
    }

    /// The one access rule, applied to a stored room.
    pub fn may_enter(&self, room: &Room) -> bool {
        RoomWalls {
            kind: room.kind,
            team: room.team,
            invited: self.invited.contains(&room.id),
            role: self.role,
            person_teams: &self.teams,
        }
        .may_enter()
    }
}

/// The name of a 9-minute chat's private room starts with this (`api/chats.rs`).
pub const CHAT_ROOM_PREFIX: &str = "9-minute chat #";

/// How long a 9-minute chat's room stays in room lists; after that it is reached by link only
/// (its history stays, for the two of them).
pub const CHAT_ROOM_LISTED_HOURS: i64 = 12;

/// Whether `room` is a 9-minute chat's room whose chat is long over.
pub fn is_finished_chat(room: &Room, now: chrono::DateTime<chrono::Utc>) -> bool {
    room.kind == hallway_domain::RoomKind::Private
        && room.name.as_str().starts_with(CHAT_ROOM_PREFIX)
        && now - room.created_at > chrono::Duration::hours(CHAT_ROOM_LISTED_HOURS)
}

/// Every room the viewer may enter, by name (finished 9-minute chats left out).
pub async fn rooms_for(state: &AppState, viewer: &Viewer) -> Result<Vec<Room>, AppError> {
    let entrance = Entrance::of(state, &viewer.person).await?;
    let mut rooms = state.store.rooms().await?;
    let now = chrono::Utc::now();
    rooms.retain(|room| entrance.may_enter(room) && !is_finished_chat(room, now));
    Ok(rooms)
}

/// The room, if it exists and the viewer may enter it; `NotFound("room")` otherwise.
pub async fn enterable(state: &AppState, viewer: &Viewer, id: RoomId) -> Result<Room, AppError> {
    let room = match state.store.room(id).await {
        Ok(room) => room,
        Err(StoreError::NotFound(_)) => return Err(AppError::NotFound("room")),
        Err(other) => return Err(other.into()),
    };
    if Entrance::of(state, &viewer.person).await?.may_enter(&room) {
        Ok(room)
    } else {
        Err(AppError::NotFound("room"))
    }
}

/// Creates a room. Members create open and private rooms; a team room needs a member of that
/// team or an admin. The creator of a private room becomes its first member.
pub async fn create_room(
    state: &AppState,
    viewer: &Viewer,
    request: &RoomRequest,
) -> Result<Room, AppError> {
    viewer.require(Access::Member)?;
    let checked = request.check()?;
    if let Some(team) = checked.team {
        let in_team = viewer.person.teams.iter().any(|t| t.id == team);
        if !in_team && !viewer.role().is_admin() {
            return Err(AppError::forbidden(
                "only the team's members and admins may open a room for a team",
            ));
        }
    }
    let room = state
        .store
        .create_room(NewRoom {
            name: checked.name,
            topic: checked.topic,
            kind: checked.kind,
            team: checked.team,
            overhearable: checked.overhearable,
            created_by: Some(viewer.person.id),
            created_at: chrono::Utc::now(),
        })
        .await?;
    if room.kind == hallway_domain::RoomKind::Private {
        state
            .store
            .add_room_member(room.id, viewer.person.id)
            .await?;
    }
    state.hub.room_changed(room.id).await;
    tracing::info!(room = %room.id, kind = room.kind.as_str(), "room created");
    Ok(room)
}

/// People invited into a room (the viewer must be able to enter it).
pub async fn members(
    state: &AppState,
    viewer: &Viewer,
    id: RoomId,
) -> Result<Vec<PersonId>, AppError> {
    enterable(state, viewer, id).await?;
    Ok(state.store.room_members(id).await?)
}

/// Invites `person` into a room. Only members (not guests) who may enter the room invite.
pub async fn invite(
    state: &AppState,
    viewer: &Viewer,
    id: RoomId,
    person: PersonId,
) -> Result<Vec<PersonId>, AppError> {
    let room = enterable(state, viewer, id).await?;
    viewer.require(Access::Member)?;
    let invitee = match state.store.person(person).await {
        Ok(invitee) if invitee.active => invitee,
        Ok(_) | Err(StoreError::NotFound(_)) => return Err(AppError::NotFound("person")),
        Err(other) => return Err(other.into()),
    };
    state.store.add_room_member(room.id, invitee.id).await?;
    // Their open hallway shows the room at once.
    state
        .hub
        .access_changed(hallway_live::AccessChange::Person { person: invitee.id })
        .await;
    state.hub.room_changed(room.id).await;
    tracing::info!(room = %room.id, "person invited into room");
    Ok(state.store.room_members(room.id).await?)
}

/// Takes an invitation back. Anyone may leave; removing someone else needs the room's creator
/// or an admin.
pub async fn uninvite(
    state: &AppState,
    viewer: &Viewer,
    id: RoomId,
    person: PersonId,
) -> Result<(), AppError> {
    let room = enterable(state, viewer, id).await?;
    let is_self = person == viewer.person.id;
    let is_creator = room.created_by == Some(viewer.person.id);
    if !is_self && !is_creator && !viewer.role().is_admin() {
        return Err(AppError::forbidden(
            "only the room's creator or an admin may remove someone else",
        ));
    }
    state.store.remove_room_member(room.id, person).await?;
    state
        .hub
        .access_changed(hallway_live::AccessChange::Person { person })
        .await;
    Ok(())
}

/// A page of a room's history: messages with `seq < before` (newest when `None`).
pub async fn history(
    state: &AppState,
    viewer: &Viewer,
    id: RoomId,
    page: HistoryPage,
) -> Result<Vec<Message>, AppError> {
    enterable(state, viewer, id).await?;
    Ok(state
        .store
        .messages_before(id, page.before, page.limit)
        .await?)
}
