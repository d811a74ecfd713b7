//! The backend-neutral storage story: every story runs on every backend from
//! `hallway_testkit::backends()` (SQLite always, PostgreSQL when `HALLWAY_TEST_POSTGRES_URL`
//! is set), each on a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod story;
