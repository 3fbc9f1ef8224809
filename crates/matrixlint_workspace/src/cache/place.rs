//! Where the cache lives and how it is read and written: only a regular file
//! inside the corpus root is read; it is replaced atomically (a temporary
//! file in the same folder, renamed over it), so a reader sees a whole old
//! file or a whole new one, and of two runs writing at once the last wins.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::files;

/// The cache's folder, relative to the corpus root (beside the link history).
pub const DIR: &str = ".matrixlint/cache";

/// The cache file in it; its name carries the format's version.
pub const FILE: &str = "index-v2.json";

/// The files earlier formats were kept in: removed when the cache is written
/// (a new format starts afresh, silently; nothing of an old one is migrated).
const OLD_FILES: [&str; 1] = ["index-v1.json"];

/// A cache larger than this is not read (10,000 generated cells with three
/// findings each take 41 MB with their findings, 4.4 MB of it records).
const MAX_BYTES: u64 = 256 << 20;

/// What the cache folder gets when created, as ruff writes in `.ruff_cache`:
/// it keeps itself out of git even in a corpus whose `.gitignore` does not.
const GITIGNORE: &str = "# Written by matrixlint: the corpus cache, never committed.\n*\n";

/// The cache file's path shown in warnings: relative, so that no byte of the
/// user's folder names reaches a terminal.
#[must_use]
pub(super) fn shown() -> String {
    format!("{DIR}/{FILE}")
}

/// The cache file's bytes; `Ok(None)` when there is none yet.
///
/// # Errors
/// Why what is there cannot be used: a folder outside the root, a symbolic
/// link, anything but a regular file, a file too large, an I/O failure.
pub(crate) fn read(root: &Path) -> Result<Option<Vec<u8>>, String> {
    let Some(dir) = folder(root)? else { return Ok(None) };
    let file = dir.join(FILE);
    match std::fs::symlink_metadata(&file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot be read ({e})")),
        Ok(meta) if meta.file_type().is_symlink() => return Err("is a symbolic link".to_owned()),
        Ok(_) => {}
    }
    files::read_regular(&file, MAX_BYTES).map(Some).map_err(|e| format!("cannot be used: {e}"))
}

/// Replaces the cache file with `bytes` (creating its folder).
///
/// # Errors
/// Why it could not be written; nothing is left half-written.
pub(crate) fn write(root: &Path, bytes: &[u8]) -> Result<(), String> {
    let wanted = root.join(DIR);
    if std::fs::symlink_metadata(&wanted).is_err() {
        std::fs::create_dir_all(&wanted).map_err(|e| format!("cannot create its folder ({e})"))?;
        // Best effort: a missing .gitignore only means git shows the folder.
        let _ = std::fs::write(wanted.join(".gitignore"), GITIGNORE);
    }
    let dir = folder(root)?.ok_or_else(|| "its folder vanished while it was written".to_owned())?;
    let io = |e: std::io::Error| format!("cannot be written ({e})");
    let mut tmp = tempfile::Builder::new().prefix(".index-").suffix(".tmp").tempfile_in(&dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    // The rename replaces whatever is at the name (a symbolic link itself, not its target).
    tmp.persist(dir.join(FILE)).map_err(|e| io(e.error))?;
    for old in OLD_FILES {
        // Best effort: an old file left behind is only never read.
        let _ = std::fs::remove_file(dir.join(old));
    }
    Ok(())
}

/// The cache folder, resolved; `Ok(None)` when it does not exist.
///
/// # Errors
/// When it resolves outside `root` (canonical) or cannot be resolved.
fn folder(root: &Path) -> Result<Option<PathBuf>, String> {
    match std::fs::canonicalize(root.join(DIR)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot be used: its folder cannot be resolved ({e})")),
        Ok(dir) if !dir.starts_with(root) => Err("cannot be used: its folder lies outside the corpus root".to_owned()),
        Ok(dir) if !dir.is_dir() => Err(format!("cannot be used: {DIR} is not a folder")),
        Ok(dir) => Ok(Some(dir)),
    }
}
