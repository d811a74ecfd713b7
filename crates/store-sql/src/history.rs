//! Reading a room's history: its sequenced events, and its messages in their current state
//! with reactions grouped by emoji in first-reaction order.

use std::collections::HashMap;

use crate::{query, query_as, Conn, DbError, Row};
use hallway_domain::{MessageId, PersonId, RoomId};
use hallway_store::convert::from_millis;
use hallway_store::Missing;
use hallway_store::{Message, ReactionGroup, RoomEvent, RoomEventKind, StoreError, StoreResult};

use crate::error::db;
use crate::rooms;

/// Events with the columns of their message that never change (client id, reply).
const EVENT_SELECT: &str = "SELECT e.room_id, e.seq, e.at, e.kind, e.message_id, e.person_id, \
     e.body, e.emoji, e.on_flag, m.client_id, m.reply_to \
     FROM room_events e JOIN messages m ON m.id = e.message_id";

pub const MESSAGE_SELECT: &str = "SELECT m.id, m.room_id, m.seq, m.author_id, m.client_id, \
     m.body, m.reply_to, m.created_at, m.edited_at, m.deleted FROM messages m";

/// The columns of one event row, as read.
struct EventRow {
    room: i64,
    seq: i64,
    at: i64,
    kind: String,
    message: i64,
    person: Option<i64>,
    body: Option<String>,
    emoji: Option<String>,
    on: Option<bool>,
    client_id: Option<String>,
    reply_to: Option<i64>,
}

fn event_row(row: &Row) -> Result<EventRow, DbError> {
    Ok(EventRow {
        room: row.try_get("room_id")?,
        seq: row.try_get("seq")?,
        at: row.try_get("at")?,
        kind: row.try_get("kind")?,
        message: row.try_get("message_id")?,
        person: row.try_get("person_id")?,
        body: row.try_get("body")?,
        emoji: row.try_get("emoji")?,
        on: row.try_get("on_flag")?,
        client_id: row.try_get("client_id")?,
        reply_to: row.try_get("reply_to")?,
    })
}

fn event(row: &Row) -> StoreResult<RoomEvent> {
    let r = event_row(row).map_err(db(Missing::RoomEvent))?;
    let message = MessageId(r.message);
    let missing = |what: &str| StoreError::Corrupt(format!("room event {}: no {what}", r.seq));
    let kind = match r.kind.as_str() {
        "posted" => RoomEventKind::Posted {
            message,
            author: r.person.map(PersonId),
            client_id: r.client_id,
            body: r.body.unwrap_or_default(),
            reply_to: r.reply_to.map(MessageId),
        },
        "edited" => RoomEventKind::Edited {
            message,
            body: r.body.unwrap_or_default(),
        },
        "deleted" => RoomEventKind::Deleted { message },
        "reacted" => RoomEventKind::Reacted {
            message,
            person: r.person.map(PersonId),
            emoji: r.emoji.ok_or_else(|| missing("emoji"))?,
            on: r.on.ok_or_else(|| missing("on flag"))?,
        },
        other => return Err(StoreError::Corrupt(format!("room event kind {other:?}"))),
    };
    Ok(RoomEvent {
        room: RoomId(r.room),
        seq: r.seq,
        at: from_millis(r.at)?,
        kind,
    })
}

/// Events of `room` with `seq > after`, oldest first, at most `limit`.
pub async fn events_after(
    conn: &mut dyn Conn,
    room: RoomId,
    after: i64,
    limit: u32,
) -> StoreResult<Vec<RoomEvent>> {
    rooms::exists(conn, room).await?;
    let rows = query(format!(
        "{EVENT_SELECT} WHERE e.room_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3"
    ))
    .bind(room.0)
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::RoomEvent))?;
    rows.iter().map(event).collect()
}

/// The event numbered `seq` in `room`.
pub async fn event_at(conn: &mut dyn Conn, room: RoomId, seq: i64) -> StoreResult<RoomEvent> {
    let row = query(format!(
        "{EVENT_SELECT} WHERE e.room_id = $1 AND e.seq = $2"
    ))
    .bind(room.0)
    .bind(seq)
    .fetch_one(&mut *conn)
    .await
    .map_err(db(Missing::RoomEvent))?;
    event(&row)
}

fn message_row(row: &Row) -> StoreResult<Message> {
    let get = || -> Result<_, DbError> {
        Ok((
            (
                row.try_get::<i64>("id")?,
                row.try_get::<i64>("room_id")?,
                row.try_get::<i64>("seq")?,
                row.try_get::<Option<i64>>("author_id")?,
                row.try_get::<Option<String>>("client_id")?,
            ),
            (
                row.try_get::<String>("body")?,
                row.try_get::<Option<i64>>("reply_to")?,
                row.try_get::<i64>("created_at")?,
                row.try_get::<Option<i64>>("edited_at")?,
                row.try_get::<bool>("deleted")?,
            ),
        ))
    };
    let ((id, room, seq, author, client_id), (body, reply_to, created_at, edited_at, deleted)) =
        get().map_err(db(Missing::Message))?;
    Ok(Message {
        id: MessageId(id),
        room: RoomId(room),
        seq,
        author: author.map(PersonId),
        client_id,
        body,
        reply_to: reply_to.map(MessageId),
        created_at: from_millis(created_at)?,
        edited_at: edited_at.map(from_millis).transpose()?,
        deleted,
        reactions: Vec::new(),
    })
}

