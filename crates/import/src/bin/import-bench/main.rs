//! Times an importer on a synthetic export.
//!
//! `import-bench [slack|mattermost|mbox] [MESSAGES] [--people N] [--out FILE]` (default
//! `slack 1000000`, 5,000 people for Slack) writes an export of that many messages to a
//! temporary folder, parses it and prints the timings; the folder is removed afterwards.
//! With `--out FILE` it only writes the export to `FILE` (for timing `hallway import` on
//! it) and keeps it. See `docs/benchmarks/import.md` for the figures.

mod mattermost;
mod mbox;
mod slack;
mod slack_text;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use hallway_import::mattermost::MattermostExport;
use hallway_import::mbox::MboxArchive;
use hallway_import::slack::SlackExport;
use hallway_import::Source;

/// People in the generated Mattermost and mbox exports.
const USERS: usize = 200;
/// People in the generated Slack export unless `--people` says otherwise.
const SLACK_PEOPLE: usize = 5_000;
/// Channels in every generated chat export.
const CHANNELS: usize = 50;

type Generate = fn(&Path, usize, usize) -> Result<(), Box<dyn Error>>;
type Open = fn(&Path) -> Box<dyn Source>;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let people = flag(&mut args, "--people")?
        .map(|p| p.parse::<usize>())
        .transpose()?
        .unwrap_or(SLACK_PEOPLE);
    let out = flag(&mut args, "--out")?.map(PathBuf::from);
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
        "mattermost" => (
            "export.jsonl",
            |p, n, _| mattermost::write(p, n),
            |p| Box::new(MattermostExport::from_path(p)),
        ),
        "mbox" => (
            "list.mbox",
            |p, n, _| mbox::write(p, n),
            |p| Box::new(MboxArchive::from_path(p)),
        ),
        other => return Err(format!("unknown format {other:?}: slack, mattermost or mbox").into()),
    };
    if let Some(path) = out {
        let started = Instant::now();
        generate(&path, n, people)?;
        println!(
            "{format}: wrote {n} messages, {:.1} MB, to {} in {:.1} s",
            std::fs::metadata(&path)?.len() as f64 / 1e6,
            path.display(),
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let dir = std::env::temp_dir().join(format!("hallway-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file);
    let started = Instant::now();
    generate(&path, n, people)?;
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

/// Removes `name VALUE` from `args` and returns the value.
fn flag(args: &mut Vec<String>, name: &str) -> Result<Option<String>, Box<dyn Error>> {
    let Some(at) = args.iter().position(|a| a == name) else {
        return Ok(None);
    };
    if at + 1 >= args.len() {
        return Err(format!("{name} needs a value").into());
    }
    let value = args.remove(at + 1);
    args.remove(at);
    Ok(Some(value))
}
