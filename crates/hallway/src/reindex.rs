//! `hallway reindex`: rebuild the node's memory index from the store, with a progress bar.

use std::time::Instant;

use crate::config::Config;
use crate::output::line;

pub async fn run(config: &Config) -> anyhow::Result<()> {
    let store = crate::storage::open(config).await?;
    let finder = crate::memory::open_writable(config, store)?;
    let started = Instant::now();
    let records = crate::memory::rebuild(&finder).await?;
    line(format_args!(
        "Rebuilt the memory index from the store: {records} records in {:.1} s.",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
