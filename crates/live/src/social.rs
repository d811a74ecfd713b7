//! Social frames: wave at a person, knock on a room whose voice has people in it, and let a
//! knocker in. Each is rate-limited per person; waves and knocks reach people only when they
//! may be interrupted (`held.rs`).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::Utc;
use hallway_domain::{PersonId, RoomId, RoomWalls, TeamId};
use hallway_protocol::{ErrorCode, KnockNote, ServerFrame, WaveNote};
use hallway_store::{Person, StoreError};

use crate::held::{ANSWER_WITHIN, KNOCK_HELD_FOR, WAVE_HELD_FOR};
use crate::hub::lock;
use crate::limits::Bucket;
use crate::session::{Handled, LiveSession, Problem};
use crate::wire::BusEvent;

/// The least time between two waves at the same person, or two knocks on the same room.
pub const AGAIN_AFTER: Duration = Duration::from_secs(60);

impl LiveSession {
    fn take_social_token(&self) -> Handled {
        let config = &self.hub.config;
        let mut limits = lock(&self.hub.social.limits);
        let bucket = limits
            .entry(self.person)
            .or_insert_with(|| Bucket::new(config.social_burst, config.social_per_second));
        bucket
            .take(Instant::now())
            .map_err(|wait| Problem::limited("waves and knocks", wait))
    }

    /// An active colleague other than oneself, or `no_such_person`.
    async fn colleague(&self, person: PersonId) -> Result<Person, Problem> {
        let nobody = || Problem::new(ErrorCode::NoSuchPerson, format!("no colleague {person}"));
        if person == self.person {
            return Err(Problem::new(
                ErrorCode::NoSuchPerson,
                "you cannot wave at yourself",
            ));
        }
        match self.hub.store.person(person).await {
            Ok(found) if found.active => Ok(found),
            Ok(_) | Err(StoreError::NotFound(_)) => Err(nobody()),
            Err(other) => Err(Problem::store(other)),
        }
    }

    /// Whether `person` may be interrupted and has a page open somewhere.
    fn reached_now(&self, person: &Person) -> bool {
        self.hub.reachable(person) && lock(&self.hub.registry).connected(person.id)
    }

    pub(crate) async fn wave(&mut self, person: PersonId) -> Handled {
        if !lock(&self.grant).person.role.sees_directory() {
            return Err(Problem::new(
                ErrorCode::NoSuchPerson,
                "guests cannot wave at people; say hello in a room you were invited to",
            ));
        }
        let target = self.colleague(person).await?;
        if self.hub.waved_within(self.person, person, AGAIN_AFTER) {
            return Err(Problem::limited(
                &format!("waves at {}", target.profile.display_name),
                AGAIN_AFTER,
            ));
        }
        self.take_social_token()?;
        let room = self.where_they_may_join(&target).await?;
        let room_name = match room {
            Some(id) => Some(
                self.hub
                    .room(id)
                    .await
                    .map_err(Problem::store)?
                    .name
                    .to_string(),
            ),
            None => None,
        };
        let note = WaveNote {
            from: self.person,
            name: self.display_name(),
            room,
            room_name,
            back: self.hub.waved_within(person, self.person, ANSWER_WITHIN),
            at: Utc::now(),
        };
        lock(&self.hub.social.waves).insert((self.person, person), Instant::now());
        let held = !self.reached_now(&target);
        self.hub
            .publish(&BusEvent::Reach {
                person,
                frame: ServerFrame::Wave(note),
                expires_at: Utc::now() + WAVE_HELD_FOR,
            })
            .await;
        self.send(&ServerFrame::WaveSent { person, held });
        Ok(())
    }

    /// The room this person is in (their voice first), if `target` may enter it too.
    async fn where_they_may_join(&self, target: &Person) -> Result<Option<RoomId>, Problem> {
        let Some(room) = self
            .voice
            .as_ref()
            .map(|v| v.room)
            .or_else(|| self.joined.iter().next().copied())
        else {
            return Ok(None);
        };
        let found = self.hub.room(room).await.map_err(Problem::store)?;
        let invited = self
            .hub
            .store
            .room_memberships(target.id)
            .await
            .map_err(Problem::store)?
            .contains(&room);
        let teams: Vec<TeamId> = target.teams.iter().map(|t| t.id).collect();
        let walls = RoomWalls {
            kind: found.kind,
            team: found.team,
            invited,
            role: target.role,
            person_teams: &teams,
        };
        Ok(walls.may_enter().then_some(room))
    }

    pub(crate) async fn knock(&mut self, room: RoomId) -> Handled {
        self.check_room(room).await?;
        let inside: BTreeSet<PersonId> = lock(&self.hub.registry)
            .room_state(room)
            .voice
            .iter()
            .map(|o| o.person)
            .filter(|p| *p != self.person)
            .collect();
        if inside.is_empty() {
            return Err(Problem::new(
                ErrorCode::NotInVoice,
                format!("nobody is in room {room}'s voice; just walk in"),
            ));
        }
        let recent = lock(&self.hub.social.knocks)
            .get(&(room, self.person))
            .is_some_and(|at| at.elapsed() < AGAIN_AFTER);
        if recent {
            return Err(Problem::limited("knocks on this room", AGAIN_AFTER));
        }
        self.take_social_token()?;
        lock(&self.hub.social.knocks).insert((room, self.person), Instant::now());
        let found = self.hub.room(room).await.map_err(Problem::store)?;
        let note = KnockNote {
            room,
            room_name: found.name.to_string(),
            from: self.person,
            name: self.display_name(),
            at: Utc::now(),
        };
        let mut told = 0;
        for &person in &inside {
            let target = self
                .hub
                .store
                .person(person)
                .await
                .map_err(Problem::store)?;
            told += usize::from(self.reached_now(&target));
            self.hub
                .publish(&BusEvent::Reach {
                    person,
                    frame: ServerFrame::Knock(note.clone()),
                    expires_at: Utc::now() + KNOCK_HELD_FOR,
                })
                .await;
        }
        self.send(&ServerFrame::KnockSent {
            room,
            told,
            held: told < inside.len(),
        });
        Ok(())
    }

    pub(crate) async fn let_in(&mut self, room: RoomId, person: PersonId) -> Handled {
        self.require_joined(room, "let_in")?;
        let knocked = lock(&self.hub.social.knocks)
            .get(&(room, person))
            .is_some_and(|at| at.elapsed() < ANSWER_WITHIN);
        if !knocked {
            return Err(Problem::new(
                ErrorCode::InvalidField,
                format!("person: {person} has not knocked on room {room} lately"),
            ));
        }
        self.take_social_token()?;
        let found = self.hub.room(room).await.map_err(Problem::store)?;
        self.hub
            .tell(
                person,
                ServerFrame::LetIn {
                    room,
                    room_name: found.name.to_string(),
                    by: self.person,
                    name: self.display_name(),
                },
            )
            .await;
        Ok(())
    }

    /// The sender's name as last read from the store (the grant's lock is not held after).
    fn display_name(&self) -> String {
        lock(&self.grant).person.profile.display_name.to_string()
    }
}
