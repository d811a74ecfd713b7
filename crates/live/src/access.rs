//! What a socket may do, re-checked whenever it may have changed. A socket's powers come from
//! its session and its person as the store has them now, never from `hello`.
//!
//! When access changes (the server calls [`Hub::access_changed`] once the change is durable;
//! the hub applies it here, then every other node gets it over the bus), and every
//! `session_check_every` for changes no bus announces (`hallway admin reset-password` beside a
//! one-node server, an expired session), the hub re-reads each affected socket's session and
//! person. A socket whose session is gone is closed with a `bye` naming why; otherwise its
//! [`Grant`] is replaced, rooms it may no longer enter are left with a `left` frame, and its
//! hallway view is recomputed.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use chrono::Utc;
use hallway_domain::{PersonId, RoomId, RoomWalls, TeamId};
use hallway_protocol::{ByeCode, ServerFrame, ACCESS_REVOKED};
use hallway_store::{Person, Room, StoreError};

use crate::hub::{lock, Hub, LocalConnection};
use crate::outbox::Outbox;
use crate::wire::{AccessChange, BusEvent};

/// How often one re-check retries when a newer one replaced the grant while it read the store.
const RECHECK_ATTEMPTS: usize = 5;

/// A socket's powers as of its latest check; the hub replaces it when access changes.
#[derive(Debug)]
pub(crate) struct Grant {
    pub person: Person,
    /// The rooms the person was invited to.
    pub memberships: Vec<RoomId>,
    /// Bumped at every replacement, so whoever computed something from an older grant (a
    /// join, the hallway's rooms) computes it again, and an older read never wins.
    pub generation: u64,
    /// Rooms the hub took away that the session has not yet dropped from its own state.
    pub revoked: Vec<RoomId>,
    /// The socket is being closed: it may do nothing more.
    pub closed: bool,
}

pub(crate) type SharedGrant = Arc<Mutex<Grant>>;

impl Grant {
    pub fn new(person: Person) -> SharedGrant {
        Arc::new(Mutex::new(Grant {
            person,
            memberships: Vec::new(),
            generation: 0,
            revoked: Vec::new(),
            closed: false,
        }))
    }

    /// The one room rule, with the person as last read from the store.
    pub fn admits(&self, room: &Room) -> bool {
        let teams: Vec<TeamId> = self.person.teams.iter().map(|t| t.id).collect();
        !self.closed
            && RoomWalls {
                kind: room.kind,
                team: room.team,
                invited: self.memberships.contains(&room.id),
                role: self.person.role,
                person_teams: &teams,
            }
            .may_enter()
    }

    /// Replaces the person and invitations if nothing replaced them since `generation`.
    pub fn replace(&mut self, generation: u64, person: Person, memberships: Vec<RoomId>) -> bool {
        if self.generation != generation || self.closed {
            return false;
        }
        self.person = person;
        self.memberships = memberships;
        self.generation += 1;
        true
    }
}

/// Whether two reads of a person give the same powers.
fn same_access(a: &Person, b: &Person) -> bool {
    let teams = |p: &Person| p.teams.iter().map(|t| t.id).collect::<BTreeSet<TeamId>>();
    a.role == b.role && a.active == b.active && teams(a) == teams(b)
}

/// One socket to re-check.
#[derive(Clone)]
struct Target {
    id: String,
    number: u64,
    person: PersonId,
    outbox: Outbox,
    grant: SharedGrant,
}

impl Target {
    fn of(id: &str, connection: &LocalConnection) -> Target {
        Target {
            id: id.to_owned(),
            number: connection.number,
            person: connection.facts.person,
            outbox: connection.outbox.clone(),
            grant: connection.grant.clone(),
        }
    }

    fn close(&self, code: ByeCode) {
        lock(&self.grant).closed = true;
        self.outbox.close(code.reason(match code {
            ByeCode::SignedOut => "you signed out",
            ByeCode::AccountClosed => "this account was deactivated or deleted",
            _ => "your session ended; sign in again",
        }));
    }
}

/// What the store says about a socket's session now.
enum Verdict {
    Allowed(Box<Person>, Vec<RoomId>),
    Ended(ByeCode),
}

