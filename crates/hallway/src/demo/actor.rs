//! The demo's simulated colleagues (demo only: `hallway demo` starts this, `hallway serve`
//! never does). A director sets an opening scene within a second or two — people in rooms,
//! two of them in a room's voice, a first line typed and posted — and then cues one believable
//! thing every several seconds (a few a minute overall): someone enters or leaves a room, joins
//! or leaves voice, speaks in voice, sets a status, types and posts a line from the demo's
//! topics, or now and then waves at a visitor who is here. A visitor who waves at one of them
//! is waved back. Everything goes through real live sessions on the hub, so the hallway,
//! presence and history are the real thing.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use hallway_domain::{PersonId, RoomId};
use hallway_live::Hub;
use hallway_protocol::ServerFrame;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::cast::Actor;
use super::puppet::{enter, Cue, Heard, Puppet};

/// How fast the simulated colleagues move.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// The shortest and longest pause between two cues.
    pub between: (Duration, Duration),
    /// How long a waved-at colleague takes to wave back.
    pub wave_back: Duration,
    /// The least time between two waves at the same visitor.
    pub wave_every: Duration,
}

impl Default for Pace {
    fn default() -> Self {
        Self {
            between: (Duration::from_secs(7), Duration::from_secs(18)),
            wave_back: Duration::from_secs(4),
            wave_every: Duration::from_secs(300),
        }
    }
}

/// The demo history's first rooms are its open, overheard ones (kitchen, porch,
/// show-and-tell, help-desk).
pub(super) const OPEN_ROOMS: usize = 4;

/// Most people in one room's voice, so a visitor can still join.
pub(super) const VOICE_AT_MOST: usize = 3;

/// One colleague as the director keeps track of them.
pub(super) struct Player {
    pub actor: Actor,
    pub puppet: Puppet,
    /// Rooms they have open.
    pub rooms: BTreeSet<RoomId>,
    pub voice: Option<RoomId>,
    pub speaking: bool,
}

/// Starts the colleagues on `hub` and runs the director in the background.
pub async fn start(hub: Arc<Hub>, actors: Vec<Actor>, pace: Pace) {
    let (heard_tx, heard) = mpsc::channel(256);
    let mut players = Vec::with_capacity(actors.len());
    for actor in actors {
        let puppet = match enter(&hub, actor.person.clone(), heard_tx.clone()).await {
            Ok(puppet) => puppet,
            Err(error) => {
                tracing::warn!(%error, "a demo colleague could not sign in");
                continue;
            }
        };
        players.push(Player {
            actor,
            puppet,
            rooms: BTreeSet::new(),
            voice: None,
            speaking: false,
        });
    }
    let director = Director {
        players,
        rng: StdRng::from_entropy(),
        visitors: HashSet::new(),
        waved: HashMap::new(),
        later: Vec::new(),
        pace,
    };
    tokio::spawn(director.run(heard));
}

pub(super) struct Director {
    pub players: Vec<Player>,
    pub rng: StdRng,
    /// People connected who are not simulated: the visitors.
    pub visitors: HashSet<PersonId>,
    /// When a colleague last waved at each visitor.
    pub waved: HashMap<PersonId, Instant>,
    /// Cues due later: (when, player, cue).
    pub later: Vec<(Instant, usize, Cue)>,
    pub pace: Pace,
}

impl Director {
    async fn run(mut self, mut heard: mpsc::Receiver<Heard>) {
        if self.players.is_empty() {
            return;
        }
        self.opening().await;
        let mut next = Instant::now() + self.pause();
        loop {
            let due = self.later.iter().map(|(at, _, _)| *at).min();
            let wake = due.map_or(next, |d| d.min(next));
            tokio::select! {
                got = heard.recv() => match got {
                    Some(heard) => self.hear(heard),
                    None => return,
                },
                () = tokio::time::sleep_until(wake) => {
                    let now = Instant::now();
                    self.run_due(now).await;
                    if now >= next {
                        self.improvise().await;
                        next = now + self.pause();
                    }
                }
            }
        }
    }

