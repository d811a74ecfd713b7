//! Hallway's PostgreSQL backend: [`PostgresBackend`] implements [`hallway_store_sql::Backend`],
//! and [`connect`] gives the [`SqlStore`] (every Hallway storage trait) on it.
//!
//! What is PostgreSQL's own lives here: a connection pool to one database, the schema in
//! `migrations/` (embedded in the binary and applied on connect), and the dialect (`conn.rs`).
//! Many connections write at once, so the races that matter are settled by the database with
//! the dialect's locks: the first owner is created under `LOCK TABLE people IN EXCLUSIVE
//! MODE`, an invite or chat request is locked with `SELECT ... FOR UPDATE` before it is
//! used or answered, a room's row is locked (`FOR NO KEY UPDATE`) before its next sequence
//! number is taken, so concurrent writers to one room queue up and its event numbers stay
//! dense, and the evidence change log is locked (`SHARE ROW EXCLUSIVE`) so its ids become
//! visible in order.

mod conn;

use std::time::Duration;

use async_trait::async_trait;
use hallway_store::StoreError;
pub use hallway_store_sql::SqlStore;
use hallway_store_sql::{Backend, Conn, DbError, Dialect, Tx};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};

use crate::conn::{db_error, PgConn, PgDialect};

/// Connects Hallway's store to the PostgreSQL database at `url`.
pub async fn connect(url: &str) -> Result<SqlStore, StoreError> {
    Ok(SqlStore::new(PostgresBackend::connect(url).await?))
}

/// A PostgreSQL database. Cheap to clone (a pool handle).
#[derive(Debug, Clone)]
pub struct PostgresBackend {
    pool: PgPool,
}

impl PostgresBackend {
    /// Connects to `url` (e.g. `postgres://hallway@db.internal/hallway`), giving up after about
    /// 5 s, and applies pending migrations.
    pub async fn connect(url: &str) -> Result<PostgresBackend, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(StoreError::unavailable)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(StoreError::unavailable)?;
        tracing::info!("PostgreSQL store connected");
        Ok(PostgresBackend { pool })
    }
}

#[async_trait]
impl Backend for PostgresBackend {
    fn dialect(&self) -> &'static dyn Dialect {
        &PgDialect
    }

    async fn read(&self) -> Result<Box<dyn Tx>, DbError> {
        let tx = self.pool.begin().await.map_err(db_error)?;
        Ok(Box::new(PgConn(tx)))
    }

    async fn write(&self) -> Result<Box<dyn Tx>, DbError> {
        let tx = self.pool.begin().await.map_err(db_error)?;
        Ok(Box::new(PgConn(tx)))
    }

    async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(())
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Tx for PgConn<Transaction<'static, Postgres>> {
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
