//! Hallway's HTTP server: the JSON API under `/api/v1`, the server-rendered pages, the static
//! ES modules, sessions, CSRF protection, rate limits and the operational endpoints.
//!
//! Boundary: the server talks to storage only through `hallway_store::Store` and to people
//! through HTTP. Every state change goes through [`accounts`] so the API and the pages share
//! one set of rules. It never opens a database itself: the binary hands it a store.

mod access;
pub mod accounts;
pub mod api;
mod app;
pub mod auth;
mod client_addr;
mod config;
mod connections;
mod error;
mod live;
mod metrics;
mod ops;
pub mod pages;
mod pulse;
pub mod rooms;
mod security;
mod static_files;
mod suggestions;

pub use app::{metrics_router, router, serve, serve_metrics, AppState};
pub use client_addr::{client_address, parse_proxies, ClientAddr};
pub use config::ServerConfig;
pub use error::AppError;
pub use metrics::Metrics;

/// Who may call a route. The authorization matrix test checks every route against this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Only before the owner exists.
    Setup,
    /// Anyone signed in, guests included.
    SignedIn,
    /// Members, admins and owners (not guests).
    Member,
    /// Admins and owners.
    Admin,
}
