//! Writing to a room's log: posting (idempotent per author and client id), editing, deleting
//! and reacting. Each applied change updates the message and appends one event numbered with
//! the room's next sequence number, all inside the caller's transaction, after the room is
//! locked ([`rooms::lock`]) so the numbers of a room are taken one writer at a time.

use crate::{query, query_as, query_scalar, Conn};
use chrono::{DateTime, Utc};
use hallway_domain::{MessageId, PersonId, RoomId};
use hallway_store::convert::to_millis;
use hallway_store::Missing;
use hallway_store::{
    MessageChange, NewMessage, Posted, RoomEvent, RoomEventKind, StoreError, StoreResult,
};

use crate::error::{db, reference};
use crate::{history, rooms};

/// What a post attempt did.
pub enum Post {
    Done(Posted),
    /// Another transaction stored a message with the same author and client id after this one
    /// looked: roll back (the sequence number taken must not be used) and post again, which
    /// then finds that message.
    Raced,
}

/// One event to append.
struct NewEvent<'a> {
    room: RoomId,
    seq: i64,
    at: DateTime<Utc>,
    kind: &'static str,
    message: MessageId,
    person: Option<PersonId>,
    body: Option<&'a str>,
    emoji: Option<&'a str>,
    on: Option<bool>,
}

impl<'a> NewEvent<'a> {
    fn new(
        room: RoomId,
        seq: i64,
        at: DateTime<Utc>,
        kind: &'static str,
        message: MessageId,
    ) -> Self {
        NewEvent {
            room,
            seq,
            at,
            kind,
            message,
            person: None,
            body: None,
            emoji: None,
            on: None,
        }
    }
}

async fn append(conn: &mut dyn Conn, e: NewEvent<'_>) -> StoreResult<RoomEvent> {
    query(
        "INSERT INTO room_events \
         (room_id, seq, at, kind, message_id, person_id, body, emoji, on_flag) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.room.0)
    .bind(e.seq)
    .bind(to_millis(e.at))
    .bind(e.kind)
    .bind(e.message.0)
    .bind(e.person.map(|p| p.0))
    .bind(e.body)
    .bind(e.emoji)
    .bind(e.on)
    .execute(&mut *conn)
    .await
    .map_err(reference(Missing::RoomEvent, Missing::Person))?;
    history::event_at(conn, e.room, e.seq).await
}

/// Posts a message: unknown room is `NotFound(Missing::Room)`, a reply to a message of another room
/// `NotFound(Missing::Message)`, and a client id the author already used returns the original event
/// (same room and body) or is `Conflict` (anything else).
pub async fn post(conn: &mut dyn Conn, new: &NewMessage) -> StoreResult<Post> {
    rooms::lock(conn, new.room).await?;
    if let Some(posted) = earlier(conn, new).await? {
        return Ok(Post::Done(posted));
    }
    if let Some(reply_to) = new.reply_to {
        let room: Option<i64> = query_scalar("SELECT room_id FROM messages WHERE id = $1")
            .bind(reply_to.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db(Missing::Message))?;
        if room != Some(new.room.0) {
            return Err(StoreError::NotFound(Missing::Message));
        }
    }
    let seq = rooms::next_seq(conn, new.room).await?;
    let id: Option<i64> = query_scalar(
        "INSERT INTO messages \
         (room_id, seq, author_id, client_id, body, reply_to, created_at, deleted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE) \
         ON CONFLICT (author_id, client_id) DO NOTHING RETURNING id",
    )
    .bind(new.room.0)
    .bind(seq)
    .bind(new.author.0)
    .bind(new.client_id.as_str())
    .bind(new.body.as_str())
    .bind(new.reply_to.map(|m| m.0))
    .bind(to_millis(new.at))
    .fetch_optional(&mut *conn)
    .await
    .map_err(reference(Missing::Message, Missing::Person))?;
    let Some(id) = id else {
        return Ok(Post::Raced);
    };
    let mut event = NewEvent::new(new.room, seq, new.at, "posted", MessageId(id));
    event.person = Some(new.author);
    event.body = Some(new.body.as_str());
    let event = append(conn, event).await?;
    Ok(Post::Done(Posted {
        event,
        duplicate: false,
    }))
}

/// The original event when the author already used this client id for the same message.
/// A deleted original has no body left to compare, so the same room is enough.
async fn earlier(conn: &mut dyn Conn, new: &NewMessage) -> StoreResult<Option<Posted>> {
    let found: Option<(i64, i64, bool)> = query_as(
        "SELECT room_id, seq, deleted FROM messages WHERE author_id = $1 AND client_id = $2",
    )
    .bind(new.author.0)
    .bind(new.client_id.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db(Missing::Message))?;
    let Some((room, seq, deleted)) = found else {
        return Ok(None);
    };
    let event = history::event_at(conn, RoomId(room), seq).await?;
    let same_body = matches!(
        &event.kind,
        RoomEventKind::Posted { body, .. } if body == new.body.as_str()
    );
    if room == new.room.0 && (same_body || deleted) {
        return Ok(Some(Posted {
            event,
            duplicate: true,
        }));
    }
    Err(StoreError::Conflict(format!(
        "client id {:?} already used for another message",
        new.client_id.as_str()
    )))
}

/// Applies an edit, delete or reaction to a live message of `room`; `Ok(None)` when a
/// reaction changes nothing. Anything not allowed is `NotFound(Missing::Message)`.
pub async fn change(
    conn: &mut dyn Conn,
    room: RoomId,
    message: MessageId,
    person: PersonId,
    change: &MessageChange,
    at: DateTime<Utc>,
) -> StoreResult<Option<RoomEvent>> {
    rooms::lock(conn, room).await?;
    let live: Option<i64> =
        query_scalar("SELECT id FROM messages WHERE id = $1 AND room_id = $2 AND NOT deleted")
            .bind(message.0)
            .bind(room.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db(Missing::Message))?;
    live.ok_or(StoreError::NotFound(Missing::Message))?;
    match change {
        MessageChange::Edit { body } => {
            let done = query(
                "UPDATE messages SET body = $3, edited_at = $4 \
                 WHERE id = $1 AND author_id = $2 AND NOT deleted",
            )
            .bind(message.0)
            .bind(person.0)
            .bind(body.as_str())
            .bind(to_millis(at))
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::Message))?;
            changed(done.rows_affected())?;
            let seq = rooms::next_seq(conn, room).await?;
            let mut event = NewEvent::new(room, seq, at, "edited", message);
            event.person = Some(person);
            event.body = Some(body.as_str());
            append(conn, event).await.map(Some)
        }
        MessageChange::Delete => {
            let done = query(
                "UPDATE messages SET deleted = TRUE, body = '' \
                 WHERE id = $1 AND author_id = $2 AND NOT deleted",
            )
            .bind(message.0)
            .bind(person.0)
            .execute(&mut *conn)
            .await
            .map_err(db(Missing::Message))?;
            changed(done.rows_affected())?;
            scrub_events(conn, "message_id = $1", message.0).await?;
            let seq = rooms::next_seq(conn, room).await?;
            let mut event = NewEvent::new(room, seq, at, "deleted", message);
            event.person = Some(person);
            append(conn, event).await.map(Some)
        }
        MessageChange::React { emoji, on } => {
            let reaction = (person, emoji.as_str(), *on);
            react(conn, room, message, reaction, at).await
        }
    }
}

