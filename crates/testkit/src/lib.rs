//! Test helpers shared by Hallway's integration tests.
//!
//! - [`backends`]: every storage backend to run a backend-neutral story on (SQLite always,
//!   PostgreSQL when `HALLWAY_TEST_POSTGRES_URL` is set), each on a fresh, private database.

mod backends;

pub use backends::{backends, drop_test_databases, TestBackend, POSTGRES_URL_VAR, TEST_DB_PREFIX};
