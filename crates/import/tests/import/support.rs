//! Fixture builders shared by the importer tests.

use std::io::Write;
use std::path::{Path, PathBuf};

use hallway_import::{Batch, ImportError, Source};

/// Writes a zip holding `files` (name, contents) to `dir/name`.
pub fn write_zip(dir: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, contents) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(contents.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// Reads a source, checking that progress ends at done == total.
pub fn read(source: &dyn Source) -> Result<Batch, ImportError> {
    let last = std::cell::Cell::new((0u64, 0u64));
    let batch = source.read(&|done, total| {
        assert!(done <= total, "{done} > {total}");
        last.set((done, total));
    })?;
    let (done, total) = last.get();
    assert_eq!(done, total, "progress did not finish");
    Ok(batch)
}

/// The message with this source id.
pub fn message<'a>(batch: &'a Batch, id: &str) -> &'a hallway_import::ImportedMessage {
    batch
        .messages
        .iter()
        .find(|m| m.source_id == id)
        .unwrap_or_else(|| panic!("no message {id} in {:#?}", batch.messages))
}
