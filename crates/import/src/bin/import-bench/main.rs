//! Times an importer on a synthetic export.
//!
//! `import-bench [slack|mattermost|mbox] [MESSAGES]` (default `slack 1000000`) writes an
//! export of that many messages to a temporary folder, parses it and prints the
//! timings. The folder is removed afterwards. See `docs/benchmarks/import.md` for the figures.

mod mattermost;
mod mbox;
mod slack;

use std::error::Error;
use std::path::Path;
use std::time::Instant;

use hallway_import::mattermost::MattermostExport;
use hallway_import::mbox::MboxArchive;
use hallway_import::slack::SlackExport;
use hallway_import::Source;

/// People in every generated export.
const USERS: usize = 200;
/// Channels in every generated chat export.
const CHANNELS: usize = 50;

type Generate = fn(&Path, usize) -> Result<(), Box<dyn Error>>;
type Open = fn(&Path) -> Box<dyn Source>;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let format = args
        .iter()
        .find(|a| a.parse::<usize>().is_err())
        .map_or("slack", String::as_str);
    let n: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let (file, generate, source): (&str, Generate, Open) = match format {
        "slack" => ("export.zip", slack::write, |p| {
            Box::new(SlackExport::from_path(p))
        }),
        "mattermost" => ("export.jsonl", mattermost::write, |p| {
            Box::new(MattermostExport::from_path(p))
        }),
        "mbox" => ("list.mbox", mbox::write, |p| {
            Box::new(MboxArchive::from_path(p))
        }),
        other => return Err(format!("unknown format {other:?}: slack, mattermost or mbox").into()),
    };
    let dir = std::env::temp_dir().join(format!("hallway-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file);
    let started = Instant::now();
    generate(&path, n)?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "{format}: generated {n} messages, {:.1} MB, in {:.1} s",
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let batch = source(&path).read(&|_, _| {});
    let secs = started.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&dir)?;
    let batch = batch?;
    println!(
        "{format}: parsed {} messages, {} rooms, {} people, {} skipped in {secs:.2} s ({:.0} messages/s)",
        batch.messages.len(),
        batch.rooms.len(),
        batch.people.len(),
        batch.skipped.len(),
        batch.messages.len() as f64 / secs
    );
    Ok(())
}
