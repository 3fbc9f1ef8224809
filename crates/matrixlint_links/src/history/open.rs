//! Whose file is at the history path, decided before SQLite opens it for
//! writing: a database is written only once it is known to be a link
//! history (matrixlint's application id in its header, or the tables of a
//! history written before the id existed). Anything else is refused and left
//! exactly as it was, as git refuses a repository it does not recognise.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{HistoryError, VERSION, classify};
use crate::files::{self, ReadError};

/// `PRAGMA application_id` of a link history: "MLnk" in ASCII. SQLite keeps it
/// at byte 68 of the header, where `file(1)` and other tools read it.
pub(super) const APPLICATION_ID: i32 = 0x4D4C_6E6B;

/// The tables a history of format 1 or 2 holds (format 1 lacks `archive`).
const TABLES: [&str; 3] = ["archive", "results", "runs"];

/// The bytes of a SQLite header that say who the file is.
const HEADER_BYTES: u64 = 100;

/// What is at the history path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// Nothing: a history may be created.
    Missing,
    /// An empty regular file: nothing to lose, a history may be written in it.
    Empty,
    /// A history: matrixlint's application id, or (`legacy`) a history
    /// written before the id, recognised by its tables.
    History {
        /// Written before the application id: it is set when the file is next opened for writing.
        legacy: bool,
    },
}

/// Decides what is at `path` without writing anything: the header is read as
/// plain bytes, and SQLite opens the file (read-only) only to look at the
/// tables of a database whose header could be an old history's.
///
/// # Errors
/// Anything but a regular file, a file that is not SQLite, another
/// program's database, a newer history.
pub(super) fn identify(path: &Path) -> Result<Found, HistoryError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(source) => return Err(HistoryError::Io { path: path.to_owned(), source }),
        Ok(_) => {}
    }
    let not_a_file = |what: String| HistoryError::NotAFile { path: path.to_owned(), what };
    if std::fs::metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Err(not_a_file("a symbolic link to nothing".to_owned()));
    }
    let head = files::read_head(path, HEADER_BYTES).map_err(|e| match e {
        ReadError::Directory => not_a_file("a directory".to_owned()),
        ReadError::NotRegular(kind) => not_a_file(kind.to_owned()),
        ReadError::TooLarge { .. } | ReadError::Io(_) => {
            HistoryError::Io { path: path.to_owned(), source: std::io::Error::other(e.to_string()) }
        }
    })?;
    if head.is_empty() {
        return Ok(Found::Empty);
    }
    if head.len() < 100 || !head.starts_with(b"SQLite format 3\0") {
        return Err(HistoryError::Corrupt { path: path.to_owned(), message: "not a SQLite database".to_owned() });
    }
    let word = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let (user_version, application_id) = (i64::from(word(60)), word(68));
    let foreign = |why: String| HistoryError::Foreign { path: path.to_owned(), why };
    if application_id == APPLICATION_ID {
        if user_version > VERSION {
            return Err(HistoryError::Newer { path: path.to_owned(), found: user_version });
        }
        return Ok(Found::History { legacy: false });
    }
    if application_id != 0 {
        return Err(foreign(format!("its SQLite application id is {application_id:#010x}")));
    }
    // Histories written before the application id: format 1 or 2, in
    // SQLite's default rollback-journal mode (a WAL database, bytes 18 and 19
    // set to 2, is another program's, and even a read-only connection would
    // create files beside it).
    if !(1..=VERSION).contains(&user_version) || head[18] != 1 || head[19] != 1 {
        return Err(foreign("it has neither matrixlint's application id nor the format of an older history".into()));
    }
    let tables = tables(path)?;
    let ours = tables.iter().all(|t| TABLES.contains(&t.as_str()))
        && ["results", "runs"].iter().all(|t| tables.iter().any(|have| have == t));
    if !ours {
        return Err(foreign(format!("its tables ({}) are not a link history's", tables.join(", "))));
    }
    Ok(Found::History { legacy: true })
}

/// The names of the tables in the database at `path`, read without writing.
fn tables(path: &Path) -> Result<Vec<String>, HistoryError> {
    let fail = |e| classify(path, e);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(fail)?;
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map_err(fail)?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(fail)?;
    names.collect::<Result<Vec<_>, _>>().map_err(fail)
}
