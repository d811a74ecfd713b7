//! Picks the importer for a path from its shape, for a CLI that takes any export.

use std::io::Read;
use std::path::Path;

use crate::mattermost::MattermostExport;
use crate::mbox::MboxArchive;
use crate::slack::SlackExport;
use crate::stackexchange::StackExchangeDump;
use crate::zulip::ZulipExport;
use crate::{ImportError, Source};

/// The importer for `path`, chosen by what is there:
///
/// | path | importer |
/// |---|---|
/// | `*.zip` | Slack |
/// | `*.jsonl` | Mattermost |
/// | folder with `realm.json`, `realm.json`, `*.tar.gz`, `*.tgz`, `*.tar` | Zulip |
/// | folder with `Posts.xml`, `Posts.xml` | Stack Exchange |
/// | `*.mbox`, `*.mbx`, or any file starting with `From ` | mbox |
///
/// Nothing is parsed yet; an unrecognised path is [`ImportError::Invalid`].
pub fn open(path: impl AsRef<Path>) -> Result<Box<dyn Source>, ImportError> {
    let path = path.as_ref();
    if path.is_dir() {
        if path.join("realm.json").is_file() {
            return Ok(Box::new(ZulipExport::from_path(path)));
        }
        if path.join("Posts.xml").is_file() {
            return Ok(Box::new(StackExchangeDump::from_path(path)));
        }
        return Err(unknown(path));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let source: Box<dyn Source> = match name.as_str() {
        "realm.json" => Box::new(ZulipExport::from_path(path)),
        "posts.xml" => Box::new(StackExchangeDump::from_path(path)),
        n if n.ends_with(".zip") => Box::new(SlackExport::from_path(path)),
        n if n.ends_with(".jsonl") => Box::new(MattermostExport::from_path(path)),
        n if [".tar.gz", ".tgz", ".tar"].iter().any(|e| n.ends_with(e)) => {
            Box::new(ZulipExport::from_path(path))
        }
        n if n.ends_with(".mbox") || n.ends_with(".mbx") || starts_with_from(path)? => {
            Box::new(MboxArchive::from_path(path))
        }
        _ => return Err(unknown(path)),
    };
    Ok(source)
}

fn starts_with_from(path: &Path) -> Result<bool, ImportError> {
    let mut head = [0u8; 5];
    let file = std::fs::File::open(path).map_err(|e| ImportError::io(path, e))?;
    let n = file
        .take(5)
        .read(&mut head)
        .map_err(|e| ImportError::io(path, e))?;
    Ok(head[..n] == *b"From ")
}

fn unknown(path: &Path) -> ImportError {
    ImportError::invalid(
        path.display().to_string(),
        "not a recognised export (Slack .zip, Mattermost .jsonl, Zulip folder or tarball, mbox, Stack Exchange Posts.xml)",
    )
}
