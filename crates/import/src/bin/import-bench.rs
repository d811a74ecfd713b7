//! Times the Slack importer on a synthetic export.
//!
//! `import-bench [MESSAGES]` (default 1,000,000) writes an export zip of that many
//! messages (200 users, 50 channels, 1,000 messages a day file, every fourth message a
//! thread reply, every fifth with a mention, every tenth with reactions) to a temporary folder, parses it with
//! [`SlackExport`] and prints the timings. The folder is removed afterwards.

use std::error::Error;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use hallway_import::slack::SlackExport;
use hallway_import::Source;
use zip::write::SimpleFileOptions;

const USERS: usize = 200;
const CHANNELS: usize = 50;
const PER_DAY: usize = 1_000;

fn main() -> Result<(), Box<dyn Error>> {
    let n: usize = match std::env::args().nth(1) {
        Some(arg) => arg.parse()?,
        None => 1_000_000,
    };
    let dir = std::env::temp_dir().join(format!("hallway-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("export.zip");
    let started = Instant::now();
    write_export(&path, n)?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "generated {n} messages, {:.1} MB zip, in {:.1} s",
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let batch = SlackExport::from_path(&path).read(&|_, _| {})?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "parsed {} messages, {} rooms, {} people, {} skipped in {secs:.2} s ({:.0} messages/s)",
        batch.messages.len(),
        batch.rooms.len(),
        batch.people.len(),
        batch.skipped.len(),
        batch.messages.len() as f64 / secs
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

fn write_export(path: &Path, n: usize) -> Result<(), Box<dyn Error>> {
    let mut zip = zip::ZipWriter::new(BufWriter::new(File::create(path)?));
    let options = SimpleFileOptions::default();
    let mut users = String::from("[");
    for u in 0..USERS {
        let sep = if u == 0 { "" } else { "," };
        write!(
            users,
            r#"{sep}{{"id":"U{u}","name":"user{u}","profile":{{"email":"user{u}@example.org","display_name":"User {u}"}}}}"#
        )?;
    }
    users.push(']');
    zip.start_file("users.json", options)?;
    zip.write_all(users.as_bytes())?;
    let mut channels = String::from("[");
    for c in 0..CHANNELS {
        let sep = if c == 0 { "" } else { "," };
        write!(
            channels,
            r#"{sep}{{"id":"C{c}","name":"channel-{c}","members":[]}}"#
        )?;
    }
    channels.push(']');
    zip.start_file("channels.json", options)?;
    zip.write_all(channels.as_bytes())?;

    let (mut written, mut day) = (0, 0);
    while written < n {
        let count = PER_DAY.min(n - written);
        let channel = day % CHANNELS;
        let mut file = String::from("[");
        let mut root = String::new();
        for i in 0..count {
            let ts = format!("{}.{:06}", 1_600_000_000 + day * 86_400 + i * 60, i);
            let user = (written + i) * 7 % USERS;
            let sep = if i == 0 { "" } else { "," };
            let thread = if i % 4 == 0 {
                root.clone_from(&ts);
                String::new()
            } else {
                format!(r#","thread_ts":"{root}""#)
            };
            let mention = if i % 5 == 0 {
                format!(", cc <@U{}>", i % USERS)
            } else {
                String::new()
            };
            let reactions = if i % 10 == 0 {
                r#","reactions":[{"name":"thumbsup","count":3,"users":["U1","U2","U3"]}]"#
            } else {
                ""
            };
            write!(
                file,
                r#"{sep}{{"type":"message","user":"U{user}","text":"Message {i} about deploys, caches &amp; the build pipeline on day {day}{mention}","ts":"{ts}"{thread}{reactions}}}"#
            )?;
        }
        file.push(']');
        zip.start_file(format!("channel-{channel}/day-{day:05}.json"), options)?;
        zip.write_all(file.as_bytes())?;
        written += count;
        day += 1;
    }
    zip.finish()?.flush()?;
    Ok(())
}
