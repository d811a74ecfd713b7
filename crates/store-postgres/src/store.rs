//! The [`Store`] implementation: each method opens a transaction, calls into the module for
//! its area and commits.

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
use sqlx::{Postgres, Transaction};

use crate::{
    chats, circles, evidence, history, imports, invitations, invites, messages, notes, people,
    pulse, rooms, rounds, rows, search, sessions, sign_in, statuses, teams, PostgresStore,
};

async fn commit<T>(tx: Transaction<'static, Postgres>, value: T) -> StoreResult<T> {
    tx.commit().await.map_err(StoreError::unavailable)?;
    Ok(value)
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(StoreError::unavailable)?;
        Ok(())
    }

    async fn create_owner(&self, person: NewPerson) -> StoreResult<Person> {
        let person = NewPerson {
            role: Role::Owner,
            ..person
        };
        let mut tx = self.write().await?;
        evidence::lock_log(&mut tx).await?;
        let id = people::insert(&mut tx, &person, true).await?;
        let created = rows::person(&mut tx, id).await?;
        commit(tx, created).await
    }

    async fn create_person(&self, person: NewPerson) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        evidence::lock_log(&mut tx).await?;
        let id = people::insert(&mut tx, &person, false).await?;
        let created = rows::person(&mut tx, id).await?;
        commit(tx, created).await
    }

    async fn count_people(&self) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = people::count(&mut tx, None).await?;
        commit(tx, n).await
    }

    async fn person(&self, id: PersonId) -> StoreResult<Person> {
        let mut tx = self.read().await?;
        let found = rows::person(&mut tx, id.0).await?;
        commit(tx, found).await
    }

    async fn person_by_email(&self, email: &Email) -> StoreResult<Person> {
        let mut tx = self.read().await?;
        let found = people::by_email(&mut tx, email).await?;
        commit(tx, found).await
    }

    async fn password_hash(&self, id: PersonId) -> StoreResult<String> {
        let mut tx = self.read().await?;
        let hash = people::password_hash(&mut tx, id).await?;
        commit(tx, hash).await
    }

    async fn set_password_hash(&self, id: PersonId, hash: &str) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_password_hash(&mut tx, id, hash).await?;
        commit(tx, ()).await
    }

    async fn update_profile(&self, id: PersonId, profile: &Profile) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        evidence::lock_log(&mut tx).await?;
        let updated = people::update_profile(&mut tx, id, profile).await?;
        commit(tx, updated).await
    }

    async fn set_role(&self, id: PersonId, role: Role) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        let updated = people::set_role(&mut tx, id, role).await?;
        commit(tx, updated).await
    }

    async fn search_people(&self, query: &PeopleQuery) -> StoreResult<Vec<Person>> {
        let mut tx = self.read().await?;
        let found = search::search(&mut tx, query).await?;
        commit(tx, found).await
    }

    async fn deactivate(&self, id: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_active(&mut tx, id, false).await?;
        commit(tx, ()).await
    }

    async fn reactivate(&self, id: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_active(&mut tx, id, true).await?;
        commit(tx, ()).await
    }

    async fn delete_person(&self, id: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        evidence::lock_log(&mut tx).await?;
        evidence::forget_person(&mut tx, id).await?;
        messages::forget_author(&mut tx, id).await?;
        people::delete(&mut tx, id).await?;
        commit(tx, ()).await
    }

    async fn count_owners(&self) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = people::count(&mut tx, Some(Role::Owner)).await?;
        commit(tx, n).await
    }

    async fn create_team(&self, name: &TeamName, description: &str) -> StoreResult<Team> {
        let mut tx = self.write().await?;
        let team = teams::create(&mut tx, name, description).await?;
        commit(tx, team).await
    }

    async fn teams(&self) -> StoreResult<Vec<Team>> {
        let mut tx = self.read().await?;
        let all = teams::all(&mut tx).await?;
        commit(tx, all).await
    }

    async fn team(&self, id: TeamId) -> StoreResult<Team> {
        let mut tx = self.read().await?;
        let team = teams::get(&mut tx, id).await?;
        commit(tx, team).await
    }

    async fn update_team(
        &self,
        id: TeamId,
        name: &TeamName,
        description: &str,
    ) -> StoreResult<Team> {
        let mut tx = self.write().await?;
        let team = teams::update(&mut tx, id, name, description).await?;
        commit(tx, team).await
    }

    async fn delete_team(&self, id: TeamId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        rooms::release_team(&mut tx, id).await?;
        teams::delete(&mut tx, id).await?;
        commit(tx, ()).await
    }

    async fn set_person_teams(&self, id: PersonId, teams: &[TeamId]) -> StoreResult<()> {
        let mut tx = self.write().await?;
        people::set_teams(&mut tx, id, teams).await?;
        commit(tx, ()).await
    }

    async fn create_session(&self, session: NewSession) -> StoreResult<Session> {
        let mut tx = self.write().await?;
        let created = sessions::create(&mut tx, &session).await?;
        commit(tx, created).await
    }

    async fn session_by_token_hash(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(Session, Person)> {
        let mut tx = self.read().await?;
        let found = sessions::by_token_hash(&mut tx, token_hash, now).await?;
        commit(tx, found).await
    }

    async fn sessions_of(&self, person: PersonId) -> StoreResult<Vec<Session>> {
        let mut tx = self.read().await?;
        let found = sessions::of(&mut tx, person).await?;
        commit(tx, found).await
    }

    async fn delete_session(&self, person: PersonId, id: SessionId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sessions::delete(&mut tx, person, id).await?;
        commit(tx, ()).await
    }

    async fn delete_sessions_of(&self, person: PersonId) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let n = sessions::delete_of(&mut tx, person).await?;
        commit(tx, n).await
    }

    async fn create_invite(&self, invite: NewInvite) -> StoreResult<Invite> {
        let mut tx = self.write().await?;
        let created = invites::create(&mut tx, &invite).await?;
        commit(tx, created).await
    }

    async fn invites(&self) -> StoreResult<Vec<Invite>> {
        let mut tx = self.read().await?;
        let all = invites::all(&mut tx).await?;
        commit(tx, all).await
    }

    async fn invite_by_token_hash(&self, token_hash: &str) -> StoreResult<Invite> {
        let mut tx = self.read().await?;
        let found = invites::by_token_hash(&mut tx, token_hash).await?;
        commit(tx, found).await
    }

    async fn revoke_invite(&self, id: InviteId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        invites::revoke(&mut tx, id).await?;
        commit(tx, ()).await
    }

    async fn redeem_invite(
        &self,
        token_hash: &str,
        person: NewPerson,
        now: DateTime<Utc>,
    ) -> StoreResult<Person> {
        let mut tx = self.write().await?;
        evidence::lock_log(&mut tx).await?;
        let id = invites::redeem(&mut tx, token_hash, person, now).await?;
        let created = rows::person(&mut tx, id).await?;
        commit(tx, created).await
    }

    async fn count_invites_by(&self, person: PersonId, since: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = invites::count_by(&mut tx, person, since).await?;
        commit(tx, n).await
    }

    async fn record_sign_in_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sign_in::record(&mut tx, key, at).await?;
        commit(tx, ()).await
    }

    async fn count_sign_in_failures(&self, key: &str, since: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let n = sign_in::count(&mut tx, key, since).await?;
        commit(tx, n).await
    }

    async fn clear_sign_in_failures(&self, key: &str) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sign_in::clear(&mut tx, key).await?;
        commit(tx, ()).await
    }

    async fn create_circle(&self, circle: NewCircle) -> StoreResult<Circle> {
        let mut tx = self.write().await?;
        let created = circles::create(&mut tx, &circle).await?;
        commit(tx, created).await
    }

    async fn circles(&self) -> StoreResult<Vec<Circle>> {
        let mut tx = self.read().await?;
        let all = circles::all(&mut tx).await?;
        commit(tx, all).await
    }

    async fn circle_by_name(&self, name: &CircleName) -> StoreResult<Circle> {
        let mut tx = self.read().await?;
        let found = circles::by_name(&mut tx, name).await?;
        commit(tx, found).await
    }

    async fn set_circle_member(
        &self,
        circle: CircleId,
        person: PersonId,
        settings: &MemberSettings,
    ) -> StoreResult<CircleMember> {
        let mut tx = self.write().await?;
        let member = circles::set_member(&mut tx, circle, person, settings).await?;
        commit(tx, member).await
    }

    async fn circle_members(&self, circle: CircleId) -> StoreResult<Vec<CircleMember>> {
        let mut tx = self.read().await?;
        circles::get(&mut tx, circle).await?;
        let members = circles::members(&mut tx, circle).await?;
        commit(tx, members).await
    }

    async fn exclude_from_pairing(
        &self,
        circle: CircleId,
        person: PersonId,
        other: PersonId,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        circles::exclude(&mut tx, circle, person, other).await?;
        commit(tx, ()).await
    }

    async fn save_round(&self, round: NewRound) -> StoreResult<Round> {
        let mut tx = self.write().await?;
        let saved = rounds::save(&mut tx, &round).await?;
        commit(tx, saved).await
    }

    async fn rounds(&self, circle: CircleId) -> StoreResult<Vec<Round>> {
        let mut tx = self.read().await?;
        circles::get(&mut tx, circle).await?;
        let all = rounds::of_circle(&mut tx, circle).await?;
        commit(tx, all).await
    }

    async fn create_room(&self, room: NewRoom) -> StoreResult<Room> {
        let mut tx = self.write().await?;
        let created = rooms::create(&mut tx, &room).await?;
        commit(tx, created).await
    }

    async fn rooms(&self) -> StoreResult<Vec<Room>> {
        let mut tx = self.read().await?;
        let all = rooms::all(&mut tx).await?;
        commit(tx, all).await
    }

    async fn room(&self, id: RoomId) -> StoreResult<Room> {
        let mut tx = self.read().await?;
        let found = rooms::get(&mut tx, id).await?;
        commit(tx, found).await
    }

    async fn add_room_member(&self, room: RoomId, person: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        rooms::add_member(&mut tx, room, person).await?;
        commit(tx, ()).await
    }

    async fn remove_room_member(&self, room: RoomId, person: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        rooms::remove_member(&mut tx, room, person).await?;
        commit(tx, ()).await
    }

    async fn room_members(&self, room: RoomId) -> StoreResult<Vec<PersonId>> {
        let mut tx = self.read().await?;
        let members = rooms::members(&mut tx, room).await?;
        commit(tx, members).await
    }

    async fn room_memberships(&self, person: PersonId) -> StoreResult<Vec<RoomId>> {
        let mut tx = self.read().await?;
        let found = rooms::memberships_of(&mut tx, person).await?;
        commit(tx, found).await
    }

    async fn post_message(&self, message: NewMessage) -> StoreResult<Posted> {
        // A lost race for the client id is retried once: the retry finds the winner's message.
        for _ in 0..2 {
            let mut tx = self.write().await?;
            match messages::post(&mut tx, &message).await? {
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
        let event = messages::change(&mut tx, room, message, person, &change, at).await?;
        commit(tx, event).await
    }

    async fn room_events_after(
        &self,
        room: RoomId,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<RoomEvent>> {
        let mut tx = self.read().await?;
        let events = history::events_after(&mut tx, room, after, limit).await?;
        commit(tx, events).await
    }

    async fn messages_before(
        &self,
        room: RoomId,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let mut tx = self.read().await?;
        let found = history::messages_before(&mut tx, room, before, limit).await?;
        commit(tx, found).await
    }

    async fn message(&self, id: MessageId) -> StoreResult<Message> {
        let mut tx = self.read().await?;
        let found = history::message(&mut tx, id).await?;
        commit(tx, found).await
    }

    async fn latest_overheard(&self) -> StoreResult<Vec<Message>> {
        let mut tx = self.read().await?;
        let found = history::latest_overheard(&mut tx).await?;
        commit(tx, found).await
    }

    async fn set_status(
        &self,
        person: PersonId,
        status: &Status,
        at: DateTime<Utc>,
    ) -> StoreResult<PersonStatus> {
        let mut tx = self.write().await?;
        let stored = statuses::set(&mut tx, person, status, at).await?;
        commit(tx, stored).await
    }

    async fn statuses(&self) -> StoreResult<Vec<PersonStatus>> {
        let mut tx = self.read().await?;
        let all = statuses::all(&mut tx).await?;
        commit(tx, all).await
    }

    async fn export_person(&self, id: PersonId) -> StoreResult<PersonExport> {
        let mut tx = self.read().await?;
        let person = rows::person(&mut tx, id.0).await?;
        let sessions = sessions::of(&mut tx, id).await?;
        let invites_created = invites::created_by(&mut tx, id).await?;
        let circles = circles::memberships_of(&mut tx, id).await?;
        let export = PersonExport {
            person,
            sessions,
            invites_created,
            circles,
            rooms: RoomsExport {
                status: statuses::of(&mut tx, id).await?.map(|s| s.status),
                memberships: rooms::memberships_of(&mut tx, id).await?,
                messages: history::written_by(&mut tx, id).await?,
                reactions: history::reactions_by(&mut tx, id).await?,
            },
            memory: MemoryExport {
                suggestions_opted_out: notes::opted_out(&mut tx, id).await?,
                notes: notes::of_author(&mut tx, id).await?,
                imported_as: imports::identities_of(&mut tx, id).await?,
            },
            pulse: pulse::export_of(&mut tx, id).await?,
            chats: chats::of(&mut tx, id, Utc::now()).await?,
            invitations: invitations::select(&mut tx, "i.person_id = $1", id.0).await?,
        };
        commit(tx, export).await
    }
}
