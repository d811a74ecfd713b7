//! The demo's rooms and a few weeks of conversation, as plain data for a store to replay.
//!
//! People, rooms and teams are referred to by index ([`DemoOrg::people`], [`DemoHistory::rooms`],
//! [`DemoOrg::teams`]), because store ids only exist once the store has written them.

use chrono::{DateTime, Utc};
use hallway_domain::{
    Invalid, MessageBody, Reaction, RoomKind, RoomName, RoomWalls, Status, TeamId,
};

use crate::org::DemoOrg;

/// The seed `hallway demo` uses, so every demo tells the same story.
pub const DEMO_SEED: u64 = 20_240_611;

/// How far back the demo conversation goes.
pub const HISTORY_DAYS: i64 = 28;

/// Rooms, messages (oldest first), edits and reactions (oldest first) and statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoHistory {
    pub rooms: Vec<DemoRoom>,
    /// Sorted by time; message `n` is posted with the client id `demo-<n>`.
    pub messages: Vec<DemoMessage>,
    /// Sorted by time; each comes after the message it changes.
    pub changes: Vec<DemoChange>,
    pub statuses: Vec<DemoStatus>,
}

/// A room with the people invited into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRoom {
    pub name: RoomName,
    pub topic: String,
    pub kind: RoomKind,
    /// For team rooms: an index into [`DemoOrg::teams`].
    pub team_index: Option<usize>,
    pub overhearable: bool,
    /// An index into [`DemoOrg::people`].
    pub created_by: usize,
    pub created_at: DateTime<Utc>,
    /// Invited people (private-room members, guests in team rooms), by person index.
    pub members: Vec<usize>,
}

impl DemoRoom {
    /// Whether the person at `person` (an index into `org.people`) may enter this room,
    /// by the domain's one rule.
    pub fn admits(&self, org: &DemoOrg, person: usize) -> bool {
        let Some(who) = org.people.get(person) else {
            return false;
        };
        let teams: Vec<TeamId> = who.team_indices.iter().map(|&t| team_id(t)).collect();
        RoomWalls {
            kind: self.kind,
            team: self.team_index.map(team_id),
            invited: self.members.contains(&person),
            role: who.role,
            person_teams: &teams,
        }
        .may_enter()
    }
}

/// A stand-in team id for the walls check: the team's index.
fn team_id(index: usize) -> TeamId {
    TeamId(i64::try_from(index).unwrap_or(i64::MAX))
}

/// A message as posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoMessage {
    /// An index into [`DemoHistory::rooms`].
    pub room: usize,
    /// An index into [`DemoOrg::people`].
    pub author: usize,
    pub body: MessageBody,
    /// An earlier message of the same room, by index into [`DemoHistory::messages`].
    pub reply_to: Option<usize>,
    pub at: DateTime<Utc>,
}

/// An edit by the message's author or a reaction, after the message was posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoChange {
    /// An index into [`DemoHistory::messages`].
    pub message: usize,
    /// Who makes the change (the author, for edits).
    pub person: usize,
    pub kind: DemoChangeKind,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoChangeKind {
    Edit(MessageBody),
    React(Reaction),
}

/// A status someone chose, current at the history's "now".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoStatus {
    pub person: usize,
    pub status: Status,
}

/// One step of replaying the history: a post or a change, in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoStep<'a> {
    /// The message's index and the message.
    Post(usize, &'a DemoMessage),
    Change(&'a DemoChange),
}

impl DemoHistory {
    /// Posts and changes merged by time (a post before a change at the same instant).
    pub fn timeline(&self) -> Vec<DemoStep<'_>> {
        let mut steps = Vec::with_capacity(self.messages.len() + self.changes.len());
        let mut changes = self.changes.iter().peekable();
        for (index, message) in self.messages.iter().enumerate() {
            while let Some(change) = changes.next_if(|c| c.at < message.at) {
                steps.push(DemoStep::Change(change));
            }
            steps.push(DemoStep::Post(index, message));
        }
        steps.extend(changes.map(DemoStep::Change));
        steps
    }

    /// The stable client id of message `index`.
    pub fn client_id(index: usize) -> String {
        format!("demo-{index}")
    }
}

/// The demo's rooms and conversation for `org`, ending just before `now`. Deterministic for
/// the same organisation, `now` and `seed`. Written for [`crate::demo_org`]; for another
/// organisation the scripted stories and statuses of people it lacks are left out.
pub fn demo_history(org: &DemoOrg, now: DateTime<Utc>, seed: u64) -> Result<DemoHistory, Invalid> {
    let plans = crate::rooms::plan(org, now)?;
    let rooms: Vec<DemoRoom> = plans.iter().map(|p| p.room.clone()).collect();
    let (messages, changes) = crate::conversation::generate(org, &plans, now, seed)?;
    let statuses = crate::statuses::demo_statuses(org, now)?;
    Ok(DemoHistory {
        rooms,
        messages,
        changes,
        statuses,
    })
}
