//! Answers kept in the link history's database, in a table of their own,
//! with the time each was fetched: a service's answer is reused for
//! `evidence.cache-days`. The history is opened by the link audit's code
//! (which checks the file is matrixlint's); this opens a second connection
//! to the same file for the evidence table.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::service::Service;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS evidence_answers (
    service TEXT NOT NULL,
    key TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (service, key)
) WITHOUT ROWID;
";

/// Why the cache cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("evidence cache in {}: {source}", path.display())]
pub struct CacheError {
    path: PathBuf,
    #[source]
    source: rusqlite::Error,
}

/// The evidence answers of one history database.
#[derive(Debug)]
pub struct Cache {
    conn: Connection,
    path: PathBuf,
    max_age: SignedDuration,
    /// `--refresh`: nothing is read, everything fetched is written.
    refresh: bool,
}

impl Cache {
    /// Opens the table in the database at `path` (which the link history
    /// has already opened and checked), creating it when missing.
    ///
    /// # Errors
    /// A database that cannot be opened or written.
    pub fn open(path: &Path, busy: Duration, days: u64, refresh: bool) -> Result<Self, CacheError> {
        let fail = |source| CacheError { path: path.to_owned(), source };
        let conn = Connection::open(path).map_err(fail)?;
        conn.busy_timeout(busy).map_err(fail)?;
        conn.execute_batch(SCHEMA).map_err(fail)?;
        Ok(Self { conn, path: path.to_owned(), max_age: age(days), refresh })
    }

    /// Opens an existing database for reading only (`check`, the server):
    /// nothing is created or written.
    ///
    /// # Errors
    /// A missing or unreadable database, or one without the table.
    pub fn open_read_only(path: &Path, days: u64) -> Result<Self, CacheError> {
        let fail = |source| CacheError { path: path.to_owned(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(Duration::from_millis(200)).map_err(fail)?;
        conn.query_row("SELECT count(*) FROM evidence_answers", [], |r| r.get::<_, i64>(0)).map_err(fail)?;
        Ok(Self { conn, path: path.to_owned(), max_age: age(days), refresh: false })
    }

    /// The fresh answers of `service` for `keys`, with when each was fetched.
    /// An answer that no longer reads (an older format) counts as missing.
    ///
    /// # Errors
    /// A failing query.
    pub fn get<T: DeserializeOwned>(
        &self,
        service: Service,
        keys: &[String],
        now: Timestamp,
    ) -> Result<HashMap<String, (Timestamp, T)>, CacheError> {
        let mut out = HashMap::new();
        if self.refresh {
            return Ok(out);
        }
        let fail = |source| CacheError { path: self.path.clone(), source };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fetched_at, answer FROM evidence_answers WHERE service = ?1 AND key = ?2")
            .map_err(fail)?;
        for key in keys {
            let mut rows = stmt.query(params![service.as_str(), key]).map_err(fail)?;
            let Some(row) = rows.next().map_err(fail)? else { continue };
            let (at, answer): (String, String) = (row.get(0).map_err(fail)?, row.get(1).map_err(fail)?);
            let Ok(at) = at.parse::<Timestamp>() else { continue };
            if now.duration_since(at) >= self.max_age {
                continue;
            }
            if let Ok(value) = serde_json::from_str(&answer) {
                out.insert(key.clone(), (at, value));
            }
        }
        Ok(out)
    }

    /// Stores answers fetched at `now`.
    ///
    /// # Errors
    /// A failing write.
    pub fn put<T: Serialize>(
        &mut self,
        service: Service,
        answers: &[(String, T)],
        now: Timestamp,
    ) -> Result<(), CacheError> {
        let path = self.path.clone();
        let fail = |source| CacheError { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut insert = tx
                .prepare("INSERT OR REPLACE INTO evidence_answers (service, key, fetched_at, answer) VALUES (?1, ?2, ?3, ?4)")
                .map_err(fail)?;
            for (key, answer) in answers {
                let json = serde_json::to_string(answer).unwrap_or_else(|_| "null".to_owned());
                insert.execute(params![service.as_str(), key, now.to_string(), json]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }
}

fn age(days: u64) -> SignedDuration {
    SignedDuration::from_hours(24 * i64::try_from(days).unwrap_or(i64::MAX / 48).min(i64::MAX / 48))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_expire_and_refresh_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.db");
        let t0: Timestamp = "2026-11-01T00:00:00Z".parse().unwrap();
        let mut cache = Cache::open(&path, Duration::ZERO, 7, false).unwrap();
        cache.put(Service::Crossref, &[("10.1/x".to_owned(), Some(3_i64))], t0).unwrap();
        let keys = ["10.1/x".to_owned(), "10.1/y".to_owned()];
        let six_days: Timestamp = "2026-11-07T00:00:00Z".parse().unwrap();
        let got = cache.get::<Option<i64>>(Service::Crossref, &keys, six_days).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got["10.1/x"], (t0, Some(3)));
        assert!(cache.get::<Option<i64>>(Service::Pubmed, &keys, six_days).unwrap().is_empty(), "per service");
        let eight_days: Timestamp = "2026-11-09T00:00:00Z".parse().unwrap();
        assert!(cache.get::<Option<i64>>(Service::Crossref, &keys, eight_days).unwrap().is_empty());
        let refresh = Cache::open(&path, Duration::ZERO, 7, true).unwrap();
        assert!(refresh.get::<Option<i64>>(Service::Crossref, &keys, six_days).unwrap().is_empty());
        let read_only = Cache::open_read_only(&path, 7).unwrap();
        assert_eq!(read_only.get::<Option<i64>>(Service::Crossref, &keys, six_days).unwrap().len(), 1);
        assert!(Cache::open_read_only(&dir.path().join("none.db"), 7).is_err());
    }
}
