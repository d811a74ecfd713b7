//! The [`Store`] implementation: each method opens a transaction (a write one where it
//! writes), calls into the query module for its area and commits.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{
    CircleId, CircleName, Email, InviteId, MessageId, PersonId, Profile, Role, RoomId, SessionId,
    Status, TeamId, TeamName,
};
use hallway_store::{
    Circle, CircleMember, Invite, MemberSettings, MemoryExport, Message, MessageChange, NewCircle,
    NewInvite, NewMessage, NewPerson, NewRoom, NewRound, NewSession, PeopleQuery, Person,
    PersonExport, PersonStatus, Posted, Room, RoomEvent, RoomsExport, Round, Session, Store,
    StoreError, StoreResult, Team,
};

use crate::backend::{commit, SqlStore};
use crate::impls::chats;
use crate::{
    circles, evidence, history, imports, invitations, invites, messages, notes, people, pulse,
    rooms, rounds, rows, search, sessions, sign_in, statuses, teams,
};

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> &'static str {
        self.backend_name()
    }

    async fn ping(&self) -> StoreResult<()> {
        self.ping_backend().await
    }

    async fn create_owner(&self, person: NewPerson) -> StoreResult<Person> {
        let person = NewPerson {
            role: Role::Owner,
            ..person
        };
        let mut tx = self.write().await?;
        evidence::lock_log(tx.conn()).await?;
        let id = people::insert(tx.conn(), &person, true).await?;
        let created = rows::person(tx.conn(), id).await?;
        commit(tx, created).await
    }

    async fn create_person(&self, person: NewPerson) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        evidence::lock_log(tx.conn()).await?;
        let id = people::insert(tx.conn(), &person, false).await?;
        let created = rows::person(tx.conn(), id).await?;
        commit(tx, created).await
    }

    async fn count_people(&self) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = people::count(tx.conn(), None).await?;
        commit(tx, n).await
    }

    async fn person(&self, id: PersonId) -> StoreResult<Person> {
        let mut tx = self.read().await?;
        let found = rows::person(tx.conn(), id.0).await?;
        commit(tx, found).await
    }

    async fn person_by_email(&self, email: &Email) -> StoreResult<Person> {
        let mut tx = self.read().await?;
        let found = people::by_email(tx.conn(), email).await?;
        commit(tx, found).await
    }

    async fn password_hash(&self, id: PersonId) -> StoreResult<String> {
        let mut tx = self.read().await?;
        let hash = people::password_hash(tx.conn(), id).await?;
        commit(tx, hash).await
    }

    async fn set_password_hash(&self, id: PersonId, hash: &str) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_password_hash(tx.conn(), id, hash).await?;
        commit(tx, ()).await
    }

    async fn update_profile(&self, id: PersonId, profile: &Profile) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        evidence::lock_log(tx.conn()).await?;
        let updated = people::update_profile(tx.conn(), id, profile).await?;
        commit(tx, updated).await
    }

    async fn set_role(&self, id: PersonId, role: Role) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        let updated = people::set_role(tx.conn(), id, role).await?;
        commit(tx, updated).await
    }

    async fn search_people(&self, query: &PeopleQuery) -> StoreResult<Vec<Person>> {
        let mut tx = self.read().await?;
        let found = search::search(tx.conn(), query).await?;
        commit(tx, found).await
    }

    async fn deactivate(&self, id: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_active(tx.conn(), id, false).await?;
        commit(tx, ()).await
    }

    async fn reactivate(&self, id: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_active(tx.conn(), id, true).await?;
        commit(tx, ()).await
    }

    async fn delete_person(&self, id: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        evidence::lock_log(tx.conn()).await?;
        evidence::forget_person(tx.conn(), id).await?;
        messages::forget_author(tx.conn(), id).await?;
        people::delete(tx.conn(), id).await?;
        commit(tx, ()).await
    }

    async fn count_owners(&self) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = people::count(tx.conn(), Some(Role::Owner)).await?;
        commit(tx, n).await
    }

    async fn create_team(&self, name: &TeamName, description: &str) -> StoreResult<Team> {
        let mut tx = self.write().await?;
        let team = teams::create(tx.conn(), name, description).await?;
        commit(tx, team).await
    }

    async fn teams(&self) -> StoreResult<Vec<Team>> {
        let mut tx = self.read().await?;
        let all = teams::all(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn team(&self, id: TeamId) -> StoreResult<Team> {
        let mut tx = self.read().await?;
        let team = teams::get(tx.conn(), id).await?;
        commit(tx, team).await
    }

    async fn update_team(
        &self,
        id: TeamId,
        name: &TeamName,
        description: &str,
    ) -> StoreResult<Team> {
        let mut tx = self.write().await?;
        let team = teams::update(tx.conn(), id, name, description).await?;
        commit(tx, team).await
    }

    async fn delete_team(&self, id: TeamId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        rooms::release_team(tx.conn(), id).await?;
        teams::delete(tx.conn(), id).await?;
        commit(tx, ()).await
    }

    async fn set_person_teams(&self, id: PersonId, teams: &[TeamId]) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_teams(tx.conn(), id, teams).await?;
        commit(tx, ()).await
    }

    async fn create_session(&self, session: NewSession) -> StoreResult<Session> {
        let mut tx = self.write().await?;
        let created = sessions::create(tx.conn(), &session).await?;
        commit(tx, created).await
    }

    async fn session_by_token_hash(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(Session, Person)> {
        let mut tx = self.read().await?;
        let found = sessions::by_token_hash(tx.conn(), token_hash, now).await?;
        commit(tx, found).await
    }

    async fn sessions_of(&self, person: PersonId) -> StoreResult<Vec<Session>> {
        let mut tx = self.read().await?;
        let found = sessions::of(tx.conn(), person).await?;
        commit(tx, found).await
    }

    async fn delete_session(&self, person: PersonId, id: SessionId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sessions::delete(tx.conn(), person, id).await?;
        commit(tx, ()).await
    }

    async fn delete_sessions_of(&self, person: PersonId) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let n = sessions::delete_of(tx.conn(), person).await?;
        commit(tx, n).await
    }

    async fn create_invite(&self, invite: NewInvite) -> StoreResult<Invite> {
        let mut tx = self.write().await?;
        let created = invites::create(tx.conn(), &invite).await?;
        commit(tx, created).await
    }

    async fn invites(&self) -> StoreResult<Vec<Invite>> {
        let mut tx = self.read().await?;
        let all = invites::all(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn invite_by_token_hash(&self, token_hash: &str) -> StoreResult<Invite> {
        let mut tx = self.read().await?;
        let found = invites::by_token_hash(tx.conn(), token_hash).await?;
        commit(tx, found).await
    }

    async fn revoke_invite(&self, id: InviteId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        invites::revoke(tx.conn(), id).await?;
        commit(tx, ()).await
    }

    async fn redeem_invite(
        &self,
        token_hash: &str,
        person: NewPerson,
        now: DateTime<Utc>,
    ) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        evidence::lock_log(tx.conn()).await?;
        let id = invites::redeem(tx.conn(), token_hash, person, now).await?;
        let created = rows::person(tx.conn(), id).await?;
        commit(tx, created).await
    }

    async fn count_invites_by(&self, person: PersonId, since: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = invites::count_by(tx.conn(), person, since).await?;
        commit(tx, n).await
    }

    async fn record_sign_in_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sign_in::record(tx.conn(), key, at).await?;
        commit(tx, ()).await
    }

    async fn count_sign_in_failures(&self, key: &str, since: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = sign_in::count(tx.conn(), key, since).await?;
        commit(tx, n).await
    }

    async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sign_in::clear(tx.conn(), key).await?;
        commit(tx, ()).await
    }

    async fn create_circle(&self, circle: NewCircle) -> StoreResult<Circle> {
        let mut tx = self.write().await?;
        let created = circles::create(tx.conn(), &circle).await?;
        commit(tx, created).await
    }

    async fn circles(&self) -> StoreResult<Vec<Circle>> {
        let mut tx = self.read().await?;
        let all = circles::all(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn circle_by_name(&self, name: &CircleName) -> StoreResult<Circle> {
        let mut tx = self.read().await?;
        let found = circles::by_name(tx.conn(), name).await?;
        commit(tx, found).await
    }

    async fn set_circle_member(
        &self,
        circle: CircleId,
        person: PersonId,
        settings: &MemberSettings,
    ) -> StoreResult<CircleMember> {
        let mut tx = self.write().await?;
        let member = circles::set_member(tx.conn(), circle, person, settings).await?;
        commit(tx, member).await
    }

    async fn circle_members(&self, circle: CircleId) -> StoreResult<Vec<CircleMember>> {
        let mut tx = self.read().await?;
        circles::get(tx.conn(), circle).await?;
        let members = circles::members(tx.conn(), circle).await?;
        commit(tx, members).await
    }

    async fn exclude_from_pairing(
        &self,
        circle: CircleId,
        person: PersonId,
        other: PersonId,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        circles::exclude(tx.conn(), circle, person, other).await?;
        commit(tx, ()).await
    }

    async fn save_round(&self, round: NewRound) -> StoreResult<Round> {
        let mut tx = self.write().await?;
        let saved = rounds::save(tx.conn(), &round).await?;
        commit(tx, saved).await
    }

    async fn rounds(&self, circle: CircleId) -> StoreResult<Vec<Round>> {
        let mut tx = self.read().await?;
        circles::get(tx.conn(), circle).await?;
        let all = rounds::of_circle(tx.conn(), circle).await?;
        commit(tx, all).await
    }

    async fn create_room(&self, room: NewRoom) -> StoreResult<Room> {
        let mut tx = self.write().await?;
        let created = rooms::create(tx.conn(), &room).await?;
        commit(tx, created).await
    }

    async fn rooms(&self) -> StoreResult<Vec<Room>> {
        let mut tx = self.read().await?;
        let all = rooms::all(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn room(&self, id: RoomId) -> StoreResult<Room> {
        let mut tx = self.read().await?;
        let found = rooms::get(tx.conn(), id).await?;
        commit(tx, found).await
    }

    async fn add_room_member(&self, room: RoomId, person: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        rooms::add_member(tx.conn(), room, person).await?;
        commit(tx, ()).await
    }

    async fn remove_room_member(&self, room: RoomId, person: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        rooms::remove_member(tx.conn(), room, person).await?;
        commit(tx, ()).await
    }

    async fn room_members(&self, room: RoomId) -> StoreResult<Vec<PersonId>> {
        let mut tx = self.read().await?;
        let members = rooms::members(tx.conn(), room).await?;
        commit(tx, members).await
    }

    async fn room_memberships(&self, person: PersonId) -> StoreResult<Vec<RoomId>> {
        let mut tx = self.read().await?;
        let found = rooms::memberships_of(tx.conn(), person).await?;
        commit(tx, found).await
    }

    async fn post_message(&self, message: NewMessage) -> StoreResult<Posted> {
        // A lost race for the client id is retried once: the retry finds the winner's message.
        for _ in 0..2 {
            let mut tx = self.write().await?;
            match messages::post(tx.conn(), &message).await? {
                messages::Post::Done(posted) => return commit(tx, posted).await,
                messages::Post::Raced => tx.rollback().await.map_err(StoreError::unavailable)?,
            }
        }
        Err(StoreError::Conflict(format!(
            "client id {:?} is being used by another message",
            message.client_id.as_str()
        )))
    }

    async fn change_message(
        &self,
        room: RoomId,
        message: MessageId,
        person: PersonId,
        change: MessageChange,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<RoomEvent>> {
        let mut tx = self.write().await?;
        let event = messages::change(tx.conn(), room, message, person, &change, at).await?;
        commit(tx, event).await
    }

    async fn room_events_after(
        &self,
        room: RoomId,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<RoomEvent>> {
        let mut tx = self.read().await?;
        let events = history::events_after(tx.conn(), room, after, limit).await?;
        commit(tx, events).await
    }

    async fn messages_before(
        &self,
        room: RoomId,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let mut tx = self.read().await?;
        let found = history::messages_before(tx.conn(), room, before, limit).await?;
        commit(tx, found).await
    }

    async fn message(&self, id: MessageId) -> StoreResult<Message> {
        let mut tx = self.read().await?;
        let found = history::message(tx.conn(), id).await?;
        commit(tx, found).await
    }

    async fn latest_overheard(&self) -> StoreResult<Vec<Message>> {
        let mut tx = self.read().await?;
        let found = history::latest_overheard(tx.conn()).await?;
        commit(tx, found).await
    }

    async fn set_status(
        &self,
        person: PersonId,
        status: &Status,
        at: DateTime<Utc>,
    ) -> StoreResult<PersonStatus> {
        let mut tx = self.write().await?;
        let stored = statuses::set(tx.conn(), person, status, at).await?;
        commit(tx, stored).await
    }

    async fn statuses(&self) -> StoreResult<Vec<PersonStatus>> {
        let mut tx = self.read().await?;
        let all = statuses::all(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn export_person(&self, id: PersonId) -> StoreResult<PersonExport> {
        let mut tx = self.read().await?;
        let person = rows::person(tx.conn(), id.0).await?;
        let sessions = sessions::of(tx.conn(), id).await?;
        let invites_created = invites::created_by(tx.conn(), id).await?;
        let circles = circles::memberships_of(tx.conn(), id).await?;
        let export = PersonExport {
            person,
            sessions,
            invites_created,
            circles,
            rooms: RoomsExport {
                status: statuses::of(tx.conn(), id).await?.map(|s| s.status),
                memberships: rooms::memberships_of(tx.conn(), id).await?,
                messages: history::written_by(tx.conn(), id).await?,
                reactions: history::reactions_by(tx.conn(), id).await?,
            },
            memory: MemoryExport {
                suggestions_opted_out: notes::opted_out(tx.conn(), id).await?,
                notes: notes::of_author(tx.conn(), id).await?,
                imported_as: imports::identities_of(tx.conn(), id).await?,
            },
            pulse: pulse::export_of(tx.conn(), id).await?,
            chats: chats::of(tx.conn(), id, Utc::now()).await?,
            invitations: invitations::select(tx.conn(), "i.person_id = $1", id.0).await?,
        };
        commit(tx, export).await
    }
}