/// An edit or delete that changed no row was by someone else than the author, or came after
/// the message was deleted.
fn changed(rows: u64) -> StoreResult<()> {
    if rows == 0 {
        return Err(StoreError::NotFound(Missing::Message));
    }
    Ok(())
}

/// Adds (`on`) or takes back a reaction; `Ok(None)`, writing nothing, when that changes nothing.
async fn react(
    conn: &mut dyn Conn,
    room: RoomId,
    message: MessageId,
    (person, emoji, on): (PersonId, &str, bool),
    at: DateTime<Utc>,
) -> StoreResult<Option<RoomEvent>> {
    let exists: Option<i64> = query_scalar(
        "SELECT seq FROM reactions WHERE message_id = $1 AND person_id = $2 AND emoji = $3",
    )
    .bind(message.0)
    .bind(person.0)
    .bind(emoji)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db(Missing::Reaction))?;
    if exists.is_some() == on {
        return Ok(None);
    }
    let seq = rooms::next_seq(conn, room).await?;
    let query = if on {
        query(
            "INSERT INTO reactions (message_id, person_id, emoji, seq, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(message.0)
        .bind(person.0)
        .bind(emoji)
        .bind(seq)
        .bind(to_millis(at))
    } else {
        query("DELETE FROM reactions WHERE message_id = $1 AND person_id = $2 AND emoji = $3")
            .bind(message.0)
            .bind(person.0)
            .bind(emoji)
    };
    query
        .execute(&mut *conn)
        .await
        .map_err(reference(Missing::Reaction, Missing::Person))?;
    let mut event = NewEvent::new(room, seq, at, "reacted", message);
    event.person = Some(person);
    event.emoji = Some(emoji);
    event.on = Some(on);
    append(conn, event).await.map(Some)
}

/// Empties the bodies of every event of the messages `filter` (a condition on `message_id`
/// with one bind, `$1`) selects.
async fn scrub_events(conn: &mut dyn Conn, filter: &str, bind: i64) -> StoreResult<()> {
    query(format!(
        "UPDATE room_events SET body = '' WHERE body IS NOT NULL AND {filter}"
    ))
    .bind(bind)
    .execute(&mut *conn)
    .await
    .map_err(db(Missing::RoomEvent))?;
    Ok(())
}

/// Before a person is deleted: their messages keep their places as deleted messages, with the
/// bodies (and client ids) gone from the messages and from every event. Removing the person
/// then clears the authorship and removes their reactions through the foreign keys.
pub async fn forget_author(conn: &mut dyn Conn, person: PersonId) -> StoreResult<()> {
    let theirs = "message_id IN (SELECT id FROM messages WHERE author_id = $1)";
    scrub_events(conn, theirs, person.0).await?;
    query("UPDATE messages SET deleted = TRUE, body = '', client_id = NULL WHERE author_id = $1")
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db(Missing::Message))?;
    Ok(())
}
