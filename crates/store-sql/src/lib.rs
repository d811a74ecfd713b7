//! Hallway's SQL, written once for every backend.
//!
//! The query modules take a `&mut dyn` [`Conn`] — a backend's connection inside a
//! transaction — and bind [`Value`]s, read [`Row`]s and ask the connection's [`Dialect`]
//! for the few fragments that differ (locks, id lists, string functions). The backend
//! crates (`hallway-store-sqlite`, `hallway-store-postgres`) implement `Conn` with sqlx;
//! nothing here names a database.

mod backend;
pub mod circles;
mod conn;
pub mod error;
pub mod evidence;
pub mod history;
mod impls;
pub mod imports;
pub mod invitations;
pub mod invites;
pub mod messages;
pub mod notes;
pub mod people;
pub mod pulse;
mod query;
pub mod rooms;
pub mod rounds;
mod row;
pub mod rows;
pub mod search;
pub mod sessions;
pub mod sign_in;
pub mod statuses;
pub mod teams;
mod value;

pub use backend::{Backend, SqlStore, Tx};
pub use conn::{Conn, DbError, Dialect, IdReservation, TableLock};
pub use query::{query, query_as, query_scalar, Done, Query, Scalar, Typed, Values};
pub use row::{Col, Decode, FromRow, Row, RowRead};
pub use value::Value;
