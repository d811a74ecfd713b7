//! mbox mailing-list archives (mboxo/mboxrd, as pipermail and most clients write).
//!
//! A message starts at a `From ` line that opens the file or follows a blank line;
//! `>From ` (and `>>From `, …) body lines lose one `>`. Threads come from
//! `In-Reply-To`, else the last `References` id. One room per archive, named from
//! the first `List-Id` header, else the file name. A message with broken headers,
//! no usable `From` or no date is skipped into `skipped` as `archive.mbox:LINE`;
//! reading goes on. A duplicate `Message-ID` is skipped too.
//!
//! The text is the first `text/plain` part (else the first `text/html` as plain text),
//! decoded from base64 or quoted-printable and from its charset; a thread root's text
//! starts with its decoded `Subject` line. People are keyed by lower-cased address.

mod body;
mod headers;

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::{Batch, ImportError, ImportedMessage, ImportedPerson, ImportedRoom, Source};
use headers::{
    decode_words, message_ids, parse_address, parse_date, parse_from_line_date, Headers,
};

/// An mbox file on disk.
#[derive(Debug, Clone)]
pub struct MboxArchive {
    path: PathBuf,
}

impl MboxArchive {
    /// Points at the mbox file; nothing is read until [`Source::read`].
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
        }
    }
}

/// Accumulates messages as the file streams past.
struct Reader {
    file: String,
    batch: Batch,
    people: HashSet<String>,
    ids: HashSet<String>,
    list_id: Option<(String, String)>,
}

impl Source for MboxArchive {
    fn name(&self) -> &'static str {
        "mbox"
    }

    fn read(&self, progress: &dyn Fn(u64, u64)) -> Result<Batch, ImportError> {
        let file = File::open(&self.path).map_err(|e| ImportError::io(&self.path, e))?;
        let total = file
            .metadata()
            .map_err(|e| ImportError::io(&self.path, e))?
            .len();
        let name = self
            .path
            .file_name()
            .map_or_else(|| "mbox".into(), |n| n.to_string_lossy().into_owned());
        if total == 0 {
            return Err(ImportError::Empty { file: name });
        }
        let mut input = BufReader::new(file);
        let mut reader = Reader {
            file: name.clone(),
            batch: Batch::default(),
            people: HashSet::new(),
            ids: HashSet::new(),
            list_id: None,
        };
        let (mut line, mut number, mut done) = (Vec::new(), 0usize, 0u64);
        let mut current: Option<(usize, String, Vec<u8>)> = None;
        let mut previous_blank = true;
        progress(0, total);
        loop {
            line.clear();
            let n = input
                .read_until(b'\n', &mut line)
                .map_err(|e| ImportError::io(&self.path, e))?;
            if n == 0 {
                break;
            }
            number += 1;
            done += n as u64;
            if previous_blank && is_from_line(&line) {
                if let Some((start, from_line, bytes)) = current.take() {
                    reader.message(start, &from_line, &bytes);
                }
                let from_line = String::from_utf8_lossy(&line).trim_end().to_string();
                current = Some((number, from_line, Vec::new()));
            } else if let Some((_, _, bytes)) = current.as_mut() {
                bytes.extend_from_slice(unescape_from(&line));
            } else if !line.trim_ascii().is_empty() {
                return Err(ImportError::invalid(
                    format!("{name}:{number}"),
                    "not an mbox file: the first line does not start with \"From \"",
                ));
            }
            previous_blank = line.trim_ascii().is_empty();
            if number % 4096 == 0 {
                progress(done.min(total), total);
            }
        }
        if let Some((start, from_line, bytes)) = current.take() {
            reader.message(start, &from_line, &bytes);
        }
        progress(total, total);
        Ok(reader.finish())
    }
}

