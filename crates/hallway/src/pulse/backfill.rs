//! `hallway pulse backfill`: interactions from the history already stored (imported threads, or
//! messages from before pulse was on) — replies and mentions, by the same rules as live posts.
//! Safe to run again: every interaction has a source key the store records once.

use std::collections::HashMap;

use chrono::Utc;
use hallway_domain::{MessageId, PersonId};
use hallway_live::pulse::{message_interactions, RoomReaders};
use hallway_store::{Interaction, Store};

const PAGE: u32 = 500;

/// What a backfill found and stored.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Backfilled {
    pub messages: u64,
    pub found: u64,
    pub recorded: u64,
}

/// Walks every room's messages (newest pages first) and records their interactions.
pub async fn run(store: &dyn Store) -> anyhow::Result<Backfilled> {
    let mut totals = Backfilled::default();
    for room in store.rooms().await? {
        let readers = RoomReaders::load(store, room.id).await?;
        let mut messages = Vec::new();
        let mut before = None;
        loop {
            let page = store.messages_before(room.id, before, PAGE).await?;
            let Some(first) = page.first() else { break };
            before = Some(first.seq);
            let full = page.len() == PAGE as usize;
            messages.extend(page);
            if !full {
                break;
            }
        }
        let authors: HashMap<MessageId, Option<PersonId>> =
            messages.iter().map(|m| (m.id, m.author)).collect();
        let mut found: Vec<Interaction> = Vec::new();
        for message in &messages {
            let replied = message
                .reply_to
                .and_then(|to| authors.get(&to).copied().flatten());
            found.extend(message_interactions(message, replied, &readers));
        }
        totals.messages += messages.len() as u64;
        totals.found += found.len() as u64;
        for chunk in found.chunks(PAGE as usize) {
            totals.recorded += store.record_interactions(chunk, Utc::now()).await?;
        }
    }
    Ok(totals)
}
