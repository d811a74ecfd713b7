//! A synthetic Slack export zip: 200 users, 50 channels, 1,000 messages a day file,
//! every fourth message a thread reply, every message an `&amp;`, every fifth a
//! mention, every tenth with reactions.

use std::error::Error;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::{CHANNELS, USERS};

const PER_DAY: usize = 1_000;

pub fn write(path: &Path, n: usize) -> Result<(), Box<dyn Error>> {
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
