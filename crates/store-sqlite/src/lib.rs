//! Hallway's SQLite backend: [`SqliteBackend`] implements [`hallway_store_sql::Backend`], and
//! [`open`] gives the [`SqlStore`] (every Hallway storage trait) on it.
//!
//! What is SQLite's own lives here: one database file in WAL mode with the same pragmas on
//! every connection (see [`SqliteBackend::open`]); write transactions that start with
//! `BEGIN IMMEDIATE`, so they take the write lock up front and wait (up to the busy timeout)
//! instead of failing when another writer got there first; and, within one process, a pool
//! of one connection for writes: writers queue there in order instead of sleeping in
//! SQLite's busy handler while the lock is free (measured in `docs/benchmarks/live.md`);
//! reads use a pool of eight, which WAL lets run beside the writer. Because a write
//! transaction is the only writer of the whole database, the dialect's locks are no-ops
//! (`conn.rs`). The schema lives in `migrations/`, embedded in the binary and applied on open.

mod conn;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use hallway_store::StoreError;
pub use hallway_store_sql::SqlStore;
use hallway_store_sql::{Backend, Conn, DbError, Dialect, Tx};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::{Sqlite, Transaction};

use crate::conn::{db_error, SqliteConn, SqliteDialect};

/// The statement that starts every write transaction.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// The writer's page cache, in KiB (SQLite reads a negative `cache_size` as KiB).
const WRITER_CACHE_KIB: &str = "-65536";

/// Opens (creating it if missing) Hallway's store in the SQLite file at `path`.
pub async fn open(path: &Path) -> Result<SqlStore, StoreError> {
    Ok(SqlStore::new(SqliteBackend::open(path).await?))
}

/// One SQLite file. Cheap to clone (pool handles).
#[derive(Debug, Clone)]
pub struct SqliteBackend {
    /// Reads (and migrations).
    pool: SqlitePool,
    /// Write transactions, one at a time.
    writer: SqlitePool,
}

impl SqliteBackend {
    /// Opens (creating it if missing) the database at `path` and applies pending migrations.
    ///
    /// Every connection runs with `journal_mode=WAL`, `busy_timeout` 5 s, `synchronous=FULL`
    /// (an acknowledged write survives power loss) and `foreign_keys=ON`. The one writer
    /// connection also gets a 64 MiB page cache (`cache_size`, default 2 MiB): it touches
    /// every table's indexes, some in random order (`UNIQUE (author_id, client_id)`), and a
    /// cache that holds them keeps a bulk import from re-reading pages for every row. Its
    /// statement journals (the undo of one statement inside a transaction) are kept in memory
    /// (`temp_store=MEMORY`) instead of a temporary file written for every multi-row insert,
    /// and it checkpoints the WAL every 10,000 pages (`wal_autocheckpoint`, default 1,000), so
    /// an index page changed by many transactions is copied into the database once, not
    /// every few transactions.
    pub async fn open(path: &Path) -> Result<SqliteBackend, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(StoreError::unavailable)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5))
            .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await
            .map_err(StoreError::unavailable)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(StoreError::unavailable)?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(
                options
                    .pragma("cache_size", WRITER_CACHE_KIB)
                    .pragma("temp_store", "MEMORY")
                    .pragma("wal_autocheckpoint", "10000"),
            )
            .await
            .map_err(StoreError::unavailable)?;
        tracing::info!(path = %path.display(), "SQLite store open");
        Ok(SqliteBackend { pool, writer })
    }
}

#[async_trait]
impl Backend for SqliteBackend {
    fn dialect(&self) -> &'static dyn Dialect {
        &SqliteDialect
    }

    async fn read(&self) -> Result<Box<dyn Tx>, DbError> {
        let tx = self.pool.begin().await.map_err(db_error)?;
        Ok(Box::new(SqliteConn(tx)))
    }

    async fn write(&self) -> Result<Box<dyn Tx>, DbError> {
        let tx = self
            .writer
            .begin_with(BEGIN_WRITE)
            .await
            .map_err(db_error)?;
        Ok(Box::new(SqliteConn(tx)))
    }

    async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(())
    }

    async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

#[async_trait]
impl Tx for SqliteConn<Transaction<'static, Sqlite>> {
    fn conn(&mut self) -> &mut dyn Conn {
        self
    }

    async fn commit(self: Box<Self>) -> Result<(), DbError> {
        self.0.commit().await.map_err(db_error)
    }

    async fn rollback(self: Box<Self>) -> Result<(), DbError> {
        self.0.rollback().await.map_err(db_error)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_connection_gets_the_durability_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").with_extension("db");
        let store = SqliteBackend::open(&path).await.unwrap();
        assert!(path.exists(), "the file is created");
        let mut held = Vec::new();
        for _ in 0..3 {
            let mut conn = store.pool.acquire().await.unwrap();
            let pragma = |name: &'static str| format!("PRAGMA {name}");
            let journal: String = sqlx::query_scalar(&pragma("journal_mode"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let sync: i64 = sqlx::query_scalar(&pragma("synchronous"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let fk: i64 = sqlx::query_scalar(&pragma("foreign_keys"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let busy: i64 = sqlx::query_scalar(&pragma("busy_timeout"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            assert_eq!((journal.as_str(), sync, fk, busy), ("wal", 2, 1, 5000));
            held.push(conn);
        }
        drop(held);
        store.close().await;
        open(&path).await.unwrap();
    }
}
