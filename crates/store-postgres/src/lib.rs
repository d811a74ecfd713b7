//! Hallway's PostgreSQL backend: [`PostgresStore`] implements [`hallway_store::Store`].
//!
//! A connection pool to one database; the schema lives in `migrations/`, embedded in the
//! binary and applied on connect. Races that matter are settled by the database: the first
//! owner is created under `LOCK TABLE people IN EXCLUSIVE MODE`, an invite is locked with
//! `SELECT ... FOR UPDATE` before a use is counted, and a room's row is locked
//! (`FOR NO KEY UPDATE`) before its next sequence number is taken, so concurrent writers to
//! one room queue up and its event numbers stay dense.

mod chats;
mod circles;
mod error;
mod evidence;
mod finder_store;
mod history;
mod imports;
mod invitation_store;
mod invitations;
mod invites;
mod messages;
mod notes;
mod people;
mod pulse;
mod pulse_store;
mod rooms;
mod round_claims;
mod rounds;
mod rows;
mod search;
mod sessions;
mod sign_in;
mod statuses;
mod store;
mod teams;

use std::time::Duration;

use hallway_store::StoreError;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};

/// Hallway's storage in a PostgreSQL database. Cheap to clone (a pool handle).
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (e.g. `postgres://hallway@db.internal/hallway`), giving up after about
    /// 5 s, and applies pending migrations.
    pub async fn connect(url: &str) -> Result<PostgresStore, StoreError> {
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
        Ok(PostgresStore { pool })
    }

    /// Closes every connection; later calls fail as `Unavailable`.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn write(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(StoreError::unavailable)
    }

    async fn read(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(StoreError::unavailable)
    }
}
