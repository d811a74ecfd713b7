//! Writing a read [`Batch`] into the store: people (mapped by email or created inactive), rooms
//! (open ones matched by name, private ones always new, never merged), then each room's
//! messages in time order, in chunks of one transaction each. Everything is keyed on the
//! source ids, so an interrupted import is resumed by running it again.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use chrono::{DateTime, Utc};
use hallway_domain::{Bio, WorkingHours};
use hallway_domain::{PersonId, Profile, Role, RoomId, RoomKind, RoomName, TimeZoneName};
use hallway_import::{Batch, ImportedMessage, ImportedRoom, Skipped};
use hallway_store::{ImportHow, ImportMessage, ImportPerson, NewPerson, NewRoom, Store};
use indicatif::ProgressBar;

use super::clean;
use super::report::{Counts, Report};

/// People per transaction.
const PEOPLE_PER_CALL: usize = 1_000;
/// Messages per transaction.
const MESSAGES_PER_CALL: usize = 5_000;

/// Writes people; returns source id -> Hallway id (`None`: their account was deleted).
pub async fn people(
    store: &dyn Store,
    source: &str,
    batch: &Batch,
    report: &mut Report,
) -> anyhow::Result<HashMap<String, Option<PersonId>>> {
    let now = Utc::now();
    let mut wanted = Vec::with_capacity(batch.people.len());
    for person in &batch.people {
        let email = clean::email(person.email.as_deref(), source, &person.source_id)?;
        let profile = Profile {
            display_name: clean::display_name(&person.display_name, &person.source_id)?,
            pronouns: None,
            time_zone: TimeZoneName::parse("UTC")?,
            working_hours: WorkingHours::weekdays(9 * 60, 17 * 60),
            ask_me_about: Vec::new(),
            bio: Bio::parse("")?,
        };
        let new = NewPerson {
            email,
            role: Role::Member,
            password_hash: None,
            active: false,
            profile,
            teams: Vec::new(),
            joined_at: now,
        };
        wanted.push(ImportPerson {
            source_id: person.source_id.clone(),
            person: new,
        });
    }
    let mut mapped = HashMap::new();
    for chunk in wanted.chunks(PEOPLE_PER_CALL) {
        let done = store
            .import_people(source, chunk)
            .await
            .context("importing people")?;
        for (one, outcome) in chunk.iter().zip(done) {
            match outcome {
                Some(imported) => report.people.count(imported.how),
                None => report.people.forgotten += 1,
            }
            mapped.insert(one.source_id.clone(), outcome.map(|i| i.id));
        }
    }
    Ok(mapped)
}

/// Writes rooms; returns source id -> (Hallway id, private).
pub async fn rooms(
    store: &dyn Store,
    source: &str,
    batch: &Batch,
    report: &mut Report,
) -> anyhow::Result<HashMap<String, (RoomId, bool)>> {
    let existing = store.rooms().await.context("reading rooms")?;
    let mut taken: HashMap<String, RoomKind> = existing
        .iter()
        .map(|r| (r.name.as_str().to_lowercase(), r.kind))
        .collect();
    let mut first_message: HashMap<&str, DateTime<Utc>> = HashMap::new();
    for message in &batch.messages {
        let at = first_message.entry(&message.room).or_insert(message.at);
        *at = (*at).min(message.at);
    }
    let mut mapped = HashMap::new();
    for room in &batch.rooms {
        let kind = if room.private {
            RoomKind::Private
        } else {
            RoomKind::Open
        };
        let name = free_name(room, kind, source, &mut taken)?;
        let new = NewRoom {
            name,
            topic: room.topic.clone(),
            kind,
            team: None,
            overhearable: false,
            created_by: None,
            created_at: first_message
                .get(room.source_id.as_str())
                .copied()
                .unwrap_or_else(Utc::now),
        };
        let imported = store
            .import_room(source, &room.source_id, new)
            .await
            .with_context(|| format!("importing the room {}", room.source_id))?;
        report.rooms.count(imported.how);
        mapped.insert(room.source_id.clone(), (imported.id, room.private));
    }
    Ok(mapped)
}

