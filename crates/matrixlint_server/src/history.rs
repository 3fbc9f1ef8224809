//! The link history as hovers read it, without ever holding a worker on I/O
//! that can hang. The database is opened only if it is a regular file
//! (checked on a handle opened without blocking: SQLite's own open of a
//! FIFO would wait for a writer for ever), and SQLite gets [`TIMEOUT`] to
//! answer on a thread of its own (a FIFO can still stand where it looks for
//! the journal, or replace the file after the check). A read that does not
//! answer in time leaves the hover without history; while it hangs, later
//! hovers do not start another one, so at most one thread is ever stuck.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::files::{self, ReadError};
use crate::links::classify::Outcome;
use crate::links::history::{History, Prior};

/// How long a hover waits for the history.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(2);

/// Whether a read of the history is under way (for the whole process: a
/// history that hangs for one root would hang for another).
static READING: AtomicBool = AtomicBool::new(false);

/// What the history says about a URL.
#[derive(Debug)]
pub(crate) enum Lookup {
    /// There is no history yet.
    Missing,
    /// The history cannot be read: why, in words.
    Unreadable(String),
    /// What it says.
    Found(Box<Audited>),
}

/// What the history says about a URL.
#[derive(Debug)]
pub(crate) struct Audited {
    /// The latest result (none: never checked).
    pub latest: Option<(Timestamp, Outcome)>,
    /// What the audits say together.
    pub prior: Prior,
}

/// Looks `url` up in the history at `path`, waiting at most [`TIMEOUT`].
pub(crate) fn lookup(path: &Path, url: &str) -> Lookup {
    match files::check_regular(path) {
        Ok(()) => {}
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Lookup::Missing,
        Err(ReadError::NotRegular(kind)) => return not_regular(path, kind),
        Err(ReadError::Directory) => return not_regular(path, "a directory"),
        Err(e) => return Lookup::Unreadable(format!("`{}`: {e}", path.display())),
    }
    let (path, url): (PathBuf, String) = (path.to_owned(), url.to_owned());
    match within(&READING, TIMEOUT, move || read(&path, &url)) {
        Ok(found) => found,
        Err(Late::Busy) => Lookup::Unreadable("an earlier read of it has not finished".to_owned()),
        Err(Late::TimedOut) => Lookup::Unreadable(format!("it did not answer within {} s", TIMEOUT.as_secs())),
        Err(Late::NoThread) => Lookup::Unreadable("no thread could be started to read it".to_owned()),
    }
}

fn not_regular(path: &Path, kind: &str) -> Lookup {
    Lookup::Unreadable(format!("`{}` is {kind}, not a regular file, so it was not read", path.display()))
}

fn read(path: &Path, url: &str) -> Lookup {
    let found = History::open_read_only(path).and_then(|h| Ok((h.latest(url)?, h.prior([url], SignedDuration::ZERO)?)));
    match found {
        Ok((latest, mut prior)) => {
            Lookup::Found(Box::new(Audited { latest, prior: prior.remove(url).unwrap_or_default() }))
        }
        Err(e) => Lookup::Unreadable(e.to_string()),
    }
}

/// Why [`within`] gave no answer.
#[derive(Debug, PartialEq, Eq)]
enum Late {
    /// An earlier call is still waiting for its answer.
    Busy,
    /// No answer in time.
    TimedOut,
    /// The thread could not start.
    NoThread,
}

/// Runs `work` on a thread of its own and waits at most `timeout` for its
/// answer; `busy` is set while a call's work runs, and a call made meanwhile
/// gives up at once.
fn within<T: Send + 'static>(
    busy: &'static AtomicBool,
    timeout: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Late> {
    if busy.swap(true, Ordering::AcqRel) {
        return Err(Late::Busy);
    }
    let (answer, answered) = crossbeam_channel::bounded(1);
    let started = std::thread::Builder::new().name("matrixlint-history".to_owned()).spawn(move || {
        let result = work();
        busy.store(false, Ordering::Release);
        let _ = answer.send(result);
    });
    if started.is_err() {
        busy.store(false, Ordering::Release);
        return Err(Late::NoThread);
    }
    answered.recv_timeout(timeout).map_err(|_| Late::TimedOut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_that_hangs_is_given_up_and_not_started_twice() {
        static BUSY: AtomicBool = AtomicBool::new(false);
        assert_eq!(within(&BUSY, Duration::from_secs(30), || 7), Ok(7));
        let (release, hang) = crossbeam_channel::bounded::<()>(0);
        let hung = within(&BUSY, Duration::from_millis(50), move || hang.recv().is_ok());
        assert_eq!(hung, Err(Late::TimedOut));
        assert_eq!(within(&BUSY, Duration::from_secs(30), || 8), Err(Late::Busy), "one stuck thread at most");
        // Once the stuck work ends, reading works again.
        drop(release);
        while BUSY.load(Ordering::Acquire) {
            std::thread::yield_now();
        }
        assert_eq!(within(&BUSY, Duration::from_secs(30), || 9), Ok(9));
    }

    #[test]
    fn a_missing_history_and_a_directory_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(lookup(&dir.path().join("links.db"), "https://a.example/"), Lookup::Missing));
        let Lookup::Unreadable(why) = lookup(dir.path(), "https://a.example/") else { panic!("a directory") };
        assert!(why.ends_with("` is a directory, not a regular file, so it was not read"), "{why}");
    }
}
