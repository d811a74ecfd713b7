//! Voice frames: join and leave a room's voice (a mesh of a few people), mute and speaking
//! state, and relaying WebRTC signals to one peer, on whichever node it is.

use std::time::Instant;

use chrono::Utc;
use hallway_domain::RoomId;
use hallway_protocol::{ErrorCode, MAX_FRAME_BYTES};

use crate::hub::lock;
use crate::session::{Handled, LiveSession, Problem};
use crate::wire::{BusEvent, VoiceFacts};

impl LiveSession {
    fn require_voice(&self, room: RoomId) -> Handled {
        if self.voice.as_ref().is_some_and(|v| v.room == room) {
            Ok(())
        } else {
            Err(Problem::new(
                ErrorCode::NotInVoice,
                format!("join room {room}'s voice first"),
            ))
        }
    }

    pub(crate) async fn voice_join(&mut self, room: RoomId) -> Handled {
        self.check_room(room).await?;
        self.require_joined(room, "voice_join")?;
        if self.voice.as_ref().is_some_and(|v| v.room == room) {
            return Ok(());
        }
        self.take_join_token("voice joins and leaves")?;
        let limit = self.hub.config.voice_limit;
        if lock(&self.hub.registry).voice_count(room) >= limit {
            return Err(Problem::new(
                ErrorCode::VoiceFull,
                format!("room {room}'s voice is full ({limit} people)"),
            ));
        }
        self.voice = Some(VoiceFacts {
            room,
            joined_ms: Utc::now().timestamp_millis(),
            muted: false,
            speaking: false,
        });
        self.publish_facts().await;
        Ok(())
    }

    /// Tells pulse about the time this person spent in voice with those still there.
    pub(crate) fn record_voice_time(&self) {
        let Some(voice) = &self.voice else { return };
        let others = lock(&self.hub.registry).voice_joins(voice.room);
        let found = crate::pulse::voice_interactions(
            voice.room,
            self.person,
            voice.joined_ms,
            &others,
            Utc::now(),
        );
        tokio::spawn(crate::pulse::record_voice(self.hub.store.clone(), found));
    }

    pub(crate) async fn voice_leave(&mut self, room: RoomId) -> Handled {
        self.require_voice(room)?;
        self.take_join_token("voice joins and leaves")?;
        self.record_voice_time();
        self.voice = None;
        self.publish_facts().await;
        Ok(())
    }

    pub(crate) async fn voice_state(
        &mut self,
        room: RoomId,
        muted: bool,
        speaking: bool,
    ) -> Handled {
        self.require_voice(room)?;
        let changed = self
            .voice
            .as_mut()
            .map(|voice| {
                let changed = voice.muted != muted || voice.speaking != speaking;
                voice.muted = muted;
                voice.speaking = speaking && !muted;
                changed
            })
            .unwrap_or(false);
        if changed {
            self.publish_facts().await;
        }
        Ok(())
    }

    pub(crate) async fn voice_signal(
        &mut self,
        room: RoomId,
        to: String,
        signal: serde_json::Value,
    ) -> Handled {
        self.require_voice(room)?;
        if to == self.id || !lock(&self.hub.registry).in_voice(room, &to) {
            return Err(Problem::new(
                ErrorCode::NoSuchPeer,
                format!("{to:?} is not in room {room}'s voice"),
            ));
        }
        if signal.to_string().len() > MAX_FRAME_BYTES {
            return Err(Problem::new(ErrorCode::InvalidField, "signal: too large"));
        }
        self.signal_limit
            .take(Instant::now())
            .map_err(|wait| Problem::limited("voice signals", wait))?;
        self.hub
            .publish(&BusEvent::Signal {
                room,
                from: self.id.clone(),
                person: self.person,
                to,
                signal,
            })
            .await;
        Ok(())
    }
}
