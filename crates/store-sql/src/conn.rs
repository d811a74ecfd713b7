//! The backend trait: a connection that runs [`Query`]s, and the [`Dialect`] it speaks.
//! Each backend crate implements both; the query modules here use nothing else.

use async_trait::async_trait;

use crate::{Query, Row};

/// An open connection (inside a transaction, in the store's use) of one backend.
#[async_trait]
pub trait Conn: Send {
    /// The SQL this backend speaks where backends differ.
    fn dialect(&self) -> &'static dyn Dialect;
    /// Runs a statement; returns how many rows it changed.
    async fn run(&mut self, query: Query<'_>) -> Result<u64, DbError>;
    /// Runs a query and returns every row.
    async fn rows(&mut self, query: Query<'_>) -> Result<Vec<Row>, DbError>;
    /// Runs a query and returns its first row, if any.
    async fn first_row(&mut self, query: Query<'_>) -> Result<Option<Row>, DbError>;
}

/// How long a lock taken by [`Dialect::lock_table`] blocks others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableLock {
    /// Others may read but not write (PostgreSQL `EXCLUSIVE`).
    Exclusive,
    /// Others may read; one writer at a time (PostgreSQL `SHARE ROW EXCLUSIVE`).
    ShareRowExclusive,
}

/// The SQL that differs between backends. Everything else is written once, in the dialect
/// both understand (`$n` placeholders, `RETURNING`, `ON CONFLICT`, `TRUE`/`FALSE`,
/// `CAST(.. AS ..)`).
pub trait Dialect: Send + Sync {
    /// The backend's name, as `Store::backend` reports it.
    fn name(&self) -> &'static str;
    /// A test that `expr` is one of the list bound as parameter `$param`
    /// ([`crate::Value::IntList`] or [`crate::Value::TextList`]).
    fn in_list(&self, expr: &str, param: usize) -> String;
    /// The clause that locks the rows a `SELECT` reads until the transaction ends, keeping
    /// rows that reference them insertable (`FOR NO KEY UPDATE`); empty where a write
    /// transaction already is the only writer.
    fn lock_rows_for_key_share(&self) -> &'static str;
    /// The clause that locks the rows a `SELECT` reads until the transaction ends
    /// (`FOR UPDATE`); empty where a write transaction already is the only writer.
    fn lock_rows(&self) -> &'static str;
    /// The statement that locks `table` until the transaction ends; `None` where a write
    /// transaction already is the only writer.
    fn lock_table(&self, table: &str, mode: TableLock) -> Option<String>;
    /// The 1-based position of `needle` in `haystack` (0 when absent).
    fn position(&self, needle: &str, haystack: &str) -> String;

    /// Import: `(source id, message id)` of the messages imported from source `$1` whose
    /// source ids are in the list `$2`, only in room `$3` unless it is `NULL`.
    fn imported_messages(&self) -> &'static str;
    /// Import: how ids for a batch of new messages are reserved.
    fn reserve_message_ids(&self) -> IdReservation;
    /// Import: a statement that tunes the planner for this transaction, if any.
    fn import_settings(&self) -> Option<&'static str>;
}

/// How a bulk import reserves ids for its new messages before writing them.
#[derive(Debug, Clone, Copy)]
pub enum IdReservation {
    /// The query returns the largest id ever used; the new ids follow it (the transaction
    /// already is the only writer).
    AboveLargest(&'static str),
    /// The query returns `$1` fresh ids from the table's sequence.
    Sequence(&'static str),
}

/// Why a statement failed, as much of it as the queries act on.
#[derive(Debug)]
pub enum DbError {
    /// `fetch_one` found no row.
    RowNotFound,
    /// A column could not be read as the asked type.
    Decode(String),
    /// A `UNIQUE` or primary key constraint was broken.
    UniqueViolation(Box<dyn std::error::Error + Send + Sync>),
    /// A foreign key constraint was broken.
    ForeignKeyViolation(Box<dyn std::error::Error + Send + Sync>),
    /// Anything else: the database is unreachable or failed.
    Other(Box<dyn std::error::Error + Send + Sync>),
}

impl DbError {
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, DbError::UniqueViolation(_))
    }

    pub fn is_foreign_key_violation(&self) -> bool {
        matches!(self, DbError::ForeignKeyViolation(_))
    }
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::RowNotFound => f.write_str("no row found"),
            DbError::Decode(e) => write!(f, "cannot decode: {e}"),
            DbError::UniqueViolation(e) | DbError::ForeignKeyViolation(e) | DbError::Other(e) => {
                e.fmt(f)
            }
        }
    }
}

impl std::error::Error for DbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DbError::RowNotFound | DbError::Decode(_) => None,
            DbError::UniqueViolation(e) | DbError::ForeignKeyViolation(e) | DbError::Other(e) => {
                Some(&**e)
            }
        }
    }
}
