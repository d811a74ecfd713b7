//! The hallway's overheard lines: the newest message of every overhearable room, read at once.

use hallway_domain::RoomKind;
use hallway_store::MessageChange;

use super::messages::new_message;
use super::rooms::{new_room, open_room};
use super::{at, each, person};

#[tokio::test]
async fn the_newest_live_line_of_each_overhearable_room_in_one_read() {
    each(|store, name| async move {
        let ada = person(&store, "ada@example.org", "Ada").await;
        let kitchen = open_room(&store, "Kitchen").await;
        let lounge = open_room(&store, "Lounge").await;
        let _quiet = open_room(&store, "Quiet").await;
        let mut closed = new_room("Closed door", RoomKind::Open, None);
        closed.overhearable = false;
        let closed = store.create_room(closed).await.unwrap();
        assert!(store.latest_overheard().await.unwrap().is_empty(), "{name}");

        for (room, client, text) in [
            (&kitchen, "k1", "coffee?"),
            (&kitchen, "k2", "the deploy is green"),
            (&lounge, "l1", "lunch at noon"),
            (&lounge, "l2", "oops, wrong room"),
            (&closed, "c1", "not for the hallway"),
        ] {
            store
                .post_message(new_message(room, ada.id, client, text))
                .await
                .unwrap();
        }
        let oops = store.messages_before(lounge.id, None, 1).await.unwrap();
        store
            .change_message(lounge.id, oops[0].id, ada.id, MessageChange::Delete, at(20))
            .await
            .unwrap();

        let latest = store.latest_overheard().await.unwrap();
        let lines: Vec<(i64, &str)> = latest.iter().map(|m| (m.room.0, m.body.as_str())).collect();
        assert_eq!(
            lines,
            vec![
                (kitchen.id.0, "the deploy is green"),
                (lounge.id.0, "lunch at noon"),
            ],
            "{name}: newest per room, deleted ones skipped, closed and empty rooms left out"
        );
    })
    .await;
}
