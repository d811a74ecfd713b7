//! Assembles the router (API, pages, static files, operations) with its middleware, and
//! serves it on a listener the caller owns, until a shutdown future the caller passes resolves.

use std::future::Future;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::get;
use axum::Router;
use hallway_bus::Bus;
use hallway_finder::Finder;
use hallway_live::{Hub, LiveConfig, StartError};
use hallway_store::Store;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use crate::accounts::throttle::{SignInThrottle, ThrottlePolicy};
use crate::auth::csrf;
use crate::{api, connections, metrics, ops, pages, security, static_files, Metrics, ServerConfig};

/// What every handler can reach: the store, the settings, the metrics, the live hub and the
/// been-there finder.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<ServerConfig>,
    pub metrics: Arc<Metrics>,
    pub hub: Arc<Hub>,
    /// This node's finder, set by the binary ([`AppState::with_finder`]); without one the
    /// ask route answers 503.
    pub finder: Option<Arc<Finder>>,
    /// Spaces out failed sign-ins per account, address and known device (this node's memory).
    pub sign_in_throttle: Arc<SignInThrottle>,
}

impl AppState {
    /// The state over a running hub (which shares `store`).
    pub fn new(store: Arc<dyn Store>, config: ServerConfig, hub: Arc<Hub>) -> Self {
        let sign_in_throttle = Arc::new(SignInThrottle::new(ThrottlePolicy {
            first_delay: config.sign_in_first_delay,
            max_delay: config.sign_in_max_delay,
            forget_after: std::time::Duration::from_secs(
                u64::try_from(config.sign_in_window_minutes.max(1)).unwrap_or(30) * 60,
            ),
        }));
        Self {
            sign_in_throttle,
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            hub,
            finder: None,
        }
    }

    /// The state with this node's finder, which also makes the hub's quiet suggestions.
    pub fn with_finder(mut self, finder: Arc<Finder>) -> Self {
        self.hub
            .set_suggester(Arc::new(crate::suggestions::FinderSuggester(
                finder.clone(),
            )));
        self.finder = Some(finder);
        self
    }

    /// Tells the finder that evidence changed (a note, a profile), so it catches up now.
    pub fn nudge_finder(&self) {
        if let Some(finder) = &self.finder {
            finder.nudge();
        }
    }

    /// Starts a hub on `bus` and builds the state around it.
    pub async fn start(
        store: Arc<dyn Store>,
        config: ServerConfig,
        bus: Arc<dyn Bus>,
        live: LiveConfig,
    ) -> Result<Self, StartError> {
        let hub = Hub::start(store.clone(), bus, live).await?;
        Ok(Self::new(store, config, hub))
    }
}

/// Only `/metrics`, for a listener of its own (`metrics_bind`).
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(ops::metrics))
        .layer(middleware::from_fn(security::headers))
        .with_state(state)
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    let mut router = Router::new()
        .merge(api::router(&state))
        .merge(pages::router(&state))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz));
    if state.config.metrics_on_public_listener {
        router = router.route("/metrics", get(ops::metrics));
    }
    router
        .route("/static/{*file}", get(static_files::serve))
        .route("/manifest.webmanifest", get(static_files::manifest))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(ops::method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), csrf::protect))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            connections::body_deadline,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `/metrics` alone on `listener` until `shutdown` resolves.
pub async fn serve_metrics(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let header_timeout = state.config.header_timeout;
    connections::serve_router(listener, metrics_router(state), header_timeout, shutdown).await
}

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let hub = state.hub.clone();
    let header_timeout = state.config.header_timeout;
    let app = router(state);
    connections::serve_router(listener, app, header_timeout, async move {
        shutdown.await;
        // Open sockets would keep a graceful shutdown waiting: close them first.
        hub.shutdown().await;
    })
    .await
}
