//! Why the link history cannot be used, from SQLite's error codes and from
//! what is found at its path.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::VERSION;

/// Why the history cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The file is not a SQLite database, or is damaged.
    #[error("{} is not a usable link history ({message}); move it away to start a new one", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// SQLite's words.
        message: String,
    },
    /// Another process holds the database.
    #[error("{} is locked by another process (another audit running?)", path.display())]
    Locked {
        /// The database file.
        path: PathBuf,
    },
    /// Written by a newer matrixlint.
    #[error("{} has history format {found}, newer than this matrixlint's {VERSION}", path.display())]
    Newer {
        /// The database file.
        path: PathBuf,
        /// Its version.
        found: i64,
    },
    /// The directory could not be created.
    #[error("cannot create {}: {source}", path.display())]
    Dir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Something else than a regular file (a device such as `/dev/null`, a FIFO, a folder).
    #[error("{} is {what}, not a file; a link history must be a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: String,
    },
    /// Another program's database: refused, and left exactly as it was.
    #[error(
        "{} is not a matrixlint link history: {why}; it was left untouched (name another file with --history or links.history)",
        path.display()
    )]
    Foreign {
        /// The database file.
        path: PathBuf,
        /// How it differs from a history.
        why: String,
    },
    /// No history there (reading only: nothing is created).
    #[error("{} does not exist yet", path.display())]
    Missing {
        /// The database file.
        path: PathBuf,
    },
    /// The file or its folder cannot be written.
    #[error("{} cannot be written (a read-only file or folder)", path.display())]
    ReadOnly {
        /// The database file.
        path: PathBuf,
    },
    /// The path could not be examined.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Any other SQLite failure.
    #[error("link history {}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
}

/// A SQLite failure at `path`, typed.
pub(super) fn classify(path: &Path, e: rusqlite::Error) -> HistoryError {
    let path = path.to_owned();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => HistoryError::Locked { path },
        Some(ErrorCode::ReadOnly) => HistoryError::ReadOnly { path },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            HistoryError::Corrupt { path, message: e.to_string() }
        }
        _ => HistoryError::Sqlite { path, source: e },
    }
}
