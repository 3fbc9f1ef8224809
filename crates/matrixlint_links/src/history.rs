//! The audit history: every run's result for every URL, in SQLite.
//!
//! History is what makes the report trustworthy: a link is called dead only
//! after failing in consecutive audits, and successes are reused for a while
//! so that a re-run does not hammer publishers. Losing it must never stop an
//! audit, so every failure here is a typed error the caller turns into a warning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::audit::{RunSummary, Snapshot};
use super::classify::{Class, Outcome};
pub use error::HistoryError;
use error::classify;
use open::Found;

mod error;
mod open;

/// The schema version this code writes (`PRAGMA user_version`): 2 added
/// the `archive` table (version 1 databases are upgraded in place).
const VERSION: i64 = 2;
/// An archive answer without a snapshot is asked again after this many days.
const ARCHIVE_MISS_DAYS: i64 = 30;
/// Results older than this many runs are dropped.
const KEEP_RUNS: i64 = 200;
/// Results per URL read back to find streaks.
const LOOKBACK: i64 = 100;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    urls INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    url TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    class TEXT NOT NULL,
    status INTEGER,
    checked_at TEXT NOT NULL,
    cached INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (url, run_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS archive (
    url TEXT NOT NULL,
    asked TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    snapshot TEXT,
    PRIMARY KEY (url, asked)
) WITHOUT ROWID;
";

/// What earlier audits say about one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prior {
    /// The latest success, when its check time, and what it was.
    pub last_success: Option<(Timestamp, Outcome)>,
    /// Consecutive `broken` results up to the latest run (transient results skipped).
    pub streak: u32,
    /// When the current streak of failures started.
    pub failing_since: Option<Timestamp>,
    /// The latest definite result (success or broken).
    pub last_definite: Option<Class>,
    /// The latest failing audit that counted toward the streak (audits
    /// closer together than the failure interval count as one).
    pub last_counted: Option<Timestamp>,
    /// The oldest result remembered: when the link was first seen.
    pub first_seen: Option<Timestamp>,
}

/// One row to record.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// The URL.
    pub url: &'a str,
    /// Its result.
    pub outcome: &'a Outcome,
    /// When it was really checked (earlier than the run for a reused success).
    pub checked_at: Timestamp,
    /// Whether it was reused from an earlier run.
    pub cached: bool,
}

/// An open history database.
#[derive(Debug)]
pub struct History {
    conn: Connection,
    path: PathBuf,
}

