//! Records the store reads and writes.

use chrono::{DateTime, Utc};
use hallway_domain::{Email, InviteId, PersonId, Profile, Role, SessionId, Tag, TeamId};
use serde::Serialize;

/// A person as stored: identity, role, profile and teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub email: Email,
    pub role: Role,
    pub active: bool,
    pub profile: Profile,
    pub teams: Vec<TeamRef>,
    pub joined_at: DateTime<Utc>,
}

/// A team's id and name, as shown next to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRef {
    pub id: TeamId,
    pub name: String,
}

/// A person to create. `password_hash` is `None` for imported, inactive people.
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub email: Email,
    pub role: Role,
    pub password_hash: Option<String>,
    pub active: bool,
    pub profile: Profile,
    pub teams: Vec<TeamId>,
    pub joined_at: DateTime<Utc>,
}

/// Directory filters; every given filter must match. `text` matches name or email.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery {
    pub text: Option<String>,
    pub team: Option<TeamId>,
    pub tag: Option<Tag>,
    pub include_inactive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub description: String,
    pub member_count: u64,
}

#[derive(Debug, Clone)]
pub struct NewSession {
    pub person: PersonId,
    pub token_hash: String,
    pub user_agent: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A signed-in session. No last-seen time is kept: Hallway does not track activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub id: SessionId,
    pub person: PersonId,
    #[serde(skip)]
    pub token_hash: String,
    pub user_agent: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewInvite {
    pub token_hash: String,
    pub role: Role,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub max_uses: u32,
    pub teams: Vec<TeamId>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invite {
    pub id: InviteId,
    #[serde(skip)]
    pub token_hash: String,
    pub role: Role,
    pub created_by: Option<PersonId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub max_uses: u32,
    pub uses: u32,
    pub revoked: bool,
    pub teams: Vec<TeamId>,
    pub note: String,
}

impl Invite {
    /// Why this invite cannot be used at `now`, if it cannot.
    pub fn problem(&self, now: DateTime<Utc>) -> Option<crate::InviteProblem> {
        if self.revoked {
            Some(crate::InviteProblem::Revoked)
        } else if self.expires_at <= now {
            Some(crate::InviteProblem::Expired)
        } else if self.uses >= self.max_uses {
            Some(crate::InviteProblem::UsedUp)
        } else {
            None
        }
    }
}

/// Everything stored about one person, as their export shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PersonExport {
    pub person: Person,
    pub sessions: Vec<Session>,
    pub invites_created: Vec<Invite>,
    /// Circle memberships with the person's own confidential don't-pair lists.
    pub circles: Vec<crate::CircleMembershipExport>,
    /// Status, room invitations, messages and reactions.
    pub rooms: crate::RoomsExport,
    /// Notes, the "don't suggest me" choice and imported identities.
    pub memory: crate::MemoryExport,
    /// Their "left pulse" choice and the interactions they are part of.
    pub pulse: crate::PulseExport,
    /// 9-minute chat requests they made or received.
    pub chats: Vec<crate::ChatRequest>,
    /// Invitations from pairing rounds, with the person's answers.
    pub invitations: Vec<crate::Invitation>,
}
