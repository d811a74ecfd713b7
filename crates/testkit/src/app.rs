//! The real server on `127.0.0.1:0` over a test backend, stopped when the test finishes.

use std::sync::Arc;

use hallway_finder::Finder;
use hallway_live::LiveConfig;
use hallway_server::{AppState, ServerConfig};
use tokio::sync::oneshot;

use crate::TestBackend;

/// A running Hallway server for one test.
pub struct TestApp {
    /// e.g. `http://127.0.0.1:41234`
    pub url: String,
    pub backend: TestBackend,
    /// The server's finder (its index in a temporary directory, kept up to date by its
    /// worker); tests call `finder.sync()` to wait until it has seen their writes.
    pub finder: Arc<Finder>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    worker: Option<(oneshot::Sender<()>, tokio::task::JoinHandle<()>)>,
    _index_dir: tempfile::TempDir,
}

/// Starts the server on an ephemeral port with `configure` applied to its settings.
pub async fn spawn_app(backend: TestBackend, configure: impl FnOnce(&mut ServerConfig)) -> TestApp {
    spawn_live_app(backend, configure, LiveConfig::default()).await
}

/// Like [`spawn_app`], with the live hub's limits and timings chosen by the test.
pub async fn spawn_live_app(
    backend: TestBackend,
    configure: impl FnOnce(&mut ServerConfig),
    live: LiveConfig,
) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding an ephemeral port");
    let address = listener.local_addr().expect("the bound address");
    let url = format!("http://{address}");
    let mut config = ServerConfig::for_url(url.clone());
    configure(&mut config);
    let bus: std::sync::Arc<dyn hallway_bus::Bus> =
        std::sync::Arc::new(hallway_bus::InProcessBus::default());
    let index_dir = tempfile::tempdir().expect("a directory for the memory index");
    let finder = Arc::new(
        Finder::open(backend.store.clone(), index_dir.path()).expect("opening the memory index"),
    );
    let (stop_worker, worker_stopped) = oneshot::channel::<()>();
    let worker = finder.spawn(async {
        let _ = worker_stopped.await;
    });
    let state = AppState::start(backend.store.clone(), config, bus, live)
        .await
        .expect("starting the live hub")
        .with_finder(finder.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(hallway_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    TestApp {
        url,
        backend,
        finder,
        stop: Some(stop),
        task: Some(task),
        worker: Some((stop_worker, worker)),
        _index_dir: index_dir,
    }
}

impl TestApp {
    /// Stops the server and drops the test database.
    pub async fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some((stop, worker)) = self.worker.take() {
            let _ = stop.send(());
            let _ = worker.await;
        }
        self.backend.finish().await;
    }

    pub fn name(&self) -> &'static str {
        self.backend.name
    }
}