/// Tells every node's hub about a durable access change made outside any hub (the CLI), so
/// their sockets are re-checked at once rather than at the next periodic check.
pub async fn announce_access(
    bus: &dyn hallway_bus::Bus,
    change: AccessChange,
) -> Result<(), hallway_bus::BusError> {
    let event = BusEvent::Access {
        origin: "cli".to_owned(),
        change,
    };
    bus.publish(&event.subject(), event.encode()).await?;
    bus.flush().await
}

impl Hub {
    /// Puts a durable change of someone's access into force: this node's affected sockets are
    /// re-checked before this returns, and every other node is told over the bus.
    pub async fn access_changed(&self, change: AccessChange) {
        self.apply_access(&change).await;
        self.publish(&BusEvent::Access {
            origin: self.node().to_owned(),
            change,
        })
        .await;
    }

    pub(crate) async fn apply_access(&self, change: &AccessChange) {
        match change {
            AccessChange::SessionsEnded { person, reason } => {
                self.recheck(|c| c.facts.person == *person, *reason).await
            }
            AccessChange::Person { person } => {
                self.recheck(|c| c.facts.person == *person, ByeCode::SessionEnded)
                    .await
            }
            AccessChange::Rooms => {
                lock(&self.rooms).clear();
                self.recheck(|_| true, ByeCode::SessionEnded).await
            }
        }
    }

    /// This node's sockets that `which` picks, grouped by the session they were opened with.
    fn targets(&self, which: impl Fn(&LocalConnection) -> bool) -> HashMap<String, Vec<Target>> {
        let mut groups: HashMap<String, Vec<Target>> = HashMap::new();
        for (id, connection) in lock(&self.local).iter() {
            if which(connection) {
                groups
                    .entry(connection.token_hash.clone())
                    .or_default()
                    .push(Target::of(id, connection));
            }
        }
        groups
    }

    async fn recheck(&self, which: impl Fn(&LocalConnection) -> bool, ended: ByeCode) {
        for (token_hash, targets) in self.targets(which) {
            self.recheck_session(&token_hash, &targets, ended).await;
        }
    }

    /// Checks every socket's session against the store (the backstop for changes no bus
    /// announced, and for expiry); re-checks fully those whose session or powers changed.
    pub(crate) async fn check_sessions(&self) {
        let now = Utc::now();
        for (token_hash, targets) in self.targets(|_| true) {
            let changed = match self.store.session_by_token_hash(&token_hash, now).await {
                Ok((_, person)) => targets
                    .iter()
                    .any(|t| !same_access(&lock(&t.grant).person, &person)),
                Err(StoreError::NotFound(_)) => true,
                Err(error) => {
                    tracing::warn!(%error, "could not check live sessions; trying again later");
                    return;
                }
            };
            if changed {
                self.recheck_session(&token_hash, &targets, ByeCode::SessionEnded)
                    .await;
            }
        }
    }

    async fn verdict(
        &self,
        token_hash: &str,
        person: PersonId,
        ended: ByeCode,
    ) -> Result<Verdict, StoreError> {
        match self
            .store
            .session_by_token_hash(token_hash, Utc::now())
            .await
        {
            Ok((_, found)) if found.id == person && found.active => {
                let memberships = self.store.room_memberships(person).await?;
                Ok(Verdict::Allowed(Box::new(found), memberships))
            }
            Ok(_) => Ok(Verdict::Ended(ByeCode::AccountClosed)),
            Err(StoreError::NotFound(_)) => match self.store.person(person).await {
                Ok(found) if found.active => Ok(Verdict::Ended(ended)),
                Ok(_) | Err(StoreError::NotFound(_)) => Ok(Verdict::Ended(ByeCode::AccountClosed)),
                Err(other) => Err(other),
            },
            Err(other) => Err(other),
        }
    }

    /// Re-reads one session's person and invitations and applies them to its sockets.
    async fn recheck_session(&self, token_hash: &str, targets: &[Target], ended: ByeCode) {
        let Some(first) = targets.first() else { return };
        let mut pending: Vec<Target> = targets.to_vec();
        for _ in 0..RECHECK_ATTEMPTS {
            let generations: Vec<u64> = pending.iter().map(|t| lock(&t.grant).generation).collect();
            let verdict = match self.verdict(token_hash, first.person, ended).await {
                Ok(verdict) => verdict,
                Err(error) => {
                    tracing::warn!(%error, "could not re-check a live session; the periodic check will retry");
                    return;
                }
            };
            let (person, memberships) = match verdict {
                Verdict::Ended(code) => {
                    for target in &pending {
                        target.close(code);
                    }
                    return;
                }
                Verdict::Allowed(person, memberships) => (*person, memberships),
            };
            let mut stale = Vec::new();
            for (target, generation) in pending.iter().zip(generations) {
                let replaced =
                    lock(&target.grant).replace(generation, person.clone(), memberships.clone());
                if replaced {
                    self.restrict(target).await;
                } else if !lock(&target.grant).closed {
                    stale.push(target.clone());
                }
            }
            if stale.is_empty() {
                return;
            }
            pending = stale;
        }
    }

