//! A full rebuild from the store: every message in its current state room by room, plus the
//! change log's notes and tags, streamed into the engine's bulk rebuild on a blocking thread.
//!
//! The cursors are taken *before* reading (each room's `last_seq`; the change log's end as
//! read), so anything written during the rebuild is read again by the next sync — harmless,
//! as records replace themselves. The cursor file is removed first and saved only at the end:
//! a rebuild cut short is started again.

use std::collections::{BTreeMap, HashSet};

use chrono::Utc;
use hallway_memory::{Evidence, IndexEvent, RebuildProgress};
use hallway_store::EvidenceChange;
use tokio::sync::mpsc;

use crate::cursor::Cursor;
use crate::error::{FinderError, Result};
use crate::{records, Finder};

/// Messages read per store call.
const MESSAGES_PER_READ: u32 = 5_000;
/// Records buffered between the store reader and the index writer.
const CHANNEL: usize = 16_384;

impl Finder {
    /// Rebuilds the index from the store, calling `progress` as it goes (from another thread).
    /// Returns how many records it read.
    pub async fn rebuild(
        &self,
        progress: impl FnMut(RebuildProgress) + Send + 'static,
    ) -> Result<u64> {
        if self.read_only {
            return Err(FinderError::ReadOnly);
        }
        let mut guard = self.cursor.lock().await;
        self.rebuild_locked(&mut guard, progress).await
    }

    pub(crate) async fn rebuild_locked(
        &self,
        cursor: &mut Option<Cursor>,
        progress: impl FnMut(RebuildProgress) + Send + 'static,
    ) -> Result<u64> {
        Cursor::remove(&self.dir)?;
        *cursor = None;
        let rooms = self.store.rooms().await?;
        let room_cursors: BTreeMap<i64, i64> = rooms.iter().map(|r| (r.id.0, r.last_seq)).collect();
        let total: u64 = rooms.iter().map(|r| r.last_seq.max(0) as u64).sum();
        let (send, mut receive) = mpsc::channel::<Evidence>(CHANNEL);
        let index = self.index.clone();
        let generation = index.checkpoint() + 1;
        let writer = tokio::task::spawn_blocking(move || {
            let events =
                std::iter::from_fn(move || receive.blocking_recv()).map(|evidence| IndexEvent {
                    seq: generation,
                    evidence,
                });
            index.rebuild(events, Some(total), progress)
        });
        let read = self.read_everything(&rooms, &send).await;
        drop(send);
        let written = writer.await.map_err(FinderError::from)?;
        let (changes, count) = read?;
        let generation = written?;
        let saved = Cursor {
            generation,
            changes,
            rooms: room_cursors,
        };
        saved.save(&self.dir)?;
        *cursor = Some(saved);
        tracing::info!(records = count, "memory index rebuilt");
        Ok(count)
    }

    /// Sends every record to the writer; returns the change log's end and the count sent.
    async fn read_everything(
        &self,
        rooms: &[hallway_store::Room],
        send: &mpsc::Sender<Evidence>,
    ) -> Result<(i64, u64)> {
        let closed = || FinderError::Task("the index writer stopped".to_owned());
        let (mut changes, mut count) = (0, 0);
        let mut seen = HashSet::new();
        loop {
            let read = self.store.evidence_changes(changes, 1_000).await?;
            if read.changes.is_empty() {
                break;
            }
            changes = read.through;
            let now = Utc::now();
            for change in &read.changes {
                // Messages come from their rooms below, each once and as they stand.
                if matches!(
                    change,
                    EvidenceChange::Message(_) | EvidenceChange::MessageGone(_)
                ) {
                    continue;
                }
                let evidence = records::change(change, now);
                if matches!(evidence, Evidence::Removed(_)) || !seen.insert(records::key(&evidence))
                {
                    continue;
                }
                send.send(evidence).await.map_err(|_| closed())?;
                count += 1;
            }
        }
        for room in rooms {
            let mut before = None;
            loop {
                let page = self
                    .store
                    .messages_before(room.id, before, MESSAGES_PER_READ)
                    .await?;
                let Some(first) = page.first() else { break };
                before = Some(first.seq);
                for message in &page {
                    let evidence = records::message(message);
                    if let Evidence::Message(_) = evidence {
                        send.send(evidence).await.map_err(|_| closed())?;
                        count += 1;
                    }
                }
            }
        }
        Ok((changes, count))
    }
}
