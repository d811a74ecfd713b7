//! `hallway import <path> [--kind …]`: a team's exported history into the store, then into
//! pulse's interactions and the memory index (side by side), with progress bars. The export is read completely before anything is
//! written, so bad input (named by file and line) writes nothing; writing is keyed on the
//! export's own ids, so running an import again adds nothing and finishes an interrupted one.
//!
//! The id namespace (`source`) is the exporter's name (`slack`, `mattermost`, `zulip`,
//! `mbox`); Stack Exchange post ids are per site, so its namespace is `stackexchange:<site>`.

mod clean;
mod report;
mod write;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use hallway_finder::FinderError;
use hallway_import::{Batch, Source};
use hallway_store::Store;

use crate::config::Config;
use crate::memory::bar;
use report::Report;

#[derive(Args)]
pub struct ImportArgs {
    /// The export: a Slack .zip, a Mattermost .jsonl, a Zulip export folder or tarball, an
    /// mbox file, or a Stack Exchange dump folder.
    pub path: PathBuf,
    /// What kind of export it is (guessed from the path when left out).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Slack,
    Mattermost,
    Zulip,
    Mbox,
    Stackexchange,
}

fn source_of(args: &ImportArgs) -> anyhow::Result<Box<dyn Source>> {
    use hallway_import::{mattermost, mbox, slack, stackexchange, zulip};
    let path = &args.path;
    Ok(match args.kind {
        None => hallway_import::open(path)?,
        Some(Kind::Slack) => Box::new(slack::SlackExport::from_path(path)),
        Some(Kind::Mattermost) => Box::new(mattermost::MattermostExport::from_path(path)),
        Some(Kind::Zulip) => Box::new(zulip::ZulipExport::from_path(path)),
        Some(Kind::Mbox) => Box::new(mbox::MboxArchive::from_path(path)),
        Some(Kind::Stackexchange) => Box::new(stackexchange::StackExchangeDump::from_path(path)),
    })
}

/// Reads the whole export on a blocking thread, with a progress bar.
async fn read(source: Box<dyn Source>) -> anyhow::Result<(Batch, &'static str)> {
    let shown = bar(Some(0), "reading");
    let reporter = shown.clone();
    let name = source.name();
    let batch = tokio::task::spawn_blocking(move || {
        source.read(&|done, total| {
            reporter.set_length(total);
            reporter.set_position(done);
        })
    })
    .await
    .context("the import reader stopped unexpectedly")??;
    shown.finish_and_clear();
    Ok((batch, name))
}

/// The id namespace of this export (see the module docs).
fn namespace(name: &str, batch: &Batch) -> String {
    match (name, batch.rooms.first()) {
        ("stackexchange", Some(site)) => format!("stackexchange:{}", site.source_id),
        _ => name.to_owned(),
    }
}

pub async fn run(config: &Config, args: &ImportArgs) -> anyhow::Result<()> {
    let source = source_of(args)?;
    let started = Instant::now();
    let (batch, name) = read(source)
        .await
        .with_context(|| format!("reading {}", args.path.display()))?;
    let mut report = Report {
        read: started.elapsed(),
        skipped: batch.skipped.clone(),
        ..Report::default()
    };
    let source = namespace(name, &batch);
    let store = crate::storage::open(config).await?;
    let started = Instant::now();
    write(store.as_ref(), &source, &batch, &mut report).await?;
    report.write = started.elapsed();
    // Pulse and the memory index each read the stored history back; they are independent, so
    // they run side by side (pulse on its own task, the index on this one).
    let started = Instant::now();
    let pulse_store = Arc::clone(&store);
    let pulse = tokio::spawn(async move {
        let found = crate::pulse::backfill::run(pulse_store.as_ref()).await;
        (found, started.elapsed())
    });
    let indexed = index(config, store).await;
    let index_took = started.elapsed();
    let (pulse, pulse_took) = pulse
        .await
        .context("the pulse backfill stopped unexpectedly")?;
    let pulse = pulse.context("recording the imported replies and mentions for pulse")?;
    report.pulse = pulse_took;
    report.index = indexed?.then_some(index_took);
    report.print(&source, &args.path.display().to_string());
    crate::output::line(format_args!(
        "Pulse: {} new interactions from replies and mentions.",
        pulse.recorded
    ));
    Ok(())
}

async fn write(
    store: &dyn Store,
    source: &str,
    batch: &Batch,
    report: &mut Report,
) -> anyhow::Result<()> {
    let people = write::people(store, source, batch, report).await?;
    let rooms = write::rooms(store, source, batch, report).await?;
    let shown = bar(Some(batch.messages.len() as u64), "writing");
    write::messages(store, source, batch, &people, &rooms, report, &shown).await?;
    shown.finish_and_clear();
    Ok(())
}

/// Indexes what was imported; `false` when a running server keeps the index (it will).
async fn index(config: &Config, store: Arc<dyn Store>) -> anyhow::Result<bool> {
    let dir = config.data_dir.join(hallway_finder::INDEX_DIR);
    match hallway_finder::Finder::open(store, &dir) {
        Err(FinderError::Busy) => Ok(false),
        Err(other) => Err(anyhow::Error::new(other).context(format!("opening {}", dir.display()))),
        Ok(finder) => {
            crate::memory::catch_up(&finder).await?;
            Ok(true)
        }
    }
}
