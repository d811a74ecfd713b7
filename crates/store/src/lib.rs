//! The storage boundary: one trait, [`Store`], and the records it reads and writes.
//!
//! Backends (`hallway-store-sqlite`, `hallway-store-postgres`) implement it with their own
//! embedded migrations. Invariants every backend keeps:
//! - each method is atomic: it either fully happens or leaves nothing behind;
//! - an outage is [`StoreError::Unavailable`], never `NotFound` or an empty result;
//! - tokens are stored only as SHA-256 hashes, passwords only as Argon2id hashes.

mod chats;
mod circles;
pub mod convert;
mod error;
mod invitations;
mod memory;
mod pulse;
mod records;
mod rooms;
mod schedule;

pub use chats::*;
pub use circles::*;
pub use error::{InviteProblem, Missing, StoreError};
pub use invitations::*;
pub use memory::*;
pub use pulse::*;
pub use records::*;
pub use rooms::*;
pub use schedule::{RoundClaim, RoundClaimStore};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{
    CircleId, CircleName, Email, InviteId, MessageId, PersonId, Profile, Role, RoomId, SessionId,
    Status, TeamId, TeamName,
};

pub type StoreResult<T> = Result<T, StoreError>;

/// Everything Hallway keeps. Shared between request handlers as `Arc<dyn Store>`.
/// The finder's part (notes, the opt-out, the evidence feed, imports) is [`FinderStore`];
/// pulse's (interactions, snapshots, priorities, choices) is [`PulseStore`];
/// pairing invitations are [`InvitationStore`].
#[async_trait]
pub trait Store:
    FinderStore + PulseStore + ChatStore + RoundClaimStore + InvitationStore + Send + Sync + 'static
{
    /// Which backend this is ("sqlite" or "postgres"), for logs and `/readyz`.
    fn backend(&self) -> &'static str;
    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;

    // People
    /// Creates the first person as owner; fails with `AlreadySetUp` if anyone exists.
    async fn create_owner(&self, person: NewPerson) -> StoreResult<Person>;
    /// Creates a person directly (demo seeding, imports, admin CLI).
    async fn create_person(&self, person: NewPerson) -> StoreResult<Person>;
    async fn count_people(&self) -> StoreResult<u64>;
    async fn person(&self, id: PersonId) -> StoreResult<Person>;
    async fn person_by_email(&self, email: &Email) -> StoreResult<Person>;
    /// The stored password hash of an active person, for sign-in.
    async fn password_hash(&self, id: PersonId) -> StoreResult<String>;
    async fn set_password_hash(&self, id: PersonId, hash: &str) -> StoreResult<()>;
    async fn update_profile(&self, id: PersonId, profile: &Profile) -> StoreResult<Person>;
    async fn set_role(&self, id: PersonId, role: Role) -> StoreResult<Person>;
    /// Searches the directory: active people matching every given filter, by name.
    async fn search_people(&self, query: &PeopleQuery) -> StoreResult<Vec<Person>>;
    /// Marks a person inactive and ends every session of theirs, atomically.
    async fn deactivate(&self, id: PersonId) -> StoreResult<()>;
    async fn reactivate(&self, id: PersonId) -> StoreResult<()>;
    /// Removes a person and everything stored about them; invites they made stay, unattributed.
    /// Their messages keep their place in room history as deleted messages with no author
    /// (bodies scrubbed from every event, client ids forgotten; no new events are written);
    /// their reactions, status and room memberships are removed, and their earlier reaction
    /// events stay with no person. Their notes, "don't suggest me" choice and import mappings
    /// go too, and the evidence change log records what the finder must drop. Their pulse
    /// interactions, choice and pairing priority go as well.
    async fn delete_person(&self, id: PersonId) -> StoreResult<()>;
    async fn count_owners(&self) -> StoreResult<u64>;

    // Teams
    async fn create_team(&self, name: &TeamName, description: &str) -> StoreResult<Team>;
    async fn teams(&self) -> StoreResult<Vec<Team>>;
    async fn team(&self, id: TeamId) -> StoreResult<Team>;
    async fn update_team(
        &self,
        id: TeamId,
        name: &TeamName,
        description: &str,
    ) -> StoreResult<Team>;
    /// Deletes a team. Its team rooms become private rooms that keep their invited members
    /// (the team's members lose access unless invited) and all their history.
    async fn delete_team(&self, id: TeamId) -> StoreResult<()>;
    /// Replaces a person's team memberships; unknown team ids are `NotFound`.
    async fn set_person_teams(&self, id: PersonId, teams: &[TeamId]) -> StoreResult<()>;

    // Sessions
    async fn create_session(&self, session: NewSession) -> StoreResult<Session>;
    /// The live session and its (active) person for a token hash; expired sessions are `NotFound`.
    async fn session_by_token_hash(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(Session, Person)>;
    async fn sessions_of(&self, person: PersonId) -> StoreResult<Vec<Session>>;
    /// Ends one session of `person`; another person's session is `NotFound`.
    async fn delete_session(&self, person: PersonId, id: SessionId) -> StoreResult<()>;
    async fn delete_sessions_of(&self, person: PersonId) -> StoreResult<u64>;

    // Invites
    async fn create_invite(&self, invite: NewInvite) -> StoreResult<Invite>;
    async fn invites(&self) -> StoreResult<Vec<Invite>>;
    async fn invite_by_token_hash(&self, token_hash: &str) -> StoreResult<Invite>;
    async fn revoke_invite(&self, id: InviteId) -> StoreResult<()>;
    /// Uses one slot of a valid invite and creates the person, in one transaction.
    async fn redeem_invite(
        &self,
        token_hash: &str,
        person: NewPerson,
        now: DateTime<Utc>,
    ) -> StoreResult<Person>;
    /// How many invites `person` created since `since` (for the invite rate limit).
    async fn count_invites_by(&self, person: PersonId, since: DateTime<Utc>) -> StoreResult<u64>;

    // Sign-in rate limiting (shared by every node through the database)
    async fn record_sign_in_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()>;
    async fn count_sign_in_failures(&self, key: &str, since: DateTime<Utc>) -> StoreResult<u64>;
    async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()>;

    // Circles (pairing rounds)
    /// Creates a circle; a name already in use (regardless of case) is `Conflict`.
    async fn create_circle(&self, circle: NewCircle) -> StoreResult<Circle>;
    async fn circles(&self) -> StoreResult<Vec<Circle>>;
    async fn circle_by_name(&self, name: &CircleName) -> StoreResult<Circle>;
    /// Adds `person` to the circle or changes their settings (join, leave, snooze).
    async fn set_circle_member(
        &self,
        circle: CircleId,
        person: PersonId,
        settings: &MemberSettings,
    ) -> StoreResult<CircleMember>;
    /// Everyone who ever joined the circle (opted in or not), with their don't-pair lists.
    async fn circle_members(&self, circle: CircleId) -> StoreResult<Vec<CircleMember>>;
    /// Adds `other` to `person`'s confidential don't-pair list in this circle; `person` must
    /// be a member (`NotFound(Missing::CircleMember)` otherwise). Adding twice is harmless.
    async fn exclude_from_pairing(
        &self,
        circle: CircleId,
        person: PersonId,
        other: PersonId,
    ) -> StoreResult<()>;
    /// Saves a round with its groups and unpaired people in one transaction; a second round
    /// for the same circle and cycle start is `Conflict`.
    async fn save_round(&self, round: NewRound) -> StoreResult<Round>;
    /// The circle's rounds, oldest cycle first.
    async fn rounds(&self, circle: CircleId) -> StoreResult<Vec<Round>>;

    // Rooms
    /// Creates a room; a name in use (regardless of case) is `Conflict`; a team room
    /// without a team, or with an unknown one, is `NotFound(Missing::Team)`.
    async fn create_room(&self, room: NewRoom) -> StoreResult<Room>;
    /// Every room, by name.
    async fn rooms(&self) -> StoreResult<Vec<Room>>;
    async fn room(&self, id: RoomId) -> StoreResult<Room>;
    /// Invites a person into a room (team-room guests, private-room members). Twice is harmless.
    async fn add_room_member(&self, room: RoomId, person: PersonId) -> StoreResult<()>;
    /// Removes an invitation; removing someone who is not a member is harmless.
    async fn remove_room_member(&self, room: RoomId, person: PersonId) -> StoreResult<()>;
    /// The people invited to a room, by id; an unknown room is `NotFound(Missing::Room)`.
    async fn room_members(&self, room: RoomId) -> StoreResult<Vec<PersonId>>;
    /// The rooms a person was invited to.
    async fn room_memberships(&self, person: PersonId) -> StoreResult<Vec<RoomId>>;

    // Messages: every change is an event with the room's next sequence number.
    /// Posts a message, idempotently per (author, client id): a retry returns the original
    /// event with `duplicate` set and writes nothing (also when the original was deleted since);
    /// the same client id for another room or body is `Conflict`. Unknown room is
    /// `NotFound(Missing::Room)`.
    async fn post_message(&self, message: NewMessage) -> StoreResult<Posted>;
    /// Edits, deletes or reacts to a message of `room` on behalf of `person`.
    /// `Ok(None)` when a reaction changes nothing.
    async fn change_message(
        &self,
        room: RoomId,
        message: MessageId,
        person: PersonId,
        change: MessageChange,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<RoomEvent>>;
    /// Events of `room` with `seq > after`, oldest first, at most `limit`; an unknown room is
    /// `NotFound(Missing::Room)`.
    async fn room_events_after(
        &self,
        room: RoomId,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<RoomEvent>>;
    /// Messages in their current state with `seq < before` (all when `None`), the newest
    /// `limit` of them, returned oldest first.
    async fn messages_before(
        &self,
        room: RoomId,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<Message>>;
    async fn message(&self, id: MessageId) -> StoreResult<Message>;
    /// For every overhearable room, its newest message that is not deleted (rooms without
    /// one are left out): the hallway's "overheard" lines, in one read.
    async fn latest_overheard(&self) -> StoreResult<Vec<Message>>;

    // Presence a person chooses
    async fn set_status(
        &self,
        person: PersonId,
        status: &Status,
        at: DateTime<Utc>,
    ) -> StoreResult<PersonStatus>;
    /// Every stored status (people who never chose one have none).
    async fn statuses(&self) -> StoreResult<Vec<PersonStatus>>;

    /// Everything stored about a person, for their self-service export.
    async fn export_person(&self, id: PersonId) -> StoreResult<PersonExport>;
}
