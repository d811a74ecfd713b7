//! What the hallway tells pulse: interactions (metadata only) derived from posts and voice.
//!
//! - A reply to someone else's message is a `reply` between the two authors.
//! - An `@Name` (a reader's display name or its first word, longest match first, as the
//!   browser highlights it) is a `mention` of each person who may read the room.
//! - Time together in a room's voice, three minutes or more, is `voice`; whoever leaves
//!   records it with everyone still there (people who left earlier recorded it themselves).
//!
//! Message text is only scanned for mentions here and never stored by pulse. Recording runs
//! off the hot path (spawned after the post was acknowledged and published) and never fails
//! a post; the store skips people who left pulse and everything while pulse is off.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use hallway_domain::{MessageId, PersonId, RoomId, RoomWalls};
use hallway_store::{Interaction, InteractionKind, Message, PeopleQuery, Store, StoreResult};

/// Voice shorter than this many minutes is not an interaction (as in the pulse engine).
pub const MIN_VOICE_MINUTES: i64 = 3;

/// The people who may read a room, with the names they can be mentioned by (lowercase).
#[derive(Debug, Clone, Default)]
pub struct RoomReaders {
    /// (person, lowercase display name, lowercase first word), longest names first.
    names: Vec<(PersonId, String, String)>,
}

impl RoomReaders {
    /// Everyone active who may enter `room` (the same walls as reading its history).
    pub async fn load(store: &dyn Store, room: RoomId) -> StoreResult<RoomReaders> {
        let room = store.room(room).await?;
        let invited = store.room_members(room.id).await?;
        let people = store.search_people(&PeopleQuery::default()).await?;
        let mut names: Vec<(PersonId, String, String)> = people
            .into_iter()
            .filter(|person| {
                let teams: Vec<_> = person.teams.iter().map(|t| t.id).collect();
                RoomWalls {
                    kind: room.kind,
                    team: room.team,
                    invited: invited.contains(&person.id),
                    role: person.role,
                    person_teams: &teams,
                }
                .may_enter()
            })
            .map(|person| {
                let full = person.profile.display_name.as_str().to_lowercase();
                let first = full.split_whitespace().next().unwrap_or("").to_owned();
                (person.id, full, first)
            })
            .collect();
        names.sort_by_key(|(_, full, _)| std::cmp::Reverse(full.len()));
        Ok(RoomReaders { names })
    }

    /// The readers `@mentioned` in `body`.
    pub fn mentioned(&self, body: &str) -> Vec<PersonId> {
        let lower = body.to_lowercase();
        let mut found = Vec::new();
        let mut previous = ' ';
        for (at, ch) in lower.char_indices() {
            let boundary = previous.is_whitespace() || previous == '(' || previous == '[';
            previous = ch;
            if ch != '@' || !boundary {
                continue;
            }
            let rest = &lower[at + 1..];
            let ends_word = |len: usize| {
                rest[len..]
                    .chars()
                    .next()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
            };
            let full = self
                .names
                .iter()
                .find(|(_, full, _)| rest.starts_with(full.as_str()) && ends_word(full.len()));
            let hit = full.or_else(|| {
                self.names.iter().find(|(_, _, first)| {
                    !first.is_empty() && rest.starts_with(first.as_str()) && ends_word(first.len())
                })
            });
            if let Some((id, _, _)) = hit {
                if !found.contains(id) {
                    found.push(*id);
                }
            }
        }
        found
    }
}

/// The interactions one message makes: a reply to `replied_author` (when someone else) and
/// a mention of every other reader named in it. Deleted or author-less messages make none.
pub fn message_interactions(
    message: &Message,
    replied_author: Option<PersonId>,
    readers: &RoomReaders,
) -> Vec<Interaction> {
    let Some(author) = message.author.filter(|_| !message.deleted) else {
        return Vec::new();
    };
    let make = |other: PersonId, kind: InteractionKind, source: String| Interaction {
        at: message.created_at,
        a: author,
        b: other,
        kind,
        weight: default_weight(kind),
        source,
    };
    let mut out = Vec::new();
    if let Some(other) = replied_author.filter(|other| *other != author) {
        out.push(make(
            other,
            InteractionKind::Reply,
            format!("reply:{}", message.id),
        ));
    }
    if message.body.contains('@') {
        for other in readers.mentioned(&message.body) {
            if other != author {
                let source = format!("mention:{}:{}", message.id, other);
                out.push(make(other, InteractionKind::Mention, source));
            }
        }
    }
    out
}

