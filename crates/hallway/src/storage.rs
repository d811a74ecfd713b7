//! Opens the store the configuration names: PostgreSQL for a `postgres://` URL, otherwise
//! SQLite in the data directory (or at a `sqlite://` path).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use hallway_store::Store;

use crate::config::{redact_url, Config};

pub async fn open(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    let url = config.database_url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = hallway_store_postgres::connect(url)
            .await
            .with_context(|| format!("connecting to PostgreSQL at {}", redact_url(url)))?;
        return Ok(Arc::new(store));
    }
    let path = if let Some(path) = url.strip_prefix("sqlite://") {
        PathBuf::from(path)
    } else if url.is_empty() {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!("creating the data directory {}", config.data_dir.display())
        })?;
        config.data_dir.join("hallway.db")
    } else {
        anyhow::bail!(
            "database_url: {:?} is neither postgres://… nor sqlite://…",
            redact_url(url)
        );
    };
    let store = hallway_store_sqlite::open(&path)
        .await
        .with_context(|| format!("opening the SQLite database {}", path.display()))?;
    Ok(Arc::new(store))
}
