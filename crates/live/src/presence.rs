//! Everyone's presence across every node: which connections exist, which rooms they have open
//! and whose voice they are in. Built only from what nodes publish; nothing is stored, and a
//! node that stops sending heartbeats is forgotten.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use hallway_domain::{PersonId, RoomId};
use hallway_protocol::{Occupant, RoomState};

use crate::wire::ConnectionFacts;

/// What changed: rooms whose state must be re-sent, people whose "connected" may have changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub rooms: BTreeSet<RoomId>,
    pub people: BTreeSet<PersonId>,
}

impl Changes {
    fn note(&mut self, facts: &ConnectionFacts) {
        self.rooms.extend(facts.rooms.iter().copied());
        if let Some(voice) = &facts.voice {
            self.rooms.insert(voice.room);
        }
    }

    pub fn merge(&mut self, other: Changes) {
        self.rooms.extend(other.rooms);
        self.people.extend(other.people);
    }
}

#[derive(Debug, Default)]
pub struct Registry {
    connections: HashMap<String, (String, ConnectionFacts)>,
    nodes: HashMap<String, Instant>,
    in_room: HashMap<RoomId, HashSet<String>>,
    in_voice: HashMap<RoomId, HashSet<String>>,
    per_person: HashMap<PersonId, usize>,
}

impl Registry {
    /// Sets (or with `None` removes) one connection's facts.
    pub fn set(
        &mut self,
        node: &str,
        connection: &str,
        facts: Option<ConnectionFacts>,
        now: Instant,
    ) -> Changes {
        self.nodes.insert(node.to_owned(), now);
        let mut changes = Changes::default();
        if let Some((_, old)) = self.connections.remove(connection) {
            self.unindex(connection, &old);
            changes.note(&old);
            if facts.is_none() {
                changes.people.insert(old.person);
            }
        } else if let Some(new) = &facts {
            changes.people.insert(new.person);
        }
        if let Some(new) = facts {
            self.index(connection, &new);
            changes.note(&new);
            self.connections
                .insert(connection.to_owned(), (node.to_owned(), new));
        }
        changes
    }

    /// Replaces everything known about `node` with its heartbeat.
    pub fn replace_node(
        &mut self,
        node: &str,
        connections: Vec<ConnectionFacts>,
        now: Instant,
    ) -> Changes {
        let mut changes = Changes::default();
        let incoming: HashSet<&str> = connections.iter().map(|c| c.connection.as_str()).collect();
        let stale: Vec<String> = self
            .connections
            .iter()
            .filter(|(id, (owner, _))| owner == node && !incoming.contains(id.as_str()))
            .map(|(id, _)| id.clone())
            .collect();
        for id in stale {
            changes.merge(self.set(node, &id, None, now));
        }
        for facts in connections {
            let same = self
                .connections
                .get(&facts.connection)
                .is_some_and(|(_, old)| *old == facts);
            if !same {
                let id = facts.connection.clone();
                changes.merge(self.set(node, &id, Some(facts), now));
            }
        }
        self.nodes.insert(node.to_owned(), now);
        changes
    }

    /// Forgets a node and its connections.
    pub fn remove_node(&mut self, node: &str, now: Instant) -> Changes {
        let changes = self.replace_node(node, Vec::new(), now);
        self.nodes.remove(node);
        changes
    }

    /// Forgets nodes not heard from within `max_silence` (except `own`).
    pub fn expire(&mut self, own: &str, now: Instant, max_silence: Duration) -> Changes {
        let silent: Vec<String> = self
            .nodes
            .iter()
            .filter(|(node, seen)| {
                node.as_str() != own && now.saturating_duration_since(**seen) > max_silence
            })
            .map(|(node, _)| node.clone())
            .collect();
        let mut changes = Changes::default();
        for node in silent {
            changes.merge(self.remove_node(&node, now));
        }
        changes
    }

    pub fn connected(&self, person: PersonId) -> bool {
        self.per_person.get(&person).is_some_and(|n| *n > 0)
    }