/// The engine's suggested weights (a mention counts half a reply; voice, a chat twice).
pub fn default_weight(kind: InteractionKind) -> f64 {
    kind.default_weight()
}

/// Time together in `room`'s voice between `me` (joined at `my_join_ms`) and each of
/// `others` (person, joined at), up to `now`: one interaction per person with at least
/// [`MIN_VOICE_MINUTES`] together, weighing up to twice a short call's for an hour or more.
pub fn voice_interactions(
    room: RoomId,
    me: PersonId,
    my_join_ms: i64,
    others: &[(PersonId, i64)],
    now: DateTime<Utc>,
) -> Vec<Interaction> {
    let mut out: Vec<Interaction> = Vec::new();
    for (other, their_join_ms) in others {
        let together_from = my_join_ms.max(*their_join_ms);
        let minutes = (now.timestamp_millis() - together_from) / 60_000;
        if *other == me || minutes < MIN_VOICE_MINUTES || out.iter().any(|i| i.b == *other) {
            continue;
        }
        let Some(at) = DateTime::from_timestamp_millis(together_from) else {
            continue;
        };
        let (low, high) = (me.min(*other), me.max(*other));
        let scale = 1.0 + (minutes.min(60) - MIN_VOICE_MINUTES) as f64 / 57.0;
        out.push(Interaction {
            at,
            a: me,
            b: *other,
            kind: InteractionKind::Voice,
            weight: default_weight(InteractionKind::Voice) * scale,
            source: format!("voice:{room}:{low}:{high}:{together_from}"),
        });
    }
    out
}

/// Records what a stored message makes, logging (never failing) on trouble.
pub async fn record_message(store: Arc<dyn Store>, message: MessageId) {
    if let Err(error) = try_record_message(store.as_ref(), message).await {
        tracing::warn!(%error, message = message.0, "pulse: could not record a message");
    }
}

async fn try_record_message(store: &dyn Store, id: MessageId) -> StoreResult<()> {
    let message = store.message(id).await?;
    let replied_author = match message.reply_to {
        Some(to) => store.message(to).await.ok().and_then(|m| m.author),
        None => None,
    };
    let readers = if message.body.contains('@') {
        RoomReaders::load(store, message.room).await?
    } else {
        RoomReaders::default()
    };
    let found = message_interactions(&message, replied_author, &readers);
    if !found.is_empty() {
        store.record_interactions(&found, Utc::now()).await?;
    }
    Ok(())
}

/// Records voice time together, logging (never failing) on trouble.
pub(crate) async fn record_voice(store: Arc<dyn Store>, found: Vec<Interaction>) {
    if found.is_empty() {
        return;
    }
    if let Err(error) = store.record_interactions(&found, Utc::now()).await {
        tracing::warn!(%error, "pulse: could not record voice time");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn readers() -> RoomReaders {
        let mut names = vec![
            (PersonId(1), "ada okafor".to_owned(), "ada".to_owned()),
            (PersonId(2), "ada".to_owned(), "ada".to_owned()),
            (PersonId(3), "sam rivera".to_owned(), "sam".to_owned()),
        ];
        names.sort_by_key(|(_, full, _)| std::cmp::Reverse(full.len()));
        RoomReaders { names }
    }

    #[test]
    fn mentions_match_the_longest_name_at_a_word_boundary() {
        let r = readers();
        assert_eq!(r.mentioned("thanks @Ada Okafor!"), [PersonId(1)]);
        assert_eq!(
            r.mentioned("@ada and (@Sam) too"),
            [PersonId(2), PersonId(3)]
        );
        assert!(r.mentioned("mail ada@sam.example or @samantha").is_empty());
        assert_eq!(r.mentioned("@sam @Sam Rivera"), [PersonId(3)]);
    }

    #[test]
    fn voice_counts_only_a_few_minutes_together_and_longer_weighs_more() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let ms = |minutes_ago: i64| now.timestamp_millis() - minutes_ago * 60_000;
        let others = [
            (PersonId(2), ms(2)),
            (PersonId(3), ms(90)),
            (PersonId(1), ms(90)),
        ];
        let found = voice_interactions(RoomId(7), PersonId(1), ms(30), &others, now);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].b, PersonId(3));
        assert_eq!(found[0].at.timestamp_millis(), ms(30));
        assert!(found[0].weight > 2.0 && found[0].weight < 4.0);
        assert_eq!(found[0].source, format!("voice:7:1:3:{}", ms(30)));
    }
}
