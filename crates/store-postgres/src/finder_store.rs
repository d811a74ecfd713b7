//! The [`FinderStore`] implementation: notes, the opt-out, the evidence feed and imports, each
//! method one transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{NoteId, PersonId, RoomId};
use hallway_store::{
    EvidenceChanges, FinderStore, ImportMessage, ImportPerson, Imported, ImportedMessages, NewNote,
    NewRoom, Note, NoteEdit, RoomEvidence, StoreError, StoreResult,
};
use sqlx::{Postgres, Transaction};

use crate::{evidence, imports, notes, PostgresStore};

async fn commit<T>(tx: Transaction<'static, Postgres>, value: T) -> StoreResult<T> {
    tx.commit().await.map_err(StoreError::unavailable)?;
    Ok(value)
}

#[async_trait]
impl FinderStore for PostgresStore {
    async fn create_note(&self, note: NewNote) -> StoreResult<Note> {
        let mut tx = self.write().await?;
        let created = notes::create(&mut tx, &note).await?;
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
        let edited = notes::edit(&mut tx, id, author, &edit, at).await?;
        commit(tx, edited).await
    }

    async fn delete_note(&self, id: NoteId, author: PersonId) -> StoreResult<()> {
        let mut tx = self.write().await?;
        notes::delete(&mut tx, id, author).await?;
        commit(tx, ()).await
    }

    async fn note(&self, id: NoteId) -> StoreResult<Note> {
        let mut tx = self.read().await?;
        let found = notes::get(&mut tx, id).await?;
        commit(tx, found).await
    }

    async fn notes(&self, before: Option<NoteId>, limit: u32) -> StoreResult<Vec<Note>> {
        let mut tx = self.read().await?;
        let found = notes::page(&mut tx, before, limit).await?;
        commit(tx, found).await
    }

    async fn suggestions_opted_out(&self, person: PersonId) -> StoreResult<bool> {
        let mut tx = self.read().await?;
        let opted = notes::opted_out(&mut tx, person).await?;
        commit(tx, opted).await
    }

    async fn set_suggestions_opted_out(
        &self,
        person: PersonId,
        opted_out: bool,
    ) -> StoreResult<()> {
        let mut tx = self.write().await?;
        notes::set_opted_out(&mut tx, person, opted_out).await?;
        commit(tx, ()).await
    }

    async fn opted_out_people(&self) -> StoreResult<Vec<PersonId>> {
        let mut tx = self.read().await?;
        let all = notes::all_opted_out(&mut tx).await?;
        commit(tx, all).await
    }

    async fn room_evidence(
        &self,
        room: RoomId,
        after: i64,
        limit: u32,
    ) -> StoreResult<RoomEvidence> {
        let mut tx = self.read().await?;
        let found = evidence::in_room(&mut tx, room, after, limit).await?;
        commit(tx, found).await
    }

    async fn evidence_changes(&self, after: i64, limit: u32) -> StoreResult<EvidenceChanges> {
        let mut tx = self.read().await?;
        let found = evidence::changes(&mut tx, after, limit).await?;
        commit(tx, found).await
    }

    async fn import_people(
        &self,
        source: &str,
        people: &[ImportPerson],
    ) -> StoreResult<Vec<Option<Imported<PersonId>>>> {
        let mut tx = self.write().await?;
        let imported = imports::people(&mut tx, source, people).await?;
        commit(tx, imported).await
    }

    async fn import_room(
        &self,
        source: &str,
        source_id: &str,
        room: NewRoom,
    ) -> StoreResult<Imported<RoomId>> {
        let mut tx = self.write().await?;
        let imported = imports::room(&mut tx, source, source_id, &room).await?;
        commit(tx, imported).await
    }

    async fn import_messages(
        &self,
        source: &str,
        room: RoomId,
        messages: &[ImportMessage],
    ) -> StoreResult<ImportedMessages> {
        let mut tx = self.write().await?;
        let imported = imports::messages(&mut tx, source, room, messages).await?;
        commit(tx, imported).await
    }
}
