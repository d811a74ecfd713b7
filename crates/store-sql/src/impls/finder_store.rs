//! The [`FinderStore`] implementation: notes, the opt-out, the evidence feed and imports, each
//! method one transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{NoteId, PersonId, RoomId};
use hallway_store::{
    EvidenceChanges, FinderStore, ImportMessage, ImportPerson, Imported, ImportedMessages, NewNote,
    NewRoom, Note, NoteEdit, RoomEvidence, StoreResult,
};

use crate::backend::{commit, SqlStore};
use crate::{evidence, imports, notes};

#[async_trait]
impl FinderStore for SqlStore {
    async fn create_note(&self, note: NewNote) -> StoreResult<Note> {
        let mut tx = self.write().await?;
        let created = notes::create(tx.conn(), &note).await?;
        commit(tx, created).await
    }

    async fn edit_note(
        &self,
        id: NoteId,
        author: PersonId,
        edit: NoteEdit,
        at: DateTime<Utc>,
    ) -> StoreResult<Note> {
        let mut tx = self.write().await?;
        let edited = notes::edit(tx.conn(), id, author, &edit, at).await?;
        commit(tx, edited).await
    }

    async fn delete_note(&self, id: NoteId, author: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        notes::delete(tx.conn(), id, author).await?;
        commit(tx, ()).await
    }

    async fn note(&self, id: NoteId) -> StoreResult<Note> {
        let mut tx = self.read().await?;
        let found = notes::get(tx.conn(), id).await?;
        commit(tx, found).await
    }

    async fn notes(&self, before: Option<NoteId>, limit: u32) -> StoreResult<Vec<Note>> {
        let mut tx = self.read().await?;
        let found = notes::page(tx.conn(), before, limit).await?;
        commit(tx, found).await
    }

    async fn suggestions_opted_out(&self, person: PersonId) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let opted = notes::opted_out(tx.conn(), person).await?;
        commit(tx, opted).await
    }

    async fn set_suggestions_opted_out(
        &self,
        person: PersonId,
        opted_out: bool,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        notes::set_opted_out(tx.conn(), person, opted_out).await?;
        commit(tx, ()).await
    }

    async fn opted_out_people(&self) -> StoreResult<Vec<PersonId>> {
        let mut tx = self.read().await?;
        let all = notes::all_opted_out(tx.conn()).await?;
        commit(tx, all).await
    }

    async fn room_evidence(
        &self,
        room: RoomId,
        after: i64,
        limit: u32,
    ) -> StoreResult<RoomEvidence> {
        let mut tx = self.read().await?;
        let found = evidence::in_room(tx.conn(), room, after, limit).await?;
        commit(tx, found).await
    }

    async fn evidence_changes(&self, after: i64, limit: u32) -> StoreResult<EvidenceChanges> {
        let mut tx = self.read().await?;
        let found = evidence::changes(tx.conn(), after, limit).await?;
        commit(tx, found).await
    }

    async fn import_people(
        &self,
        source: &str,
        people: &[ImportPerson],
    ) -> StoreResult<Vec<Option<Imported<PersonId>>>> {
        let mut tx = self.write().await?;
        let imported = imports::people(tx.conn(), source, people).await?;
        commit(tx, imported).await
    }

    async fn import_room(
        &self,
        source: &str,
        source_id: &str,
        room: NewRoom,
    ) -> StoreResult<Imported<RoomId>> {
        let mut tx = self.write().await?;
        let imported = imports::room(tx.conn(), source, source_id, &room).await?;
        commit(tx, imported).await
    }

    async fn import_messages(
        &self,
        source: &str,
        room: RoomId,
        messages: &[ImportMessage],
    ) -> StoreResult<ImportedMessages> {
        let mut tx = self.write().await?;
        let imported = imports::messages(tx.conn(), source, room, messages).await?;
        commit(tx, imported).await
    }
}