impl History {
    /// Opens (creating if needed) the database at `path`, waiting at most
    /// `busy` for another process's lock.
    ///
    /// # Errors
    /// A corrupt, locked, newer or unreachable database.
    pub fn open(path: &Path, busy: Duration) -> Result<Self, HistoryError> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if open::identify(path)? == Found::Missing {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| HistoryError::Dir { path: dir.to_owned(), source })?;
            }
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let fail = |e| classify(path, e);
        let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(busy).map_err(fail)?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(fail)?;
        if check != "ok" {
            return Err(HistoryError::Corrupt { path: path.to_owned(), message: check });
        }
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(fail)?;
        if found > VERSION {
            return Err(HistoryError::Newer { path: path.to_owned(), found });
        }
        // The application id marks the file as a history (and an older history, recognised by its tables, gets it).
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {SCHEMA} PRAGMA application_id = {}; PRAGMA user_version = {VERSION}; COMMIT;",
            open::APPLICATION_ID
        ))
        .map_err(fail)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;").map_err(fail)?;
        Ok(Self { conn, path: path.to_owned() })
    }

    /// Opens an existing history for reading only: nothing is created,
    /// upgraded or written (an editor's hover reads the history while an
    /// audit may be writing it; `links --offline` promises to change nothing).
    ///
    /// # Errors
    /// A missing (or empty), corrupt, locked, foreign or newer database, or no file.
    pub fn open_read_only(path: &Path) -> Result<Self, HistoryError> {
        if matches!(open::identify(path)?, Found::Missing | Found::Empty) {
            return Err(HistoryError::Missing { path: path.to_owned() });
        }
        let fail = |e| classify(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(Duration::from_millis(200)).map_err(fail)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(fail)?;
        if found > VERSION {
            return Err(HistoryError::Newer { path: path.to_owned(), found });
        }
        Ok(Self { conn, path: path.to_owned() })
    }

    /// The latest recorded result for `url`: when it was checked and what it was.
    ///
    /// # Errors
    /// A failing query.
    pub fn latest(&self, url: &str) -> Result<Option<(Timestamp, Outcome)>, HistoryError> {
        let fail = |e| classify(&self.path, e);
        let row = self
            .conn
            .query_row(
                "SELECT checked_at, outcome FROM results WHERE url = ?1 ORDER BY run_id DESC LIMIT 1",
                params![url],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()
            .map_err(fail)?;
        Ok(row.and_then(|(at, outcome)| Some((at.parse().ok()?, serde_json::from_str(&outcome).ok()?))))
    }

    /// What earlier audits say about each of `urls` (absent: never seen);
    /// failing audits less than `spacing` apart count once in a streak.
    ///
    /// # Errors
    /// A failing query.
    pub fn prior<'a>(
        &self,
        urls: impl IntoIterator<Item = &'a str>,
        spacing: SignedDuration,
    ) -> Result<HashMap<String, Prior>, HistoryError> {
        let fail = |e| classify(&self.path, e);
        // One read transaction for every lookup: outside one, SQLite takes
        // and drops its file lock and rereads the header for each query,
        // several system calls per URL (16 ms for 3,000 URLs on an empty history).
        let read = self.conn.unchecked_transaction().map_err(fail)?;
        let mut stmt = read
            .prepare("SELECT class, checked_at, outcome FROM results WHERE url = ?1 ORDER BY run_id DESC LIMIT ?2")
            .map_err(fail)?;
        let mut out = HashMap::new();
        for url in urls {
            let rows = stmt
                .query_map(params![url, LOOKBACK], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
                })
                .map_err(fail)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(fail)?;
            if !rows.is_empty() {
                out.insert(url.to_owned(), prior_from(&rows, spacing));
            }
        }
        drop(stmt);
        read.finish().map_err(fail)?;
        Ok(out)
    }

    /// Records a run that started at `started`; a URL given twice keeps its
    /// last record.
    ///
    /// # Errors
    /// A failing write (the database locked meanwhile, a full disk).
    pub fn record(&mut self, started: Timestamp, records: &[Record<'_>]) -> Result<(), HistoryError> {
        let path = self.path.clone();
        let fail = |e| classify(&path, e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(
            "INSERT INTO runs (started_at, urls) VALUES (?1, ?2)",
            params![started.to_string(), i64::try_from(records.len()).unwrap_or(i64::MAX)],
        )
        .map_err(fail)?;
        let run = tx.last_insert_rowid();
        {
            // An upsert, not `INSERT OR REPLACE`: a replace may delete a row
            // first, so SQLite keeps a statement journal for every insert
            // (3,000 results: 5-11 ms against 3).
            let mut insert = tx
                .prepare(
                    "INSERT INTO results (url, run_id, class, status, checked_at, cached, outcome)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (url, run_id) DO UPDATE SET class = excluded.class, status = excluded.status,
                     checked_at = excluded.checked_at, cached = excluded.cached, outcome = excluded.outcome",
                )
                .map_err(fail)?;
            for r in records {
                let json = serde_json::to_string(r.outcome).unwrap_or_default();
                insert
                    .execute(params![
                        r.url,
                        run,
                        r.outcome.class.as_str(),
                        r.outcome.status,
                        r.checked_at.to_string(),
                        r.cached,
                        json
                    ])
                    .map_err(fail)?;
            }
        }
        tx.execute("DELETE FROM runs WHERE id <= ?1", params![run - KEEP_RUNS]).map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// The latest `limit` runs, oldest first, counted by class.
    ///
    /// # Errors
    /// A failing query.
    pub fn trend(&self, limit: usize) -> Result<Vec<RunSummary>, HistoryError> {
        let fail = |e| classify(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.id, r.started_at, s.class, count(*) FROM runs r JOIN results s ON s.run_id = r.id
                 WHERE r.id IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?1)
                 GROUP BY r.id, s.class ORDER BY r.id",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?))
            })
            .map_err(fail)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?;
        let mut out: Vec<(i64, RunSummary)> = Vec::new();
        for (id, started, class, n) in rows {
            let (Ok(at), Some(class)) = (started.parse::<Timestamp>(), Class::parse(&class)) else { continue };
            if out.last().is_none_or(|(last, _)| *last != id) {
                out.push((id, RunSummary { at, classes: Vec::new() }));
            }
            if let Some((_, run)) = out.last_mut() {
                run.classes.push((class, usize::try_from(n).unwrap_or(0)));
            }
        }
        Ok(out.into_iter().map(|(_, run)| run).collect())
    }

    /// Cached archive answers for (URL, moment) pairs: a snapshot, or `None`
    /// for "the archive has none" (such answers expire after 30 days).
    ///
    /// # Errors
    /// A failing query.
    pub fn archived(
        &self,
        wanted: &[(String, Timestamp)],
        now: Timestamp,
    ) -> Result<HashMap<(String, Timestamp), Option<Snapshot>>, HistoryError> {
        let fail = |e| classify(&self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT fetched_at, snapshot FROM archive WHERE url = ?1 AND asked = ?2")
            .map_err(fail)?;
        let mut out = HashMap::new();
        for (url, asked) in wanted {
            let row = stmt
                .query_row(params![url, asked.to_string()], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
                })
                .optional()
                .map_err(fail)?;
            let Some((fetched, snapshot)) = row else { continue };
            let snapshot = snapshot.and_then(|s| snapshot_from(&s));
            let fresh = fetched
                .parse::<Timestamp>()
                .is_ok_and(|at| now.duration_since(at) < SignedDuration::from_hours(24 * ARCHIVE_MISS_DAYS));
            if snapshot.is_some() || fresh {
                out.insert((url.clone(), *asked), snapshot);
            }
        }
        Ok(out)
    }

    /// Caches archive answers fetched at `now`.
    ///
    /// # Errors
    /// A failing write.
    pub fn store_archived(
        &mut self,
        answers: &[((String, Timestamp), Option<Snapshot>)],
        now: Timestamp,
    ) -> Result<(), HistoryError> {
        let path = self.path.clone();
        let fail = |e| classify(&path, e);
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut insert = tx
                .prepare("INSERT OR REPLACE INTO archive (url, asked, fetched_at, snapshot) VALUES (?1, ?2, ?3, ?4)")
                .map_err(fail)?;
            for ((url, asked), snapshot) in answers {
                let json = snapshot
                    .as_ref()
                    .map(|s| serde_json::json!({"url": s.url, "timestamp": s.timestamp.to_string()}).to_string());
                insert.execute(params![url, asked.to_string(), now.to_string(), json]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// How many runs are recorded.
    ///
    /// # Errors
    /// A failing query.
    pub fn runs(&self) -> Result<i64, HistoryError> {
        self.conn
            .query_row("SELECT count(*) FROM runs", [], |r| r.get(0))
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| classify(&self.path, e))
    }
}

/// Folds a URL's results, newest first, into what the next audit needs.
fn prior_from(rows: &[(String, String, String)], spacing: SignedDuration) -> Prior {
    let mut prior = Prior::default();
    let mut streak_open = true;
    // The current streak's failures, newest first.
    let mut failures = Vec::new();
    for (class, checked_at, outcome) in rows {
        let (Some(class), Ok(at)) = (Class::parse(class), checked_at.parse::<Timestamp>()) else { continue };
        prior.first_seen = Some(at);
        if class.is_success() && prior.last_success.is_none() {
            prior.last_success = serde_json::from_str(outcome).ok().map(|o| (at, o));
        }
        if class.is_definite() {
            prior.last_definite.get_or_insert(class);
            if streak_open && class == Class::Broken {
                failures.push(at);
            } else {
                streak_open = false;
            }
        }
    }
    // Oldest first, an audit counts when it comes `spacing` after the last one that counted.
    for &at in failures.iter().rev() {
        if prior.last_counted.is_none_or(|last| at.duration_since(last) >= spacing) {
            prior.streak += 1;
            prior.last_counted = Some(at);
        }
    }
    prior.failing_since = failures.last().copied();
    prior
}

/// A cached snapshot: `{"url": …, "timestamp": …}`.
fn snapshot_from(json: &str) -> Option<Snapshot> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    let timestamp = v.get("timestamp")?.as_str()?.parse().ok()?;
    Some(Snapshot { url: v.get("url")?.as_str()?.to_owned(), timestamp })
}

#[cfg(test)]
mod tests;