    fn pause(&mut self) -> Duration {
        let (low, high) = self.pace.between;
        self.rng.gen_range(low..=high.max(low))
    }

    pub(super) async fn cue(&self, player: usize, cue: Cue) {
        if let Some(p) = self.players.get(player) {
            let _ = p.puppet.cues.send(cue).await;
        }
    }

    async fn run_due(&mut self, now: Instant) {
        let (due, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut self.later)
            .into_iter()
            .partition(|(at, _, _)| *at <= now);
        self.later = keep;
        for (_, player, cue) in due {
            self.cue(player, cue).await;
        }
    }

    /// Within a second or two: everyone in a room, two people talking in a room's voice,
    /// and a first line being typed.
    async fn opening(&mut self) {
        // The first colleague watches the hallway, to know who else is here.
        self.cue(0, Cue::Frame(json!({"type": "watch_hallway"})))
            .await;
        for index in 0..self.players.len() {
            if let Some(room) = self.favourite_room(index) {
                self.enter_room(index, room).await;
            }
        }
        let busiest = self.busiest_room();
        if let Some(room) = busiest {
            let inside: Vec<usize> = self.in_room(room);
            for &index in inside.iter().take(2) {
                self.join_voice(index, room).await;
            }
        }
        let speaker = busiest
            .and_then(|room| self.in_room(room).last().copied())
            .unwrap_or(0);
        self.say_something(speaker, Duration::from_millis(1500))
            .await;
    }

    /// One believable thing, chosen by weight.
    async fn improvise(&mut self) {
        let index = self.rng.gen_range(0..self.players.len());
        let roll: u32 = self.rng.gen_range(0..100);
        let in_rooms = self.players[index].rooms.len();
        match roll {
            0..=39 => {
                let typing = Duration::from_millis(self.rng.gen_range(1500..6000));
                self.say_something(index, typing).await;
            }
            40..=54 if in_rooms < 2 => {
                if let Some(room) = self.another_room(index) {
                    self.enter_room(index, room).await;
                }
            }
            40..=59 if in_rooms > 0 && self.present_count() > 4 => {
                let rooms: Vec<RoomId> = self.players[index].rooms.iter().copied().collect();
                if let Some(&room) = rooms.choose(&mut self.rng) {
                    self.leave_room(index, room).await;
                }
            }
            60..=69 => self.toggle_voice(index).await,
            70..=79 => self.speak_in_voice().await,
            80..=91 => self.set_status(index).await,
            _ => self.wave_at_a_visitor(index).await,
        }
    }

    fn hear(&mut self, heard: Heard) {
        let cast: HashSet<PersonId> = self.players.iter().map(|p| p.actor.id()).collect();
        match heard.frame {
            ServerFrame::Hallway { people, .. } => {
                self.visitors = people
                    .iter()
                    .filter(|p| p.connected && !cast.contains(&p.person))
                    .map(|p| p.person)
                    .collect();
            }
            ServerFrame::Person(presence) if !cast.contains(&presence.person) => {
                if presence.connected {
                    if self.visitors.insert(presence.person) {
                        self.greet_arrival();
                    }
                } else {
                    self.visitors.remove(&presence.person);
                }
            }
            ServerFrame::Wave(wave) if !cast.contains(&wave.from) => {
                // A visitor waved: the colleague waves back after a moment.
                let Some(index) = self.players.iter().position(|p| p.actor.id() == heard.who)
                else {
                    return;
                };
                self.visitors.insert(wave.from);
                self.waved.insert(wave.from, Instant::now());
                let back = Cue::Frame(json!({"type": "wave", "person": wave.from}));
                self.later
                    .push((Instant::now() + self.pace.wave_back, index, back));
            }
            _ => {}
        }
    }
}
