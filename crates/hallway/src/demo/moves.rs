//! The director's moves: entering and leaving rooms, voice, statuses, lines and waves.

use std::collections::HashMap;
use std::time::Duration;

use hallway_domain::{PersonId, RoomId};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::json;
use tokio::time::Instant;

use super::actor::{Director, OPEN_ROOMS, VOICE_AT_MOST};
use super::puppet::Cue;

impl Director {
    pub(super) fn in_room(&self, room: RoomId) -> Vec<usize> {
        (0..self.players.len())
            .filter(|i| self.players[*i].rooms.contains(&room))
            .collect()
    }

    pub(super) fn present_count(&self) -> usize {
        self.players.iter().filter(|p| !p.rooms.is_empty()).count()
    }

    /// The open room (everyone may see it) with the most people in it.
    pub(super) fn busiest_room(&self) -> Option<RoomId> {
        let mut counts: HashMap<RoomId, usize> = HashMap::new();
        for (index, player) in self.players.iter().enumerate() {
            for room in &player.rooms {
                if self.is_open(index, *room) {
                    *counts.entry(*room).or_default() += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|(room, n)| (*n, std::cmp::Reverse(room.0)))
            .map(|(room, _)| room)
    }

    /// Half go to one of the first open rooms (the kitchen, the porch), the others to a room
    /// of their own (a team room, usually).
    pub(super) fn favourite_room(&mut self, index: usize) -> Option<RoomId> {
        let rooms = &self.players[index].actor.rooms;
        let social: Vec<RoomId> = rooms.iter().take(2).map(|(id, _)| *id).collect();
        let own: Vec<RoomId> = rooms.iter().skip(2).map(|(id, _)| *id).collect();
        let pick_social = own.is_empty() || self.rng.gen_bool(0.5);
        if pick_social {
            social.choose(&mut self.rng).copied()
        } else {
            own.choose(&mut self.rng).copied()
        }
    }

    pub(super) fn another_room(&mut self, index: usize) -> Option<RoomId> {
        let player = &self.players[index];
        let choices: Vec<RoomId> = player
            .actor
            .rooms
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| !player.rooms.contains(id))
            .collect();
        choices.choose(&mut self.rng).copied()
    }

    pub(super) async fn enter_room(&mut self, index: usize, room: RoomId) {
        self.players[index].rooms.insert(room);
        self.cue(index, Cue::Frame(json!({"type": "join", "room": room})))
            .await;
    }

    pub(super) async fn leave_room(&mut self, index: usize, room: RoomId) {
        let player = &mut self.players[index];
        player.rooms.remove(&room);
        if player.voice == Some(room) {
            player.voice = None;
            player.speaking = false;
        }
        self.cue(index, Cue::Frame(json!({"type": "leave", "room": room})))
            .await;
    }

    pub(super) async fn join_voice(&mut self, index: usize, room: RoomId) {
        let there = self
            .players
            .iter()
            .filter(|p| p.voice == Some(room))
            .count();
        if there >= VOICE_AT_MOST {
            return;
        }
        self.players[index].voice = Some(room);
        self.cue(
            index,
            Cue::Frame(json!({"type": "voice_join", "room": room})),
        )
        .await;
    }

    pub(super) async fn toggle_voice(&mut self, index: usize) {
        let player = &self.players[index];
        if let Some(room) = player.voice {
            self.players[index].voice = None;
            self.players[index].speaking = false;
            self.cue(
                index,
                Cue::Frame(json!({"type": "voice_leave", "room": room})),
            )
            .await;
            return;
        }
        // Join the voice of a room they are in, preferring one where someone already talks.
        let rooms: Vec<RoomId> = player.rooms.iter().copied().collect();
        let talking = rooms
            .iter()
            .copied()
            .find(|r| self.players.iter().any(|p| p.voice == Some(*r)));
        if let Some(room) = talking.or_else(|| rooms.first().copied()) {
            self.join_voice(index, room).await;
        }
    }

    /// Someone in voice starts or stops speaking (shown live on the room's tile).
    pub(super) async fn speak_in_voice(&mut self) {
        let voiced: Vec<usize> = (0..self.players.len())
            .filter(|i| self.players[*i].voice.is_some())
            .collect();
        let Some(&index) = voiced.choose(&mut self.rng) else {
            return;
        };
        let Some(room) = self.players[index].voice else {
            return;
        };
        let speaking = !self.players[index].speaking;
        self.players[index].speaking = speaking;
        let frame =
            json!({"type": "voice_state", "room": room, "muted": false, "speaking": speaking});
        self.cue(index, Cue::Frame(frame)).await;
        if speaking {
            let quiet =
                json!({"type": "voice_state", "room": room, "muted": false, "speaking": false});
            let after = Duration::from_millis(self.rng.gen_range(2000..6000));
            self.later
                .push((Instant::now() + after, index, Cue::Frame(quiet)));
            self.players[index].speaking = false;
        }
    }

    /// Types and posts a line they might say in one of their rooms (entering one first if
    /// they are in none).
    pub(super) async fn say_something(&mut self, index: usize, typing: Duration) {
        if self.players[index].rooms.is_empty() {
            match self.favourite_room(index) {
                Some(room) => self.enter_room(index, room).await,
                None => return,
            }
        }
        let open_only = self.rng.gen_bool(0.7);
        let line = self
            .line(index, typing, open_only)
            .or_else(|| self.line(index, typing, false));
        if let Some(cue) = line {
            self.cue(index, cue).await;
        }
    }

    /// A line for one of the rooms they have open (only the overheard, open ones if asked).
    pub(super) fn line(&mut self, index: usize, typing: Duration, open_only: bool) -> Option<Cue> {
        let player = &self.players[index];
        let choices: Vec<(RoomId, &Vec<String>)> = player
            .actor
            .rooms
            .iter()
            .filter(|(id, history)| {
                player.rooms.contains(id) && (!open_only || *history < OPEN_ROOMS)
            })
            .filter_map(|(id, history)| player.actor.lines.get(history).map(|l| (*id, l)))
            .filter(|(_, lines)| !lines.is_empty())
            .collect();
        let (room, lines) = choices.choose(&mut self.rng)?;
        let body = lines.choose(&mut self.rng)?.clone();
        Some(Cue::Say {
            room: *room,
            body,
            typing,
        })
    }

    /// A visitor arrived: someone in an open room says something a moment later, so the
    /// hallway is visibly alive from the first seconds.
    pub(super) fn greet_arrival(&mut self) {
        let talkers: Vec<usize> = (0..self.players.len())
            .filter(|i| self.players[*i].rooms.iter().any(|r| self.is_open(*i, *r)))
            .collect();
        let Some(&index) = talkers.choose(&mut self.rng) else {
            return;
        };
        if let Some(cue) = self.line(index, Duration::from_millis(1500), true) {
            self.later
                .push((Instant::now() + Duration::from_secs(1), index, cue));
        }
    }

    pub(super) fn is_open(&self, index: usize, room: RoomId) -> bool {
        self.players[index]
            .actor
            .rooms
            .iter()
            .any(|(id, history)| *id == room && *history < OPEN_ROOMS)
    }

    pub(super) async fn set_status(&mut self, index: usize) {
        let topics = &self.players[index].actor.topics;
        let topic = topics
            .choose(&mut self.rng)
            .cloned()
            .unwrap_or_else(|| "the weekly review".to_owned());
        let focusing = self.rng.gen_bool(0.3);
        let line = if focusing {
            ["Heads down on", "Deep in", "Writing up"][self.rng.gen_range(0..3)]
        } else {
            ["Pairing on", "Reviewing", "Happy to chat about"][self.rng.gen_range(0..3)]
        };
        let until = focusing.then(|| {
            let minutes = self.rng.gen_range(45..120);
            (chrono::Utc::now() + chrono::Duration::minutes(minutes)).to_rfc3339()
        });
        let frame = json!({
            "type": "status",
            "availability": if focusing { "focusing" } else { "open_to_chat" },
            "until": until,
            "working_on": format!("{line} {topic}"),
        });
        self.cue(index, Cue::Frame(frame)).await;
    }

    /// Now and then someone waves at a visitor (at most once per `wave_every` per visitor).
    pub(super) async fn wave_at_a_visitor(&mut self, index: usize) {
        let now = Instant::now();
        let every = self.pace.wave_every;
        let waiting: Vec<PersonId> = self
            .visitors
            .iter()
            .copied()
            .filter(|v| {
                self.waved
                    .get(v)
                    .is_none_or(|at| now.duration_since(*at) >= every)
            })
            .collect();
        let Some(&visitor) = waiting.choose(&mut self.rng) else {
            return;
        };
        self.waved.insert(visitor, now);
        self.cue(
            index,
            Cue::Frame(json!({"type": "wave", "person": visitor})),
        )
        .await;
    }
}
