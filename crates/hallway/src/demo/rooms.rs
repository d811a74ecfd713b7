//! Writes the demo's rooms and conversation (`hallway_seed::demo_history`) through the store:
//! rooms and their invited members, then every post, edit and reaction in time order, then
//! the statuses people chose.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, Utc};
use hallway_domain::{ClientMessageId, MessageId, PersonId, RoomId, TeamId};
use hallway_seed::{DemoChangeKind, DemoHistory, DemoOrg, DemoStep};
use hallway_store::{MessageChange, NewMessage, NewRoom, RoomEventKind, Store};

/// What writing the conversation created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeededRooms {
    pub rooms: usize,
    pub messages: usize,
    pub edits: usize,
    pub reactions: usize,
    pub statuses: usize,
}

/// Writes `history` into a store that holds `org`'s people and teams but no rooms yet.
/// Messages get the client ids `demo-<n>`, so a post retried after a failure is not stored twice.
pub async fn seed_rooms(
    store: &dyn Store,
    org: &DemoOrg,
    history: &DemoHistory,
    now: DateTime<Utc>,
) -> anyhow::Result<SeededRooms> {
    let people = person_ids(store, org).await?;
    let teams = team_ids(store, org).await?;
    let rooms = create_rooms(store, history, &people, &teams).await?;
    let mut posted: Vec<MessageId> = Vec::with_capacity(history.messages.len());
    let (mut edits, mut reactions) = (0, 0);
    for step in history.timeline() {
        match step {
            DemoStep::Post(index, message) => {
                let reply_to = match message.reply_to {
                    Some(parent) => Some(*posted.get(parent).context("a reply before its parent")?),
                    None => None,
                };
                let new = NewMessage {
                    room: *rooms
                        .get(message.room)
                        .context("a message in an unknown room")?,
                    author: person(&people, message.author)?,
                    client_id: ClientMessageId::parse(&DemoHistory::client_id(index))?,
                    body: message.body.clone(),
                    reply_to,
                    at: message.at,
                };
                let done = store
                    .post_message(new)
                    .await
                    .with_context(|| format!("posting demo message {index}"))?;
                let RoomEventKind::Posted { message: id, .. } = done.event.kind else {
                    anyhow::bail!("posting demo message {index} returned another kind of event");
                };
                posted.push(id);
            }
            DemoStep::Change(change) => {
                let message = history
                    .messages
                    .get(change.message)
                    .context("a change to an unknown message")?;
                let id = *posted
                    .get(change.message)
                    .context("a change before its post")?;
                let room = *rooms.get(message.room).context("an unknown room")?;
                let what = match &change.kind {
                    DemoChangeKind::Edit(body) => {
                        edits += 1;
                        MessageChange::Edit { body: body.clone() }
                    }
                    DemoChangeKind::React(emoji) => {
                        reactions += 1;
                        MessageChange::React {
                            emoji: emoji.clone(),
                            on: true,
                        }
                    }
                };
                store
                    .change_message(room, id, person(&people, change.person)?, what, change.at)
                    .await
                    .with_context(|| format!("changing demo message {}", change.message))?;
            }
        }
    }
    for status in &history.statuses {
        store
            .set_status(person(&people, status.person)?, &status.status, now)
            .await
            .context("setting a demo status")?;
    }
    Ok(SeededRooms {
        rooms: rooms.len(),
        messages: posted.len(),
        edits,
        reactions,
        statuses: history.statuses.len(),
    })
}

/// Creates the rooms and invites their members; returns room ids by room index.
async fn create_rooms(
    store: &dyn Store,
    history: &DemoHistory,
    people: &[PersonId],
    teams: &[TeamId],
) -> anyhow::Result<Vec<RoomId>> {
    let mut ids = Vec::with_capacity(history.rooms.len());
    for room in &history.rooms {
        let team = match room.team_index {
            Some(index) => Some(*teams.get(index).context("a room of an unknown team")?),
            None => None,
        };
        let created = store
            .create_room(NewRoom {
                name: room.name.clone(),
                topic: room.topic.clone(),
                kind: room.kind,
                team,
                overhearable: room.overhearable,
                created_by: Some(person(people, room.created_by)?),
                created_at: room.created_at,
            })
            .await
            .with_context(|| format!("creating the demo room {}", room.name))?;
        for &member in &room.members {
            store
                .add_room_member(created.id, person(people, member)?)
                .await
                .with_context(|| format!("inviting a member into {}", room.name))?;
        }
        ids.push(created.id);
    }
    Ok(ids)
}

/// The stored id of every demo person, by person index.
pub(crate) async fn person_ids(store: &dyn Store, org: &DemoOrg) -> anyhow::Result<Vec<PersonId>> {
    let mut ids = Vec::with_capacity(org.people.len());
    for person in &org.people {
        let stored = store
            .person_by_email(&person.email)
            .await
            .with_context(|| format!("finding the demo person {}", person.email))?;
        ids.push(stored.id);
    }
    Ok(ids)
}

/// The stored id of every demo team, by team index.
async fn team_ids(store: &dyn Store, org: &DemoOrg) -> anyhow::Result<Vec<TeamId>> {
    let stored: HashMap<String, TeamId> = store
        .teams()
        .await
        .context("listing the demo teams")?
        .into_iter()
        .map(|t| (t.name.to_lowercase(), t.id))
        .collect();
    org.teams
        .iter()
        .map(|t| {
            stored
                .get(&t.name.as_str().to_lowercase())
                .copied()
                .with_context(|| format!("the demo team {} is missing", t.name))
        })
        .collect()
}

fn person(people: &[PersonId], index: usize) -> anyhow::Result<PersonId> {
    people
        .get(index)
        .copied()
        .with_context(|| format!("demo person {index} is missing"))
}