/// The exported name, or (when a room of that name exists and may not be matched: any
/// private room, or an open name taken by a private one) `name (source)`, `name (source 2)`…
fn free_name(
    room: &ImportedRoom,
    kind: RoomKind,
    source: &str,
    taken: &mut HashMap<String, RoomKind>,
) -> anyhow::Result<RoomName> {
    let base = clean::room_name(&room.name, &room.source_id);
    let label = source.split(':').next().unwrap_or(source);
    for n in 1..1_000 {
        let suffix = match n {
            1 => String::new(),
            2 => format!(" ({label})"),
            n => format!(" ({label} {})", n - 1),
        };
        let keep = RoomName::MAX_CHARS - suffix.chars().count();
        let candidate = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        let usable = match taken.get(&candidate.to_lowercase()) {
            None => true,
            Some(existing) => kind == RoomKind::Open && *existing == RoomKind::Open,
        };
        if usable {
            taken.insert(candidate.to_lowercase(), kind);
            return Ok(RoomName::parse(&candidate)?);
        }
    }
    anyhow::bail!("no free name for the room {:?}", room.name)
}

/// Writes every room's messages (in time order), then makes a private room's authors its
/// members (the people who wrote there may read it; nobody else).
pub async fn messages(
    store: &dyn Store,
    source: &str,
    batch: &Batch,
    people: &HashMap<String, Option<PersonId>>,
    rooms: &HashMap<String, (RoomId, bool)>,
    report: &mut Report,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut by_room: HashMap<&str, Vec<&ImportedMessage>> = HashMap::new();
    for message in &batch.messages {
        by_room.entry(&message.room).or_default().push(message);
    }
    for room in &batch.rooms {
        let Some(mut list) = by_room.remove(room.source_id.as_str()) else {
            continue;
        };
        let Some(&(room_id, private)) = rooms.get(&room.source_id) else {
            continue;
        };
        list.sort_by_key(|m| m.at);
        let mut authors = HashSet::new();
        let mut chunk = Vec::with_capacity(MESSAGES_PER_CALL);
        for message in list {
            if let Some(ready) = prepare(source, message, people, &mut report.skipped)? {
                authors.insert(ready.author);
                chunk.push(ready);
            }
            if chunk.len() == MESSAGES_PER_CALL {
                write_chunk(
                    store,
                    source,
                    room_id,
                    &mut chunk,
                    &mut report.messages,
                    bar,
                )
                .await?;
            }
        }
        write_chunk(
            store,
            source,
            room_id,
            &mut chunk,
            &mut report.messages,
            bar,
        )
        .await?;
        if private {
            for author in authors {
                store.add_room_member(room_id, author).await?;
            }
        }
    }
    for (room, list) in by_room {
        for message in list {
            skip(
                &mut report.skipped,
                source,
                message,
                &format!("its room {room} is not in the export"),
            );
        }
    }
    Ok(())
}

async fn write_chunk(
    store: &dyn Store,
    source: &str,
    room: RoomId,
    chunk: &mut Vec<ImportMessage>,
    counts: &mut Counts,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    if chunk.is_empty() {
        return Ok(());
    }
    let done = store
        .import_messages(source, room, chunk)
        .await
        .context("importing messages")?;
    counts.add(ImportHow::Created, done.added);
    counts.add(ImportHow::Already, done.already);
    bar.inc(chunk.len() as u64);
    chunk.clear();
    Ok(())
}

fn skip(skipped: &mut Vec<Skipped>, source: &str, message: &ImportedMessage, reason: &str) {
    skipped.push(Skipped {
        location: format!("{source} message {}", message.source_id),
        reason: reason.to_owned(),
    });
}

/// The message as the store takes it, or `None` (noted in `skipped`) when it cannot be.
fn prepare(
    source: &str,
    message: &ImportedMessage,
    people: &HashMap<String, Option<PersonId>>,
    skipped: &mut Vec<Skipped>,
) -> anyhow::Result<Option<ImportMessage>> {
    let author = match people.get(&message.author) {
        Some(Some(author)) => *author,
        Some(None) => {
            skip(
                skipped,
                source,
                message,
                "its author's Hallway account was deleted",
            );
            return Ok(None);
        }
        None => {
            let reason = format!("its author {} is not in the export", message.author);
            skip(skipped, source, message, &reason);
            return Ok(None);
        }
    };
    let (body, cut) = match clean::body(&message.text) {
        Ok(body) => body,
        Err(reason) => {
            skip(skipped, source, message, reason);
            return Ok(None);
        }
    };
    if let Some(cut) = cut {
        skip(skipped, source, message, &cut);
    }
    Ok(Some(ImportMessage {
        source_id: message.source_id.clone(),
        client_id: clean::client_id(source, &message.source_id)?,
        author,
        body,
        reply_to: message.reply_to.clone(),
        at: message.at,
    }))
}
