//! Incremental sync: read the evidence feed after the saved cursors, apply it to the index in
//! large commits, save the cursors after each commit.

use chrono::Utc;
use hallway_memory::{Evidence, IndexEvent};

use crate::cursor::Cursor;
use crate::error::{FinderError, Result};
use crate::{records, Finder};

/// Change-log entries read per store call.
const CHANGES_PER_READ: u32 = 1_000;
/// Room events read per store call.
const EVENTS_PER_READ: u32 = 5_000;
/// Records gathered before the index commits (each commit is durable, so not one per record).
const RECORDS_PER_COMMIT: usize = 50_000;

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Records (new, changed or removed) applied to the index.
    pub applied: u64,
    /// Whether it had to rebuild the whole index.
    pub rebuilt: bool,
}

/// Records read but not yet committed, with the cursors they advance.
#[derive(Default)]
struct Pending {
    evidence: Vec<Evidence>,
    changes: Option<i64>,
    rooms: Vec<(i64, i64)>,
}

impl Finder {
    /// Brings the index up to date with the store: a full rebuild when there is no usable
    /// cursor, else everything after the cursors. One sync runs at a time. A read-only finder
    /// does nothing.
    pub async fn sync(&self) -> Result<SyncReport> {
        self.sync_reporting(|_| {}).await
    }

    /// [`Finder::sync`], calling `progress` with the records applied so far after each index
    /// commit (a rebuild, if needed, reports nothing: see [`Finder::needs_rebuild`]).
    pub async fn sync_reporting(&self, mut progress: impl FnMut(u64) + Send) -> Result<SyncReport> {
        if self.read_only {
            return Ok(SyncReport::default());
        }
        let mut guard = self.cursor.lock().await;
        let Some(cursor) = guard.as_mut() else {
            let done = self.rebuild_locked(&mut guard, |_| {}).await?;
            return Ok(SyncReport {
                applied: done,
                rebuilt: true,
            });
        };
        let mut pending = Pending::default();
        let mut applied = 0;
        let mut after = cursor.changes;
        loop {
            let read = self.store.evidence_changes(after, CHANGES_PER_READ).await?;
            if read.changes.is_empty() {
                break;
            }
            let now = Utc::now();
            pending
                .evidence
                .extend(read.changes.iter().map(|c| records::change(c, now)));
            after = read.through;
            pending.changes = Some(after);
            applied += self.flush_if_full(cursor, &mut pending).await?;
            progress(applied);
        }
        for room in self.store.rooms().await? {
            let mut after = cursor.rooms.get(&room.id.0).copied().unwrap_or(0);
            while after < room.last_seq {
                let read = self
                    .store
                    .room_evidence(room.id, after, EVENTS_PER_READ)
                    .await?;
                if read.through <= after {
                    break;
                }
                pending
                    .evidence
                    .extend(read.messages.iter().map(records::message));
                after = read.through;
                pending.rooms.push((room.id.0, after));
                applied += self.flush_if_full(cursor, &mut pending).await?;
                progress(applied);
            }
        }
        applied += self.flush(cursor, std::mem::take(&mut pending)).await?;
        progress(applied);
        Ok(SyncReport {
            applied,
            rebuilt: false,
        })
    }

    async fn flush_if_full(&self, cursor: &mut Cursor, pending: &mut Pending) -> Result<u64> {
        if pending.evidence.len() < RECORDS_PER_COMMIT {
            return Ok(0);
        }
        self.flush(cursor, std::mem::take(pending)).await
    }

    /// Commits `pending` to the index as one new generation, then saves the cursors.
    async fn flush(&self, cursor: &mut Cursor, pending: Pending) -> Result<u64> {
        if pending.changes.is_none() && pending.rooms.is_empty() {
            return Ok(0);
        }
        let count = pending.evidence.len() as u64;
        let index = self.index.clone();
        let generation = index.checkpoint() + 1;
        let events: Vec<IndexEvent> = pending
            .evidence
            .into_iter()
            .map(|evidence| IndexEvent {
                seq: generation,
                evidence,
            })
            .collect();
        let mut next = cursor.clone();
        if let Some(changes) = pending.changes {
            next.changes = changes;
        }
        next.rooms.extend(pending.rooms);
        let dir = self.dir.clone();
        let saved = tokio::task::spawn_blocking(move || -> Result<Cursor> {
            next.generation = index.apply(&events)?;
            next.save(&dir)?;
            Ok(next)
        })
        .await
        .map_err(FinderError::from)??;
        *cursor = saved;
        Ok(count)
    }
}
