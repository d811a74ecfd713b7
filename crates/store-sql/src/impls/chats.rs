//! 9-minute chat requests ([`ChatStore`]): each method one transaction (write ones lock
//! the request row first). Accepting makes the private room and invites both people in the same
//! transaction as the answer.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{ChatRequestId, PersonId};
use hallway_store::convert::{to_count, to_millis};
use hallway_store::Missing;
use hallway_store::{
    ChatRequest, ChatRequestRow, ChatStore, NewChatRequest, NewRoom, Room, StoreError, StoreResult,
};

use crate::backend::{commit, SqlStore};
use crate::error::{db, reference};
use crate::{query, query_scalar, rooms, Conn, DbError, Row};

const CHAT_SELECT: &str = "SELECT id, asker_id, colleague_id, topic, state, room_id, \
     created_at, expires_at, answered_at FROM chat_requests";

fn chat(row: &Row, now: DateTime<Utc>) -> StoreResult<ChatRequest> {
    let read = || -> Result<ChatRequestRow, DbError> {
        Ok(ChatRequestRow {
            id: row.try_get("id")?,
            asker: row.try_get("asker_id")?,
            colleague: row.try_get("colleague_id")?,
            topic: row.try_get("topic")?,
            state: row.try_get("state")?,
            room: row.try_get("room_id")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            answered_at: row.try_get("answered_at")?,
        })
    };
    read().map_err(db(Missing::ChatRequest))?.into_request(now)
}

pub async fn get(
    conn: &mut dyn Conn,
    id: ChatRequestId,
    now: DateTime<Utc>,
) -> StoreResult<ChatRequest> {
    let row = query(format!("{CHAT_SELECT} WHERE id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::ChatRequest))?;
    chat(&row, now)
}

/// Requests `person` made or received, newest first.
pub async fn of(
    conn: &mut dyn Conn,
    person: PersonId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<ChatRequest>> {
    let rows = query(format!(
        "{CHAT_SELECT} WHERE asker_id = $1 OR colleague_id = $1 ORDER BY id DESC"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::ChatRequest))?;
    rows.iter().map(|row| chat(row, now)).collect()
}

/// Holds the request's row until the transaction ends, so two answers never both apply
/// (on SQLite the write transaction already is the only writer).
async fn lock(conn: &mut dyn Conn, id: ChatRequestId) -> StoreResult<()> {
    let lock = conn.dialect().lock_rows();
    query(format!("SELECT id FROM chat_requests WHERE id = $1 {lock}"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db(Missing::ChatRequest))?;
    Ok(())
}

/// Marks the colleague's pending request answered (`state`), if it still may be.
async fn answer(
    conn: &mut dyn Conn,
    id: ChatRequestId,
    colleague: PersonId,
    state: &str,
    room: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<ChatRequest> {
    let found = get(conn, id, now).await?;
    if found.colleague != colleague {
        return Err(StoreError::NotFound(Missing::ChatRequest));
    }
    if found.state != hallway_store::ChatState::Pending {
        return Err(StoreError::Conflict(format!(
            "this request is already {}",
            found.state.as_str()
        )));
    }
    query(
        "UPDATE chat_requests SET state = $2, room_id = $3, answered_at = $4 \
         WHERE id = $1 AND state = 'pending'",
    )
    .bind(id.0)
    .bind(state)
    .bind(room)
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await
    .map_err(db(Missing::ChatRequest))?;
    get(conn, id, now).await
}

#[async_trait]
impl ChatStore for SqlStore {
    async fn request_chat(&self, new: NewChatRequest) -> StoreResult<ChatRequest> {
        let mut tx = self.write().await?;
        query(
            "UPDATE chat_requests SET state = 'expired' \
             WHERE asker_id = $1 AND colleague_id = $2 AND state = 'pending' AND expires_at <= $3",
        )
        .bind(new.asker.0)
        .bind(new.colleague.0)
        .bind(to_millis(new.at))
        .execute(tx.conn())
        .await
        .map_err(db(Missing::ChatRequest))?;
        let inserted = query_scalar::<i64>(
            "INSERT INTO chat_requests \
             (asker_id, colleague_id, topic, state, created_at, expires_at) \
             VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id",
        )
        .bind(new.asker.0)
        .bind(new.colleague.0)
        .bind(new.topic.as_str())
        .bind(to_millis(new.at))
        .bind(to_millis(new.expires_at))
        .fetch_one(tx.conn())
        .await;
        let id = match inserted {
            Err(e) if e.is_unique_violation() => {
                return Err(StoreError::Conflict(
                    "you already asked this person; wait for their answer".to_owned(),
                ))
            }
            other => other.map_err(reference(Missing::ChatRequest, Missing::Person))?,
        };
        let created = get(tx.conn(), ChatRequestId(id), new.at).await?;
        commit(tx, created).await
    }

    async fn chat_request(
        &self,
        id: ChatRequestId,
        now: DateTime<Utc>,
    ) -> StoreResult<ChatRequest> {
        let mut tx = self.read().await?;
        let found = get(tx.conn(), id, now).await?;
        commit(tx, found).await
    }

    async fn chat_requests_of(
        &self,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<ChatRequest>> {
        let mut tx = self.read().await?;
        let found = of(tx.conn(), person, now).await?;
        commit(tx, found).await
    }

    async fn count_chat_requests_by(
        &self,
        asker: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let mut tx = self.read().await?;
        let count: i64 = query_scalar(
            "SELECT COUNT(*) FROM chat_requests WHERE asker_id = $1 AND created_at >= $2",
        )
        .bind(asker.0)
        .bind(to_millis(since))
        .fetch_one(tx.conn())
        .await
        .map_err(db(Missing::ChatRequest))?;
        commit(tx, to_count(count)?).await
    }

    async fn accept_chat(
        &self,
        id: ChatRequestId,
        colleague: PersonId,
        room: NewRoom,
        now: DateTime<Utc>,
    ) -> StoreResult<(ChatRequest, Room)> {
        let mut tx = self.write().await?;
        lock(tx.conn(), id).await?;
        let found = get(tx.conn(), id, now).await?;
        if found.colleague != colleague {
            return Err(StoreError::NotFound(Missing::ChatRequest));
        }
        let room = rooms::create(tx.conn(), &room).await?;
        rooms::add_member(tx.conn(), room.id, found.asker).await?;
        rooms::add_member(tx.conn(), room.id, found.colleague).await?;
        let answered = answer(tx.conn(), id, colleague, "accepted", Some(room.id.0), now).await?;
        commit(tx, (answered, room)).await
    }

    async fn decline_chat(
        &self,
        id: ChatRequestId,
        colleague: PersonId,
        now: DateTime<Utc>,
    ) -> StoreResult<ChatRequest> {
        let mut tx = self.write().await?;
        lock(tx.conn(), id).await?;
        let answered = answer(tx.conn(), id, colleague, "declined", None, now).await?;
        commit(tx, answered).await
    }
}
