//! Room frames: watching the hallway, joining (with a replay) and leaving rooms, each against
//! the socket's current grant.

use hallway_domain::RoomId;
use hallway_protocol::{ErrorCode, ServerFrame};

use crate::hub::{lock, Watcher};
use crate::session::{Handled, LiveSession, Problem};

impl LiveSession {
    pub(crate) async fn watch_hallway(&mut self) -> Handled {
        self.take_join_token("joins and hallway watches")?;
        self.refresh_memberships().await?;
        let hub = self.hub.clone();
        loop {
            let generation = lock(&self.grant).generation;
            let (rooms, sees_people) = hub
                .hallway_view(&self.grant)
                .await
                .map_err(Problem::store)?;
            self.send(&hub.hallway_frame(&rooms, sees_people));
            lock(&hub.watchers).insert(
                self.number,
                Watcher {
                    outbox: self.outbox.clone(),
                    rooms,
                    sees_people,
                    grant: self.grant.clone(),
                },
            );
            // Access changed while the view was read: read it again with the new grant.
            if lock(&self.grant).generation == generation {
                return Ok(());
            }
        }
    }

    pub(crate) async fn join(&mut self, room: RoomId, after: Option<i64>) -> Handled {
        self.check_room(room).await?;
        self.take_join_token("joins and hallway watches")?;
        if after.is_some_and(|a| a < 0) {
            return Err(Problem::new(
                ErrorCode::InvalidField,
                "after: must be 0 or more",
            ));
        }
        let state = lock(&self.hub.registry).room_state(room);
        self.send(&ServerFrame::RoomState(state));
        let hub = self.hub.clone();
        match hub
            .feeds
            .join(hub.store.as_ref(), room, self.number, &self.outbox, after)
            .await
        {
            Ok(_) => {}
            Err(crate::feeds::JoinError::Future { newest }) => {
                return Err(Problem::new(
                    ErrorCode::FutureSequence,
                    format!(
                        "after {} is beyond room {room}'s newest event {newest}",
                        after.unwrap_or_default()
                    ),
                ))
            }
            Err(crate::feeds::JoinError::Gone) => return Ok(()),
            Err(crate::feeds::JoinError::Store(error)) => return Err(Problem::store(error)),
        }
        // Access may have changed during the replay: the new grant decides.
        let found = self.hub.room(room).await.map_err(Problem::store)?;
        if !self.admits(&found) {
            self.hub.feeds.leave(room, self.number);
            return Err(Problem::new(ErrorCode::NoSuchRoom, "no such room"));
        }
        if self.joined.insert(room) {
            self.publish_facts().await;
        }
        Ok(())
    }

    pub(crate) async fn leave(&mut self, room: RoomId) -> Handled {
        self.hub.feeds.leave(room, self.number);
        let was_in_voice = self.voice.as_ref().is_some_and(|v| v.room == room);
        if was_in_voice {
            self.record_voice_time();
            self.voice = None;
        }
        if self.joined.remove(&room) || was_in_voice {
            self.publish_facts().await;
        }
        Ok(())
    }
}
