//! Stories about rooms: kinds and unique names, invited members, what happens to a team's rooms
//! when the team goes, and the status people choose.

use std::sync::Arc;

use chrono::Duration;
use hallway_domain::{
    Availability, MessageBody, PersonId, RoomId, RoomKind, RoomName, Status, TeamId, TeamName,
};
use hallway_store::{NewRoom, Room, Store, StoreError};

use super::{at, each, person};

pub fn new_room(name: &str, kind: RoomKind, team: Option<TeamId>) -> NewRoom {
    NewRoom {
        name: RoomName::parse(name).unwrap(),
        topic: format!("all about {name}"),
        kind,
        team,
        overhearable: kind == RoomKind::Open,
        created_by: None,
        created_at: at(0),
    }
}

/// An open room named `name`.
pub async fn open_room(store: &Arc<dyn Store>, name: &str) -> Room {
    store
        .create_room(new_room(name, RoomKind::Open, None))
        .await
        .unwrap()
}

pub fn body(text: &str) -> MessageBody {
    MessageBody::parse(text).unwrap()
}

#[tokio::test]
async fn rooms_of_every_kind_have_unique_names() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let team = store
            .create_team(&TeamName::parse("Platform").unwrap(), "")
            .await
            .unwrap();
        let mut kitchen = new_room("Kitchen", RoomKind::Open, Some(team.id));
        kitchen.created_by = Some(ada.id);
        let kitchen = store.create_room(kitchen).await.unwrap();
        assert_eq!(kitchen.team, None, "{name}: only team rooms keep a team");
        assert_eq!(
            (kitchen.created_by, kitchen.last_seq, kitchen.created_at),
            (Some(ada.id), 0, at(0)),
            "{name}"
        );
        assert!(kitchen.overhearable, "{name}");
        let platform = store
            .create_room(new_room("platform", RoomKind::Team, Some(team.id)))
            .await
            .unwrap();
        assert_eq!(
            (platform.kind, platform.team),
            (RoomKind::Team, Some(team.id))
        );
        let secret = store
            .create_room(new_room("Board", RoomKind::Private, None))
            .await
            .unwrap();

        match store
            .create_room(new_room("KITCHEN", RoomKind::Private, None))
            .await
        {
            Err(StoreError::Conflict(m)) => assert!(m.contains("KITCHEN"), "{name}: {m}"),
            other => panic!("{name}: expected a conflict, got {other:?}"),
        }
        for team in [None, Some(TeamId(999_999))] {
            let orphan = store
                .create_room(new_room("Orphan", RoomKind::Team, team))
                .await;
            assert!(
                matches!(
                    orphan,
                    Err(StoreError::NotFound(hallway_store::Missing::Team))
                ),
                "{name}: {orphan:?}"
            );
        }
        let mut ghost = new_room("Ghost", RoomKind::Open, None);
        ghost.created_by = Some(PersonId(999_999));
        let ghost = store.create_room(ghost).await;
        assert!(
            matches!(
                ghost,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}"
        );

        let all = store.rooms().await.unwrap();
        assert_eq!(
            all,
            vec![secret.clone(), kitchen.clone(), platform.clone()],
            "{name}: by name, nothing half-created"
        );
        assert_eq!(store.room(platform.id).await.unwrap(), platform, "{name}");
        let missing = store.room(RoomId(999_999)).await;
        assert!(
            matches!(
                missing,
                Err(StoreError::NotFound(hallway_store::Missing::Room))
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn people_are_invited_into_rooms() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        let board = store
            .create_room(new_room("Board", RoomKind::Private, None))
            .await
            .unwrap();
        let kitchen = open_room(&store, "Kitchen").await;
        store.add_room_member(board.id, bob.id).await.unwrap();
        store.add_room_member(board.id, ada.id).await.unwrap();
        store.add_room_member(board.id, ada.id).await.unwrap();
        store.add_room_member(kitchen.id, ada.id).await.unwrap();
        assert_eq!(
            store.room_members(board.id).await.unwrap(),
            vec![ada.id, bob.id],
            "{name}: twice is harmless"
        );
        assert_eq!(
            store.room_memberships(ada.id).await.unwrap(),
            vec![board.id, kitchen.id],
            "{name}"
        );
        store.remove_room_member(board.id, ada.id).await.unwrap();
        store.remove_room_member(board.id, ada.id).await.unwrap();
        assert_eq!(
            store.room_members(board.id).await.unwrap(),
            vec![bob.id],
            "{name}"
        );

        let nowhere = RoomId(999_999);
        assert!(matches!(
            store.add_room_member(nowhere, ada.id).await,
            Err(StoreError::NotFound(hallway_store::Missing::Room))
        ));
        assert!(matches!(
            store.remove_room_member(nowhere, ada.id).await,
            Err(StoreError::NotFound(hallway_store::Missing::Room))
        ));
        assert!(matches!(
            store.room_members(nowhere).await,
            Err(StoreError::NotFound(hallway_store::Missing::Room))
        ));
        let nobody = store.add_room_member(board.id, PersonId(999_999)).await;
        assert!(
            matches!(
                nobody,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {nobody:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_deleted_teams_rooms_become_private_and_keep_their_guests() {
    each(|store, name| async move {
        let guest = person(&store, "guest@example.org", "Guest").await;
        let team = store
            .create_team(&TeamName::parse("Platform").unwrap(), "")
            .await
            .unwrap();
        let room = store
            .create_room(new_room("Platform", RoomKind::Team, Some(team.id)))
            .await
            .unwrap();
        store.add_room_member(room.id, guest.id).await.unwrap();
        let posted = store
            .post_message(super::messages::new_message(&room, guest.id, "c1", "hi"))
            .await
            .unwrap();
        store.delete_team(team.id).await.unwrap();

        let after = store.room(room.id).await.unwrap();
        assert_eq!(
            (after.kind, after.team, after.last_seq),
            (RoomKind::Private, None, 1),
            "{name}"
        );
        assert_eq!(
            store.room_members(room.id).await.unwrap(),
            vec![guest.id],
            "{name}"
        );
        let history = store.room_events_after(room.id, 0, 10).await.unwrap();
        assert_eq!(history, vec![posted.event], "{name}: history stays");
        let gone = store.delete_team(team.id).await;
        assert!(
            matches!(
                gone,
                Err(StoreError::NotFound(hallway_store::Missing::Team))
            ),
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_status_is_replaced_not_added() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let bob = person(&store, "bob@example.org", "Bob").await;
        assert!(store.statuses().await.unwrap().is_empty(), "{name}");
        let focusing = Status {
            availability: Availability::Focusing,
            until: Some(at(0) + Duration::hours(2)),
            working_on: "the TLS rollout".to_owned(),
        };
        let stored = store.set_status(ada.id, &focusing, at(1)).await.unwrap();
        assert_eq!(
            (stored.person, &stored.status, stored.updated_at),
            (ada.id, &focusing, at(1)),
            "{name}"
        );
        let away = Status {
            availability: Availability::Away,
            until: None,
            working_on: String::new(),
        };
        store.set_status(ada.id, &away, at(5)).await.unwrap();
        store
            .set_status(bob.id, &Status::default(), at(6))
            .await
            .unwrap();
        let all = store.statuses().await.unwrap();
        assert_eq!(all.len(), 2, "{name}: one status per person");
        assert_eq!(
            (all[0].person, &all[0].status, all[0].updated_at),
            (ada.id, &away, at(5)),
            "{name}"
        );
        assert_eq!(all[1].status.availability, Availability::OpenToChat);
        let nobody = store.set_status(PersonId(999_999), &away, at(7)).await;
        assert!(
            matches!(
                nobody,
                Err(StoreError::NotFound(hallway_store::Missing::Person))
            ),
            "{name}: {nobody:?}"
        );
    })
    .await;
}
