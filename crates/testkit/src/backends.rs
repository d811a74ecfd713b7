//! Fresh storage backends for tests: one private database per call, removed afterwards.
//!
//! SQLite always runs, on a file in a new temporary directory. PostgreSQL runs when
//! `HALLWAY_TEST_POSTGRES_URL` names a server (e.g. `postgres://postgres@127.0.0.1:5432/postgres`):
//! each call creates a database `hallway_t_<random>` through that URL and drops it when the
//! backend is finished or dropped (even when the test panics). Leftovers from killed runs can be
//! removed with [`drop_test_databases`].

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use hallway_store::Store;
use hallway_store_postgres::SqlStore;

use sqlx::{Connection, Executor, PgConnection};

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "HALLWAY_TEST_POSTGRES_URL";
/// Every test database's name starts with this.
pub const TEST_DB_PREFIX: &str = "hallway_t_";

/// A store to test, and what keeps its database alive.
pub struct TestBackend {
    /// "sqlite" or "postgres", for assertion messages.
    pub name: &'static str,
    pub store: Arc<dyn Store>,
    guard: Guard,
}

enum Guard {
    /// The store, and the temporary directory holding its file (removed on drop).
    Sqlite(SqlStore, #[allow(dead_code)] tempfile::TempDir),
    Postgres(PostgresGuard),
}

struct PostgresGuard {
    store: SqlStore,
    admin_url: String,
    database: String,
    dropped: bool,
}

impl TestBackend {
    /// The URL a `hallway` process would open this backend with: `sqlite://<file>` or the
    /// fresh PostgreSQL database's `postgres://…` (for tests that run the real binary on it).
    pub fn database_url(&self) -> String {
        match &self.guard {
            Guard::Sqlite(_, dir) => {
                format!("sqlite://{}", dir.path().join("hallway.db").display())
            }
            Guard::Postgres(guard) => with_database(&guard.admin_url, &guard.database),
        }
    }

    /// Closes the store's connections, as an outage would: every later call must fail with
    /// `StoreError::Unavailable`. The database is still removed by [`TestBackend::finish`].
    pub async fn simulate_outage(&self) {
        match &self.guard {
            Guard::Sqlite(store, _) => store.close().await,
            Guard::Postgres(guard) => guard.store.close().await,
        }
    }

    /// Closes the store and removes its database.
    pub async fn finish(mut self) {
        if let Guard::Postgres(guard) = &mut self.guard {
            guard.store.close().await;
            drop_database(&guard.admin_url, &guard.database).await;
            guard.dropped = true;
        }
    }
}

impl Drop for PostgresGuard {
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        // Not finished (a failed test): drop the database on a thread with its own runtime,
        // since a `Drop` cannot await and may run inside the test's runtime.
        let (url, name) = (self.admin_url.clone(), self.database.clone());
        let cleanup = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(drop_database(&url, &name));
            }
        });
        let _ = cleanup.join();
    }
}

/// Every backend to run a story on, each with a fresh database.
///
/// Panics if `HALLWAY_TEST_POSTGRES_URL` is set but the server cannot be used, and if it is
/// unset while `CI` is set: CI must never pass by silently skipping PostgreSQL.
pub async fn backends() -> Vec<TestBackend> {
    let mut all = vec![sqlite().await];
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => all.push(postgres(url.trim()).await),
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "{POSTGRES_URL_VAR} is not set, but CI is: the PostgreSQL stories must run in CI"
            )
        }
        _ => warn_skipping_postgres(),
    }
    all
}

/// Says once per test binary, past the test harness's output capture, that PostgreSQL is skipped.
fn warn_skipping_postgres() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPING PostgreSQL: {POSTGRES_URL_VAR} is not set; only SQLite is tested ***\n"
        );
    });
}

async fn sqlite() -> TestBackend {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("cannot create a temporary directory for SQLite: {e}"),
    };
    let store = match hallway_store_sqlite::open(&dir.path().join("hallway.db")).await {
        Ok(store) => store,
        Err(e) => panic!("cannot open a SQLite store: {e:?}"),
    };
    TestBackend {
        name: "sqlite",
        store: Arc::new(store.clone()),
        guard: Guard::Sqlite(store, dir),
    }
}

async fn admin(url: &str) -> PgConnection {
    let connect = tokio::time::timeout(Duration::from_secs(10), PgConnection::connect(url)).await;
    match connect {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => panic!("{POSTGRES_URL_VAR} is set but PostgreSQL is unusable ({url}): {e}"),
        Err(_) => panic!("{POSTGRES_URL_VAR} is set but PostgreSQL did not answer in 10 s ({url})"),
    }
}

async fn postgres(admin_url: &str) -> TestBackend {
    let database = format!("{TEST_DB_PREFIX}{}", uuid::Uuid::new_v4().simple());
    let mut conn = admin(admin_url).await;
    if let Err(e) = conn
        .execute(&*format!("CREATE DATABASE \"{database}\""))
        .await
    {
        panic!("cannot create the test database {database}: {e}");
    }
    let _ = conn.close().await;
    let guard = PostgresGuard {
        store: match hallway_store_postgres::connect(&with_database(admin_url, &database)).await {
            Ok(store) => store,
            Err(e) => panic!("cannot connect the PostgreSQL store to {database}: {e:?}"),
        },
        admin_url: admin_url.to_owned(),
        database,
        dropped: false,
    };
    TestBackend {
        name: "postgres",
        store: Arc::new(guard.store.clone()),
        guard: Guard::Postgres(guard),
    }
}

/// `url` with its database (the path) replaced by `database`; query parameters are kept.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let root = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{root}/{database}{query}")
}

async fn drop_database(admin_url: &str, database: &str) {
    let mut conn = admin(admin_url).await;
    let sql = format!("DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    if let Err(e) = conn.execute(&*sql).await {
        eprintln!("could not drop the test database {database}: {e}");
    }
    let _ = conn.close().await;
}

/// Drops every database whose name starts with `hallway_t_` (leftovers of killed test runs).
/// Do not call it while other test runs use the same server. Returns how many were dropped.
pub async fn drop_test_databases(admin_url: &str) -> Result<u64, sqlx::Error> {
    let mut conn = PgConnection::connect(admin_url).await?;
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
            .bind(TEST_DB_PREFIX)
            .fetch_all(&mut conn)
            .await?;
    for name in &names {
        conn.execute(&*format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await?;
    }
    conn.close().await?;
    Ok(names.len() as u64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_only_the_database_of_a_url() {
        let url = "postgres://postgres@127.0.0.1:5432/postgres";
        assert_eq!(
            with_database(url, "hallway_t_1"),
            "postgres://postgres@127.0.0.1:5432/hallway_t_1"
        );
        assert_eq!(
            with_database("postgres://u:p@h?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
    }
}
