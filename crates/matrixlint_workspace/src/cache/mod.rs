//! The corpus cache in `.matrixlint/cache/`: each file's index record, by
//! the file's stamp and the digest of its bytes, so that a check of one file
//! reads the files that changed and the cache, not the whole corpus.
//!
//! A file's stamp (size, times, inode) is trusted only when the file was
//! last modified well before its entry was verified (git's "racily clean"
//! rule, [`Stamp::trusted`]); otherwise, and whenever the stamp differs, the
//! file is read and its digest compared, and only a new digest means
//! parsing. Records depend on a file's bytes and the engine alone, so the
//! cache is keyed by the matrixlint version that wrote it. A cache that
//! cannot be used (corrupt, truncated, another format or version, a symbolic
//! link, a FIFO, a folder outside the root) is never trusted: it is ignored
//! with one warning, returned as a value, and rewritten.
//!
//! Each file checked also keeps its findings (the `findings` module), under a
//! [`FindingsKey`]: they are reused only for the same bytes (the entry's
//! digest) and the same key (version, configuration, rule filter, today and
//! the whole index), so any change that could change them finds them again.

mod findings;
mod format;
mod place;
mod stamp;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use matrixlint_engine::diagnostic::Diagnostic;
use matrixlint_engine::index::CellRecord;

pub use findings::FindingsKey;
use findings::{StoredFindings, Unusable};

use format::{Document, Entries, FORMAT, VERSION};
pub use format::{Entry, StoredRecord};
pub use place::{DIR, FILE};
pub use stamp::{ContentHash, Stamp, nanos_since_epoch};

/// Why the cache was not used or not written; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CacheWarning {
    /// What is wrong, in words of our own (no byte of the file is quoted).
    pub why: String,
    /// Whether it was reading (the cache was ignored) rather than writing.
    pub reading: bool,
}

impl std::fmt::Display for CacheWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let then = if self.reading { "it was ignored and is rebuilt" } else { "the next run reads the corpus again" };
        write!(f, "the corpus cache {} {}; {then}", place::shown(), self.why)
    }
}

/// What the cache says of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Unchanged since its entry was verified: its record (`None`: it declares no cell).
    Hit(Option<CellRecord>),
    /// It must be read: its stamp now (`None` when it is not a regular file).
    Miss(Option<Stamp>),
}

/// The cache of one corpus, for one run.
#[derive(Debug)]
pub struct Cache {
    /// The corpus root (canonical); `None` when caching is off.
    root: Option<PathBuf>,
    /// The matrixlint version.
    tool: String,
    /// When this run started, before any file was looked at.
    started_ns: i64,
    entries: Entries,
    /// Whether there is anything new to write.
    dirty: bool,
    /// Whether reading already warned (a run warns once).
    warned: bool,
    /// The files whose entries this run found current (a hit, or stored):
    /// only their findings may be used or stored.
    verified: HashSet<String>,
}

impl Cache {
    /// The cache of the corpus at `root` (canonical), for a run of matrixlint
    /// `tool` (its version) that started at `started`. A cache that cannot be
    /// used is ignored, with the warning to show.
    #[must_use]
    pub fn open(root: &Path, tool: &str, started: SystemTime) -> (Self, Option<CacheWarning>) {
        let mut cache = Self {
            root: Some(root.to_owned()),
            tool: tool.to_owned(),
            started_ns: nanos_since_epoch(started),
            entries: Entries::new(),
            dirty: false,
            warned: false,
            verified: HashSet::new(),
        };
        let found = place::read(root).and_then(|bytes| bytes.map(|b| parse(&b, tool)).transpose());
        match found {
            Ok(entries) => {
                cache.entries = entries.unwrap_or_default();
                (cache, None)
            }
            Err(why) => {
                // Rewritten at the end of the run, whatever happens.
                cache.dirty = true;
                cache.warned = true;
                (cache, Some(CacheWarning { why, reading: true }))
            }
        }
    }

    /// No cache: nothing is read or written (`--no-cache`).
    #[must_use]
    pub fn disabled() -> Self {
        Self {
            root: None,
            tool: String::new(),
            started_ns: 0,
            entries: Entries::new(),
            dirty: false,
            warned: false,
            verified: HashSet::new(),
        }
    }

