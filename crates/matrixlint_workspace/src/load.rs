//! Reading one cell source from disk: only regular files inside the corpus,
//! never more than the limit; what is read is loaded by the engine.

use std::path::Path;

pub(crate) use matrixlint_engine::lint::Loaded;

use crate::files::{self, ReadError};

/// Files larger than this are not read (real cells are under 100 KB).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads and loads the cell source at `path`, shown as `name`. Only a
/// regular file whose real path lies under `root` (canonical) is read.
#[must_use]
pub fn load_path(root: &Path, path: &Path, name: &str) -> Loaded {
    match read(root, path) {
        Err((message, help)) => Loaded::unreadable(path, name, message, help),
        Ok(bytes) => Loaded::from_bytes(path, name, bytes),
    }
}

/// Loads an editor's buffer standing for the file at `path` (shown as
/// `name`) under the limit a file on disk has: a buffer over it is the
/// `read-error` finding `check` reports for that file, and is not parsed.
#[must_use]
pub fn load_buffer(path: &Path, name: &str, text: &str) -> Loaded {
    let size = text.len() as u64;
    if size > MAX_FILE_BYTES {
        let e = ReadError::TooLarge { size: Some(size), limit: MAX_FILE_BYTES };
        return Loaded::unreadable(path, name, too_large(&e), HELP);
    }
    Loaded::from_text(path, name, text.to_owned())
}

const HELP: &str = "check that the file exists, is readable and is a cell source";

fn too_large(e: &ReadError) -> String {
    format!("{e} for a cell source")
}

/// The bytes of the cell source at `path`, or why it was not read (a message and a help).
pub(crate) fn read(root: &Path, path: &Path) -> Result<Vec<u8>, (String, &'static str)> {
    let real = std::fs::canonicalize(path).map_err(|e| (format!("cannot read file: {e}"), HELP))?;
    if !real.starts_with(root) {
        // Not read at all: a link to /etc/passwd must not end up quoted in a report.
        return Err((
            "the file resolves outside the corpus root, so it was not read".to_owned(),
            "keep cell sources inside the corpus: copy the file in instead of linking to it",
        ));
    }
    files::read_regular(&real, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => (too_large(&e), HELP),
        e => (e.to_string(), HELP),
    })
}