/// Reads message rows and completes them with their reactions, keeping the rows' order.
pub async fn messages(conn: &mut dyn Conn, rows: Vec<Row>) -> StoreResult<Vec<Message>> {
    let mut out = rows
        .iter()
        .map(message_row)
        .collect::<StoreResult<Vec<_>>>()?;
    if out.is_empty() {
        return Ok(out);
    }
    let ids = out.iter().map(|m| m.id.0).collect::<Vec<_>>();
    let in_ids = conn.dialect().in_list("message_id", 1);
    let reactions: Vec<(i64, String, i64)> = query_as(format!(
        "SELECT message_id, emoji, person_id FROM reactions \
         WHERE {in_ids} ORDER BY message_id, seq"
    ))
    .bind(ids)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Reaction))?;
    let mut groups = group_reactions(reactions);
    for message in &mut out {
        message.reactions = groups.remove(&message.id.0).unwrap_or_default();
    }
    Ok(out)
}

/// Groups `(message, emoji, person)` rows, already in reaction order, by message and emoji;
/// emoji come in the order of their first reaction.
fn group_reactions(rows: Vec<(i64, String, i64)>) -> HashMap<i64, Vec<ReactionGroup>> {
    let mut out: HashMap<i64, Vec<ReactionGroup>> = HashMap::new();
    for (message, emoji, person) in rows {
        let groups = out.entry(message).or_default();
        match groups.iter_mut().find(|g| g.emoji == emoji) {
            Some(group) => group.people.push(PersonId(person)),
            None => groups.push(ReactionGroup {
                emoji,
                people: vec![PersonId(person)],
            }),
        }
    }
    out
}

/// The newest `limit` messages of `room` with `seq < before` (all when `None`), oldest first.
pub async fn messages_before(
    conn: &mut dyn Conn,
    room: RoomId,
    before: Option<i64>,
    limit: u32,
) -> StoreResult<Vec<Message>> {
    rooms::exists(conn, room).await?;
    let rows = query(format!(
        "{MESSAGE_SELECT} WHERE m.room_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3"
    ))
    .bind(room.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Message))?;
    let mut found = messages(conn, rows).await?;
    found.reverse();
    Ok(found)
}

/// The newest message of each overhearable room that is not deleted: one probe of the
/// `(room_id, seq)` index per room, not a scan of the rooms' messages.
pub async fn latest_overheard(conn: &mut dyn Conn) -> StoreResult<Vec<Message>> {
    let rows = query(format!(
        "{MESSAGE_SELECT} JOIN rooms r ON r.id = m.room_id \
         WHERE r.overhearable AND m.id = (SELECT l.id FROM messages l \
         WHERE l.room_id = r.id AND NOT l.deleted ORDER BY l.seq DESC LIMIT 1) \
         ORDER BY m.room_id"
    ))
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Message))?;
    messages(conn, rows).await
}

pub async fn message(conn: &mut dyn Conn, id: MessageId) -> StoreResult<Message> {
    let row = query(format!("{MESSAGE_SELECT} WHERE m.id = $1"))
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db(Missing::Message))?;
    let mut found = messages(conn, vec![row]).await?;
    found.pop().ok_or(StoreError::NotFound(Missing::Message))
}

/// Every message `person` wrote that is not deleted, by room and then in order (for export).
pub async fn written_by(conn: &mut dyn Conn, person: PersonId) -> StoreResult<Vec<Message>> {
    let rows = query(format!(
        "{MESSAGE_SELECT} WHERE m.author_id = $1 AND NOT m.deleted ORDER BY m.room_id, m.seq"
    ))
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Message))?;
    messages(conn, rows).await
}

/// The reactions `person` gave, as (message, emoji), oldest first (for export).
pub async fn reactions_by(
    conn: &mut dyn Conn,
    person: PersonId,
) -> StoreResult<Vec<(MessageId, String)>> {
    let rows: Vec<(i64, String)> = query_as(
        "SELECT message_id, emoji FROM reactions WHERE person_id = $1 \
         ORDER BY created_at, message_id, seq",
    )
    .bind(person.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db(Missing::Reaction))?;
    Ok(rows
        .into_iter()
        .map(|(message, emoji)| (MessageId(message), emoji))
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reactions_group_by_emoji_in_first_reaction_order() {
        let rows = vec![
            (1, "👍".to_owned(), 10),
            (1, "🎉".to_owned(), 11),
            (1, "👍".to_owned(), 12),
            (2, "👍".to_owned(), 10),
        ];
        let mut groups = group_reactions(rows);
        let first = groups.remove(&1).unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].emoji, "👍");
        assert_eq!(first[0].people, vec![PersonId(10), PersonId(12)]);
        assert_eq!(first[1].people, vec![PersonId(11)]);
        assert_eq!(groups.remove(&2).unwrap()[0].people, vec![PersonId(10)]);
    }
}