/// A `From sender date` separator: `From ` then a time and a four-digit year, so an
/// unescaped body line such as "From the start, …" after a blank line is not one.
fn is_from_line(line: &[u8]) -> bool {
    if !line.starts_with(b"From ") {
        return false;
    }
    let text = String::from_utf8_lossy(line);
    let words: Vec<&str> = text.split_whitespace().collect();
    let time = words.iter().any(|w| {
        w.len() >= 5
            && w.bytes().filter(|&b| b == b':').count() >= 1
            && w.bytes().all(|b| b.is_ascii_digit() || b == b':')
    });
    let year = words
        .iter()
        .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    time && year
}

/// `>From ` → `From `, `>>From ` → `>From ` (mboxrd).
fn unescape_from(line: &[u8]) -> &[u8] {
    let quoted = line.iter().take_while(|&&b| b == b'>').count();
    if quoted > 0 && line[quoted..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

impl Reader {
    fn message(&mut self, start: usize, from_line: &str, raw: &[u8]) {
        let location = format!("{}:{start}", self.file);
        let (lines, body) = body::split_head(raw);
        let headers = match Headers::parse(&lines) {
            Ok(h) => h,
            Err((offset, reason)) => {
                let at = format!("{}:{}", self.file, start + 1 + offset);
                self.batch.skip(at, reason);
                return;
            }
        };
        let Some((address, display_name)) = headers.get("From").and_then(parse_address) else {
            self.batch.skip(location, "no usable From header");
            return;
        };
        let Some(at) = headers
            .get("Date")
            .and_then(parse_date)
            .or_else(|| parse_from_line_date(from_line))
        else {
            self.batch
                .skip(location, "no readable Date header or From_ line date");
            return;
        };
        let id = match headers.get("Message-ID").map(message_ids) {
            Some(ids) if !ids.is_empty() => ids[0].clone(),
            _ => location.clone(),
        };
        if !self.ids.insert(id.clone()) {
            self.batch
                .skip(location, format!("duplicate Message-ID <{id}>"));
            return;
        }
        if self.list_id.is_none() {
            self.list_id = headers.get("List-Id").and_then(list_room);
        }
        let reply_to = headers
            .get("In-Reply-To")
            .and_then(|v| message_ids(v).into_iter().next())
            .or_else(|| headers.get("References").and_then(|v| message_ids(v).pop()))
            .filter(|parent| *parent != id);
        let extracted = body::extract(&headers, body);
        for note in extracted.notes {
            self.batch.skip(&location, format!("kept: {note}"));
        }
        let mut text = extracted.text.replace("\r\n", "\n").trim_end().to_string();
        if reply_to.is_none() {
            let subject = headers.get("Subject").map(decode_words).unwrap_or_default();
            text = format!("{subject}\n\n{text}");
        }
        let text = self.batch.capped(&location, text);
        if self.people.insert(address.clone()) {
            self.batch.people.push(ImportedPerson {
                source_id: address.clone(),
                email: Some(address.clone()),
                display_name,
            });
        }
        self.batch.messages.push(ImportedMessage {
            source_id: id,
            room: String::new(),
            author: address,
            at,
            text,
            reply_to,
            reactions: Vec::new(),
        });
    }

    fn finish(mut self) -> Batch {
        let stem = self
            .file
            .rsplit_once('.')
            .map_or(self.file.as_str(), |(s, _)| s);
        let (id, name) = self
            .list_id
            .take()
            .unwrap_or_else(|| (stem.to_string(), stem.to_string()));
        for m in &mut self.batch.messages {
            m.room.clone_from(&id);
        }
        self.batch.rooms.push(ImportedRoom {
            source_id: id,
            name,
            topic: String::new(),
            private: false,
        });
        self.batch
    }
}

/// `Dev talk <dev.lists.example.org>` → (`dev.lists.example.org`, `Dev talk`).
fn list_room(value: &str) -> Option<(String, String)> {
    let id = message_ids(value).into_iter().next()?;
    let name = decode_words(value[..value.find('<')?].trim().trim_matches('"'));
    let name = if name.is_empty() { id.clone() } else { name };
    Some((id, name))
}