    /// Whether the cache is in use.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.root.is_some()
    }

    /// The record of the file called `name` at `path`, if its stamp shows it
    /// unchanged since its entry was verified; no byte of it is read.
    #[must_use]
    pub fn lookup(&self, name: &str, path: &Path) -> Lookup {
        let stamp = Stamp::of(path);
        if let (Some(now), Some(entry)) = (stamp, self.entries.get(name))
            && entry.stamp == now
            && now.trusted(entry.verified_ns)
            && let Some(record) = record_of(entry, name)
        {
            return Lookup::Hit(record);
        }
        Lookup::Miss(stamp)
    }

    /// The record of the file called `name` if its bytes (digested as `hash`)
    /// are the ones its entry was made from: a file touched, or saved
    /// again unchanged, is not parsed again.
    #[must_use]
    pub fn same_content(&self, name: &str, hash: ContentHash) -> Option<Option<CellRecord>> {
        self.entries.get(name).filter(|e| e.hash == hash).and_then(|e| record_of(e, name))
    }

    /// Remembers that the file called `name`, read with stamp `stamp` (taken
    /// before reading) and digest `hash`, has `record`.
    pub fn store(&mut self, name: &str, stamp: Stamp, hash: ContentHash, record: Option<&CellRecord>) {
        if !self.enabled() || record.is_some_and(|r| r.file != name) {
            return;
        }
        self.verified.insert(name.to_owned());
        // Findings stay with the same bytes: their key says whether they still hold.
        let findings = self.entries.get(name).filter(|e| e.hash == hash).and_then(|e| e.findings.clone());
        let entry =
            Entry { stamp, verified_ns: self.started_ns, hash, record: record.map(StoredRecord::new), findings };
        if self.entries.get(name) != Some(&entry) {
            self.entries.insert(name.to_owned(), entry);
            self.dirty = true;
        }
    }

    /// Notes that the entry of the file called `name` was found current
    /// without reading it (a [`Lookup::Hit`]).
    pub fn confirm(&mut self, name: &str) {
        if self.entries.contains_key(name) {
            self.verified.insert(name.to_owned());
        }
    }

    /// Whether the file called `name` has stored findings (under any key):
    /// then it need not be kept loaded for linting, which may not happen.
    #[must_use]
    pub fn has_findings(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|e| e.findings.is_some())
    }

    /// The findings of the file called `name` (at `path`), when this run
    /// found its entry current and they were found under `key`.
    ///
    /// # Errors
    /// When they are stored damaged (spans or lines that cannot be in the
    /// file): the file is then checked again, and the warning shown once.
    pub fn findings(&self, name: &str, path: &Path, key: FindingsKey) -> Result<Option<Vec<Diagnostic>>, CacheWarning> {
        let stored = self.entries.get(name).and_then(|e| e.findings.as_ref());
        let Some(stored) = stored.filter(|f| self.verified.contains(name) && f.matches(key)) else { return Ok(None) };
        match stored.restore(path, name) {
            Ok(found) => Ok(Some(found)),
            Err(Unusable::UnknownRule) => Ok(None),
            Err(Unusable::Damaged) => {
                Err(CacheWarning { why: "holds findings that cannot be used".to_owned(), reading: true })
            }
        }
    }

    /// Remembers the `findings` of the file called `name`, checked under
    /// `key` in a text whose bytes digest to `linted`, if this run found its
    /// entry current and for those very bytes (a file changed between the
    /// passes was linted as it is now, not as its entry says). Findings that
    /// are not all in one compact copy of the file are not stored.
    pub fn store_findings(&mut self, name: &str, linted: ContentHash, key: FindingsKey, findings: &[Diagnostic]) {
        if !self.verified.contains(name) {
            return;
        }
        let Some(entry) = self.entries.get_mut(name).filter(|e| e.hash == linted) else { return };
        let stored = StoredFindings::new(key, name, findings);
        if entry.findings != stored {
            entry.findings = stored;
            self.dirty = true;
        }
    }

    /// Keeps `warning` as the run's one warning unless it already warned;
    /// returns what to show.
    #[must_use]
    pub fn warn_once(&mut self, warning: CacheWarning) -> Option<CacheWarning> {
        (!std::mem::replace(&mut self.warned, true)).then_some(warning)
    }

    /// Forgets the files `keep` rejects (deleted, renamed, no longer cells).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        let before = self.entries.len();
        self.entries.retain(|name, _| keep(name));
        self.dirty |= self.entries.len() != before;
    }

    /// How many files the cache knows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache knows no file.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the cache if anything changed. A failure is a warning (unless
    /// reading already warned): the run's findings stand.
    #[must_use]
    pub fn save(self) -> Option<CacheWarning> {
        let root = self.root.as_ref().filter(|_| self.dirty)?;
        let document =
            Document { format: FORMAT.to_owned(), version: VERSION, tool: self.tool.clone(), entries: &self.entries };
        let written = serde_json::to_vec(&document)
            .map_err(|e| format!("cannot be encoded ({e})"))
            .and_then(|bytes| place::write(root, &bytes));
        match written {
            Err(why) if !self.warned => Some(CacheWarning { why, reading: false }),
            _ => None,
        }
    }
}

/// An entry's record, `Some(None)` for a file declaring no cell; `None` when
/// the stored record cannot be one (then the file is read again).
fn record_of(entry: &Entry, name: &str) -> Option<Option<CellRecord>> {
    match &entry.record {
        None => Some(None),
        Some(stored) => stored.to_record(name).map(Some),
    }
}

/// The entries of a cache file written by matrixlint `tool`.
///
/// # Errors
/// Why the file cannot be trusted, in our own words.
fn parse(bytes: &[u8], tool: &str) -> Result<Entries, String> {
    // The writer puts the format and its version first: another program's
    // file, or another format's, is recognised before it is parsed.
    let head = format!("{{\"format\":\"{FORMAT}\",\"version\":");
    let Some(rest) = bytes.strip_prefix(head.as_bytes()) else {
        return Err("is not a matrixlint corpus cache".to_owned());
    };
    let digits: String = rest.iter().take(10).take_while(|b| b.is_ascii_digit()).map(|&b| char::from(b)).collect();
    if digits.parse::<u32>().ok() != Some(VERSION) {
        return Err(format!("is in another format (version {digits}, this matrixlint reads {VERSION})"));
    }
    let document: Document<Entries> = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => "is truncated".to_owned(),
        _ => format!("is corrupt (at line {}, column {})", e.line(), e.column()),
    })?;
    if document.tool != tool {
        let written = matrixlint_engine::visible::one_line(&document.tool).into_owned();
        return Err(format!("was written by matrixlint {written}, not {tool}"));
    }
    Ok(document.entries)
}

#[cfg(test)]
mod tests;