    /// Takes away the rooms a socket may no longer enter and recomputes its hallway view.
    async fn restrict(&self, target: &Target) {
        let mut revoked = Vec::new();
        for room in self.feeds.rooms_of(target.number) {
            match self.room(room).await {
                Ok(found) => {
                    let admitted = lock(&target.grant).admits(&found);
                    if !admitted {
                        revoked.push(room);
                    }
                }
                Err(StoreError::NotFound(_)) => revoked.push(room),
                Err(error) => {
                    tracing::warn!(%room, %error, "could not re-check a room; keeping it until the next check")
                }
            }
        }
        if !revoked.is_empty() {
            for room in &revoked {
                self.feeds.leave(*room, target.number);
                let left = ServerFrame::Left {
                    room: *room,
                    reason: ACCESS_REVOKED.to_owned(),
                };
                target.outbox.push(left.to_json().into());
            }
            lock(&target.grant).revoked.extend(revoked.iter().copied());
            let facts = lock(&self.local).get_mut(&target.id).map(|connection| {
                connection.facts.rooms.retain(|r| !revoked.contains(r));
                if let Some(voice) = &connection.facts.voice {
                    if revoked.contains(&voice.room) {
                        connection.facts.voice = None;
                    }
                }
                connection.facts.clone()
            });
            if let Some(facts) = facts {
                self.publish_facts(&target.id, Some(facts)).await;
            }
        }
        self.rewatch(target).await;
    }

    /// Recomputes a hallway watcher's rooms; sends a fresh `hallway` frame when they changed.
    async fn rewatch(&self, target: &Target) {
        if !lock(&self.watchers).contains_key(&target.number) {
            return;
        }
        let (rooms, sees_people) = match self.hallway_view(&target.grant).await {
            Ok(view) => view,
            Err(error) => {
                tracing::warn!(%error, "could not recompute a hallway view");
                return;
            }
        };
        let changed = match lock(&self.watchers).get_mut(&target.number) {
            Some(watcher) if watcher.rooms != rooms || watcher.sees_people != sees_people => {
                watcher.rooms = rooms.clone();
                watcher.sees_people = sees_people;
                true
            }
            _ => false,
        };
        if changed {
            let frame = self.hallway_frame(&rooms, sees_people);
            target.outbox.push(frame.to_json().into());
        }
    }

    /// The rooms a grant may see on the hallway, and whether it sees people.
    pub(crate) async fn hallway_view(
        &self,
        grant: &SharedGrant,
    ) -> Result<(std::collections::HashSet<RoomId>, bool), StoreError> {
        let all = self.store.rooms().await?;
        let grant = lock(grant);
        let rooms = all
            .iter()
            .filter(|room| grant.admits(room))
            .map(|room| room.id)
            .collect();
        Ok((rooms, grant.person.role.sees_directory() && !grant.closed))
    }

    /// Everything the hallway shows of `rooms` (and of people, if `sees_people`).
    pub(crate) fn hallway_frame(
        &self,
        rooms: &std::collections::HashSet<RoomId>,
        sees_people: bool,
    ) -> ServerFrame {
        let mut ordered: Vec<RoomId> = rooms.iter().copied().collect();
        ordered.sort();
        let states = {
            let registry = lock(&self.registry);
            ordered.iter().map(|r| registry.room_state(*r)).collect()
        };
        let people = if sees_people {
            let mut known: BTreeSet<_> = lock(&self.statuses).keys().copied().collect();
            known.extend(lock(&self.registry).connected_people());
            known.into_iter().map(|p| self.presence_of(p)).collect()
        } else {
            Vec::new()
        };
        ServerFrame::Hallway {
            people,
            rooms: states,
        }
    }
}
