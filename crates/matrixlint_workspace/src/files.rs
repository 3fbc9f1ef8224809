//! Reading and writing the user's files without surprises.
//!
//! Reads open the file first and check the opened handle: only a regular file
//! is read (a FIFO would block forever, `/dev/zero` never ends), and never more
//! than a limit plus one byte, whatever the metadata claims (`/proc` files say
//! they are empty). Writes replace a file atomically (a temporary file beside
//! the target, flushed, renamed over it), through symbolic links, keeping its
//! permissions, and only if the file still holds the text the caller started
//! from: an editor's save between our read and our rename is never lost.

use std::fs::{File, Metadata};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path is a directory.
    #[error("expected a file, found a directory")]
    Directory,
    /// The path is a FIFO, a device, a socket…
    #[error("expected a regular file, found {0}")]
    NotRegular(&'static str),
    /// The file holds more than the limit.
    #[error("file is {}larger than the {} limit", size.map_or_else(String::new, |s| format!("{s} bytes, ")), mib(*limit))]
    TooLarge {
        /// Its size, when the metadata knows it.
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// Opening or reading failed.
    #[error("cannot read file: {0}")]
    Io(#[from] io::Error),
}

fn mib(bytes: u64) -> String {
    if bytes.is_multiple_of(1 << 20) { format!("{} MiB", bytes >> 20) } else { format!("{bytes}-byte") }
}

/// Reads the regular file at `path` (following symbolic links), at most
/// `limit` bytes.
///
/// # Errors
/// A directory, anything but a regular file, more than `limit` bytes, or an
/// I/O failure.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge { size: Some(meta.len()), limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// The first `n` bytes of the regular file at `path` (following symbolic
/// links), or all of it when it is shorter.
///
/// # Errors
/// A directory, anything but a regular file, or an I/O failure.
pub fn read_head(path: &Path, n: u64) -> Result<Vec<u8>, ReadError> {
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(n).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Checks that `path` (following symbolic links) is a regular file, on a
/// handle opened without blocking: for what another library opens by name
/// (a FIFO there would block its open for ever).
///
/// # Errors
/// A directory, anything but a regular file, or an I/O failure (a missing
/// file is [`ReadError::Io`] of kind `NotFound`).
pub fn check_regular(path: &Path) -> Result<(), ReadError> {
    open_regular(path).map(drop)
}

/// Opens the regular file at `path` for reading, with its metadata.
fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let file = open_for_reading(path).map_err(|e| match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => ReadError::Directory,
        _ => ReadError::Io(e),
    })?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind(&meta)));
    }
    Ok((file, meta))
}

/// Opens for reading without blocking on a FIFO that has no writer (the
/// handle is checked before anything is read).
fn open_for_reading(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a file that is not a regular file is, in words.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "something that is not a regular file"
}

/// Why a file was not replaced.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file no longer holds the text the caller started from.
    #[error("it changed on disk while matrixlint was working on it; it was left as it is")]
    Changed,
    /// The file has no write permission.
    #[error("it is read-only; it was left as it is")]
    ReadOnly,
    /// Replacing the file would leave its other hard links with the old text.
    #[error("it has {0} hard links, and replacing it would split them; it was left as it is")]
    HardLinked(u64),
    /// The target is not a regular file.
    #[error("expected a regular file, found {0}")]
    NotRegular(&'static str),
    /// A step of writing failed.
    #[error("cannot write {}", path.display())]
    Io {
        /// The file (or folder) concerned.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Replaces the file at `path` with `new`, atomically, only if it still
/// holds exactly `expected`. A symbolic link is written through (the
/// temporary file goes beside the link's target, and the link stays a link).
///
/// # Errors
/// See [`WriteError`]. On every error the file is left as it was.
pub fn replace(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path).map_err(|source| WriteError::Io { path: path.to_owned(), source })?;
    let meta = std::fs::metadata(&target).map_err(|source| WriteError::Io { path: target.clone(), source })?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular(kind(&meta)));
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinked(meta.nlink()));
        }
    }
    write_via_temporary(&target, new, Some(&meta), || {
        // The last moment before the rename: is the file still what we read?
        match read_regular(&target, expected.len() as u64) {
            Ok(current) if current == expected => Ok(()),
            _ => Err(WriteError::Changed),
        }
    })
}

/// Writes `bytes` to `path` atomically, creating or replacing it (through a
/// symbolic link if `path` is one), keeping an existing file's permissions.
///
/// # Errors
/// When a step of writing fails; the old file, if any, is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let meta = std::fs::metadata(&target).ok();
    write_via_temporary(&target, bytes, meta.as_ref(), || Ok(()))
}

fn write_via_temporary(
    target: &Path,
    bytes: &[u8],
    old: Option<&Metadata>,
    still_expected: impl FnOnce() -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let io = |source: io::Error| WriteError::Io { path: target.to_owned(), source };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".matrixlint-").suffix(".tmp");
    // A new file is created as `open(2)` would create it (0666 less the umask,
    // 0644 under 022), not with the temporary file's private 0600.
    #[cfg(unix)]
    if old.is_none() {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    if let Some(meta) = old {
        tmp.as_file().set_permissions(meta.permissions()).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    still_expected()?;
    tmp.persist(target).map_err(|e| io(e.error))?;
    // The rename is durable once the folder is flushed too (where the system allows it).
    #[cfg(unix)]
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests;
