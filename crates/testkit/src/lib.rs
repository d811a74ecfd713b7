//! Test helpers shared by Hallway's integration tests.
//!
//! - [`backends`]: every storage backend to run a backend-neutral story on (SQLite always,
//!   PostgreSQL when `HALLWAY_TEST_POSTGRES_URL` is set), each on a fresh, private database.
//! - [`spawn_app`]: the real HTTP server on an ephemeral port over one of those backends, and
//!   [`Client`], a cookie-keeping HTTP client that sends the CSRF token like a browser page does.
//! - [`nats_url`]: the NATS server for multi-node tests (`HALLWAY_TEST_NATS_URL`), required in CI.
//! - [`Browser`]: real headless Chromium driven through chromedriver (WebDriver); [`emulate`]
//!   a phone or the dark scheme, [`axe_violations`] (axe-core) and [`sideways_overflow`].
//! - [`Nginx`]: a real nginx as a reverse proxy in front of a test server.
//! - [`SmtpServer`]: a real SMTP server (Python's `aiosmtpd`) on loopback for the mail tests.

// A test harness should fail loudly and at once: panicking on a broken fixture is the point.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod backends;

pub use backends::{backends, drop_test_databases, TestBackend, POSTGRES_URL_VAR, TEST_DB_PREFIX};

mod app;
mod client;
mod live;

pub use app::{spawn_app, spawn_live_app, TestApp};
pub use client::Client;
pub use live::{LiveClient, FRAME_WAIT};
mod audit;
mod browser;
mod nats;
mod nginx;
mod smtp;

pub use nginx::{free_port, nginx_binary, Nginx, NGINX_LOCATION};
pub use smtp::{test_python, SmtpServer};

pub use nats::{nats_url, unique_nats_prefix, NATS_URL_VAR};

pub use audit::{axe_source, axe_violations, emulate, sideways_overflow, Screen};
pub use browser::{open_signed_in, output_dir, set_offline, wait_for_js, Browser};
