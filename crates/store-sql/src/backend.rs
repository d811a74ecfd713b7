//! [`Backend`]: what a database gives the shared store — transactions, a ping and a close —
//! and [`SqlStore`], which implements every storage trait on top of one.

use std::sync::Arc;

use async_trait::async_trait;
use hallway_store::{StoreError, StoreResult};

use crate::{Conn, DbError, Dialect};

/// A database: the backend crates implement this with their pools and pragmas.
#[async_trait]
pub trait Backend: Send + Sync + std::fmt::Debug + 'static {
    /// The SQL this backend speaks where backends differ.
    fn dialect(&self) -> &'static dyn Dialect;
    /// A transaction for reading.
    async fn read(&self) -> Result<Box<dyn Tx>, DbError>;
    /// A transaction for writing, already holding whatever makes concurrent writers safe
    /// (on SQLite: the one writer connection and `BEGIN IMMEDIATE`).
    async fn write(&self) -> Result<Box<dyn Tx>, DbError>;
    /// Fails when the database cannot be reached.
    async fn ping(&self) -> Result<(), DbError>;
    /// Closes every connection; later calls fail as `Unavailable`.
    async fn close(&self);
}

/// An open transaction; dropped without [`Tx::commit`], it rolls back.
#[async_trait]
pub trait Tx: Send {
    /// The transaction's connection, for the query modules.
    fn conn(&mut self) -> &mut dyn Conn;
    async fn commit(self: Box<Self>) -> Result<(), DbError>;
    async fn rollback(self: Box<Self>) -> Result<(), DbError>;
}

/// Hallway's storage on any [`Backend`]: implements [`hallway_store::Store`] and its parts,
/// each method one transaction. Cheap to clone.
#[derive(Debug, Clone)]
pub struct SqlStore {
    backend: Arc<dyn Backend>,
}

impl SqlStore {
    pub fn new(backend: impl Backend) -> SqlStore {
        SqlStore {
            backend: Arc::new(backend),
        }
    }

    /// Closes every connection; later calls fail as `Unavailable`.
    pub async fn close(&self) {
        self.backend.close().await;
    }

    pub(crate) fn backend_name(&self) -> &'static str {
        self.backend.dialect().name()
    }

    pub(crate) async fn ping_backend(&self) -> StoreResult<()> {
        self.backend.ping().await.map_err(StoreError::unavailable)
    }

    pub(crate) async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        self.backend.read().await.map_err(StoreError::unavailable)
    }

    pub(crate) async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        self.backend.write().await.map_err(StoreError::unavailable)
    }
}

/// Commits `tx` and hands back `value`.
pub(crate) async fn commit<T>(tx: Box<dyn Tx>, value: T) -> StoreResult<T> {
    tx.commit().await.map_err(StoreError::unavailable)?;
    Ok(value)
}
