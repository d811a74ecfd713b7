//! Requests for 9-minute chats: one person asks a colleague; the colleague accepts (a fresh
//! private room with both of them is made in the same transaction) or declines. A request not
//! answered by its `expires_at` is expired.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hallway_domain::{ChatRequestId, ChatTopic, PersonId, RoomId};
use serde::Serialize;

use crate::{NewRoom, Room, StoreError, StoreResult};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatState {
    Pending,
    Accepted,
    Declined,
    Expired,
}

impl ChatState {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatState::Pending => "pending",
            ChatState::Accepted => "accepted",
            ChatState::Declined => "declined",
            ChatState::Expired => "expired",
        }
    }

    /// A stored state back; anything else is corrupt.
    pub fn parse(value: &str) -> StoreResult<Self> {
        match value {
            "pending" => Ok(ChatState::Pending),
            "accepted" => Ok(ChatState::Accepted),
            "declined" => Ok(ChatState::Declined),
            "expired" => Ok(ChatState::Expired),
            other => Err(StoreError::Corrupt(format!("chat state {other:?}"))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewChatRequest {
    pub asker: PersonId,
    pub colleague: PersonId,
    pub topic: ChatTopic,
    pub at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChatRequest {
    pub id: ChatRequestId,
    pub asker: PersonId,
    pub colleague: PersonId,
    pub topic: ChatTopic,
    pub state: ChatState,
    /// The private room made on acceptance (gone if the room was deleted).
    pub room: Option<RoomId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// One row of `chat_requests`, as plain columns (shared by the backends).
#[derive(Debug, Clone)]
pub struct ChatRequestRow {
    pub id: i64,
    pub asker: i64,
    pub colleague: i64,
    pub topic: String,
    pub state: String,
    pub room: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
    pub answered_at: Option<i64>,
}

impl ChatRequestRow {
    /// The request with its state as of `now`: pending past `expires_at` is expired.
    pub fn into_request(self, now: DateTime<Utc>) -> StoreResult<ChatRequest> {
        use crate::convert::{from_millis, to_millis};
        let mut state = ChatState::parse(&self.state)?;
        if state == ChatState::Pending && self.expires_at <= to_millis(now) {
            state = ChatState::Expired;
        }
        Ok(ChatRequest {
            id: ChatRequestId(self.id),
            asker: PersonId(self.asker),
            colleague: PersonId(self.colleague),
            topic: ChatTopic::parse(&self.topic)
                .map_err(|e| StoreError::Corrupt(format!("chat topic: {e}")))?,
            state,
            room: self.room.map(RoomId),
            created_at: from_millis(self.created_at)?,
            expires_at: from_millis(self.expires_at)?,
            answered_at: self.answered_at.map(from_millis).transpose()?,
        })
    }
}

/// The storage of chat requests; part of every [`crate::Store`].
#[async_trait]
pub trait ChatStore: Send + Sync {
    /// Stores a pending request. An unknown person is `NotFound(Missing::Person)`; a pending,
    /// unexpired request from the same asker to the same colleague is `Conflict`.
    async fn request_chat(&self, request: NewChatRequest) -> StoreResult<ChatRequest>;
    /// One request, its state as of `now` (a pending request past its time is expired).
    async fn chat_request(&self, id: ChatRequestId, now: DateTime<Utc>)
        -> StoreResult<ChatRequest>;
    /// Requests `person` made or received, newest first, states as of `now`.
    async fn chat_requests_of(
        &self,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<ChatRequest>>;
    /// How many requests `asker` made since `since` (for the rate limit).
    async fn count_chat_requests_by(
        &self,
        asker: PersonId,
        since: DateTime<Utc>,
    ) -> StoreResult<u64>;
    /// Accepts a pending request for `colleague`, in one transaction: creates `room` (a
    /// private room), invites both people and records it. Someone else's request is
    /// `NotFound(Missing::ChatRequest)`; one already answered or expired is `Conflict`.
    async fn accept_chat(
        &self,
        id: ChatRequestId,
        colleague: PersonId,
        room: NewRoom,
        now: DateTime<Utc>,
    ) -> StoreResult<(ChatRequest, Room)>;
    /// Declines a pending request for `colleague` (same rules as [`ChatStore::accept_chat`]).
    async fn decline_chat(
        &self,
        id: ChatRequestId,
        colleague: PersonId,
        now: DateTime<Utc>,
    ) -> StoreResult<ChatRequest>;
}