    pub fn connected_people(&self) -> impl Iterator<Item = PersonId> + '_ {
        self.per_person
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(p, _)| *p)
    }

    /// Whether `connection` is in `room`'s voice.
    pub fn in_voice(&self, room: RoomId, connection: &str) -> bool {
        self.in_voice
            .get(&room)
            .is_some_and(|set| set.contains(connection))
    }

    /// Who is in `room`'s voice and since when (ms since the epoch), one entry per connection.
    pub fn voice_joins(&self, room: RoomId) -> Vec<(PersonId, i64)> {
        self.in_voice
            .get(&room)
            .into_iter()
            .flatten()
            .filter_map(|id| self.connections.get(id))
            .filter_map(|(_, facts)| facts.voice.as_ref().map(|v| (facts.person, v.joined_ms)))
            .collect()
    }

    pub fn voice_count(&self, room: RoomId) -> usize {
        self.in_voice.get(&room).map_or(0, HashSet::len)
    }

    /// Who is in a room (each person once, by id) and in its voice (in join order).
    pub fn room_state(&self, room: RoomId) -> RoomState {
        let present: BTreeSet<PersonId> = self
            .in_room
            .get(&room)
            .into_iter()
            .flatten()
            .filter_map(|id| self.connections.get(id))
            .map(|(_, facts)| facts.person)
            .collect();
        let mut voice: Vec<(i64, Occupant)> = self
            .in_voice
            .get(&room)
            .into_iter()
            .flatten()
            .filter_map(|id| self.connections.get(id))
            .filter_map(|(_, facts)| {
                facts.voice.as_ref().map(|v| {
                    (
                        v.joined_ms,
                        Occupant {
                            connection: facts.connection.clone(),
                            person: facts.person,
                            muted: v.muted,
                            speaking: v.speaking,
                        },
                    )
                })
            })
            .collect();
        voice.sort_by(|a, b| (a.0, &a.1.connection).cmp(&(b.0, &b.1.connection)));
        RoomState {
            room,
            present: present.into_iter().collect(),
            voice: voice.into_iter().map(|(_, o)| o).collect(),
        }
    }

    fn index(&mut self, connection: &str, facts: &ConnectionFacts) {
        for room in &facts.rooms {
            self.in_room
                .entry(*room)
                .or_default()
                .insert(connection.to_owned());
        }
        if let Some(voice) = &facts.voice {
            self.in_voice
                .entry(voice.room)
                .or_default()
                .insert(connection.to_owned());
        }
        *self.per_person.entry(facts.person).or_default() += 1;
    }

    fn unindex(&mut self, connection: &str, facts: &ConnectionFacts) {
        for room in &facts.rooms {
            if let Some(set) = self.in_room.get_mut(room) {
                set.remove(connection);
                if set.is_empty() {
                    self.in_room.remove(room);
                }
            }
        }
        if let Some(voice) = &facts.voice {
            if let Some(set) = self.in_voice.get_mut(&voice.room) {
                set.remove(connection);
                if set.is_empty() {
                    self.in_voice.remove(&voice.room);
                }
            }
        }
        if let Some(n) = self.per_person.get_mut(&facts.person) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.per_person.remove(&facts.person);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::VoiceFacts;

    fn facts(conn: &str, person: i64, rooms: &[i64], voice: Option<(i64, i64)>) -> ConnectionFacts {
        ConnectionFacts {
            connection: conn.into(),
            person: PersonId(person),
            rooms: rooms.iter().map(|r| RoomId(*r)).collect(),
            voice: voice.map(|(room, joined_ms)| VoiceFacts {
                room: RoomId(room),
                joined_ms,
                muted: false,
                speaking: false,
            }),
        }
    }

    #[test]
    fn presence_follows_connections_across_nodes_and_forgets_silent_nodes() {
        let now = Instant::now();
        let mut registry = Registry::default();
        let changes = registry.set("a", "a-1", Some(facts("a-1", 1, &[7], Some((7, 20)))), now);
        assert_eq!(changes.people, BTreeSet::from([PersonId(1)]));
        registry.set("b", "b-1", Some(facts("b-1", 2, &[7], Some((7, 10)))), now);
        registry.set("b", "b-2", Some(facts("b-2", 2, &[7], None)), now);
        let state = registry.room_state(RoomId(7));
        assert_eq!(state.present, vec![PersonId(1), PersonId(2)]);
        let order: Vec<&str> = state.voice.iter().map(|o| o.connection.as_str()).collect();
        assert_eq!(order, ["b-1", "a-1"], "voice lists people in join order");

        let later = now + Duration::from_secs(20);
        registry.set("a", "a-1", Some(facts("a-1", 1, &[7], None)), later);
        let changes = registry.expire("a", later, Duration::from_secs(15));
        assert!(changes.rooms.contains(&RoomId(7)));
        assert!(!registry.connected(PersonId(2)));
        assert!(registry.connected(PersonId(1)));
        assert_eq!(registry.room_state(RoomId(7)).voice, vec![]);
    }

    #[test]
    fn a_heartbeat_replaces_what_a_node_said_before() {
        let now = Instant::now();
        let mut registry = Registry::default();
        registry.set("b", "b-1", Some(facts("b-1", 2, &[1], None)), now);
        registry.replace_node("b", vec![facts("b-2", 3, &[1], None)], now);
        assert_eq!(registry.room_state(RoomId(1)).present, vec![PersonId(3)]);
        assert!(!registry.connected(PersonId(2)));
    }
}
