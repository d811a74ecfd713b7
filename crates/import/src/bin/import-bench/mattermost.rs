//! A synthetic Mattermost JSONL export: 200 users, 50 channels, every post with three
//! replies and every tenth with reactions.

use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::{CHANNELS, USERS};

pub fn write(path: &Path, n: usize) -> Result<(), Box<dyn Error>> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, r#"{{"type":"version","version":1}}"#)?;
    writeln!(
        out,
        r#"{{"type":"team","team":{{"name":"acme","display_name":"Acme","type":"O"}}}}"#
    )?;
    for c in 0..CHANNELS {
        writeln!(
            out,
            r#"{{"type":"channel","channel":{{"team":"acme","name":"c{c}","display_name":"Channel {c}","type":"O"}}}}"#
        )?;
    }
    for u in 0..USERS {
        writeln!(
            out,
            r#"{{"type":"user","user":{{"username":"u{u}","email":"u{u}@example.org","first_name":"User","last_name":"{u}"}}}}"#
        )?;
    }
    let mut written = 0;
    while written < n {
        let at = 1_600_000_000_000u64 + written as u64 * 60_000;
        let replies: Vec<String> = (1..4.min(n - written))
            .map(|r| {
                format!(
                    r#"{{"user":"u{}","message":"Reply {r}: try the cache","create_at":{}}}"#,
                    (written + r) % USERS,
                    at + r as u64 * 1000
                )
            })
            .collect();
        let reactions = if written % 10 == 0 {
            r#","reactions":[{"user":"u1","emoji_name":"+1","create_at":1},{"user":"u2","emoji_name":"+1","create_at":2}]"#
        } else {
            ""
        };
        writeln!(
            out,
            r#"{{"type":"post","post":{{"team":"acme","channel":"c{}","user":"u{}","message":"Post {written} about deploys and the build pipeline","create_at":{at}{reactions},"replies":[{}]}}}}"#,
            written % CHANNELS,
            written * 7 % USERS,
            replies.join(",")
        )?;
        written += 1 + replies.len();
    }
    out.flush()?;
    Ok(())
}
