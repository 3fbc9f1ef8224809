//! `check` in two passes, so that memory stays near the largest file plus
//! the index however large the corpus. Pass 1 ([`records`]) reads and parses
//! every file for its index record (what cross-references need) and drops
//! its tree and text; pass 2 ([`lint_selected`]) lints the files reported on
//! against the complete index, reading each again, a bounded number at a
//! time, and keeps of each file only the lines its findings show
//! ([`crate::report::compact`]).
//!
//! Re-reading costs a second parse, so pass 1 keeps the trees of reported
//! files while their texts total under a budget ([`KEEP_BUDGET`]): a small
//! corpus, or a one-file check of a large one, is read once. Which files
//! are kept changes nothing in the findings.
//!
//! Pass 1 asks a [`Reader`] for one file at a time ("name → record"), so a
//! cache of records can answer it instead of the disk.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::Project;
use crate::diagnostic::Diagnostic;
use crate::lint::Loaded;
use matrixlint_engine::index::{CellRecord, Corpus};
use matrixlint_workspace::cache::{Cache, CacheWarning, ContentHash, FindingsKey};

/// Bytes of text of the reported files whose trees pass 1 keeps for pass 2.
/// A loaded file takes about 2.7 times its text, and the kept trees are the
/// largest part of a large check's peak memory: 64 MiB held about 180 MiB
/// (248 MiB peak for 10,000 cells). The 50 real cells (1.6 MB) are read once.
pub const KEEP_BUDGET: usize = 24 << 20;

/// Files linted together in pass 2 when the evidence audit's cached
/// answers are reported too (they are looked up once per group).
const GROUP: usize = 256;

/// Where the files of a corpus come from: the disk, standard input in place
/// of one file, or (in tests) texts that change between the passes.
pub trait Reader: Sync {
    /// Reads and loads the corpus file called `name`.
    fn load(&self, name: &str) -> Loaded;
}

impl Reader for Project {
    fn load(&self, name: &str) -> Loaded {
        Project::load(self, name)
    }
}

/// The disk, with one file's text given (`check --stdin-filename`).
pub struct WithStdin<'a> {
    /// Every other file.
    pub project: &'a Project,
    /// The file standard input stands for.
    pub name: &'a str,
    /// What standard input held.
    pub bytes: &'a [u8],
}

impl Reader for WithStdin<'_> {
    fn load(&self, name: &str) -> Loaded {
        if name == self.name {
            return Loaded::from_bytes(&self.project.root.join(name), name, self.bytes.to_vec());
        }
        self.project.load(name)
    }
}

/// What pass 1 leaves: the corpus index, and reported files already loaded.
#[derive(Debug, Default)]
pub struct Indexed {
    /// Every file's record.
    pub corpus: Corpus,
    /// Reported files kept loaded (under the budget), by name.
    kept: HashMap<String, Loaded>,
}

impl Indexed {
    /// The index, with the reported files pass 1 kept loaded.
    #[must_use]
    pub fn new(corpus: Corpus, kept: Vec<Loaded>) -> Self {
        Self { corpus, kept: kept.into_iter().map(|l| (l.file.name.clone(), l)).collect() }
    }

    /// How many reported files pass 2 need not read again.
    #[must_use]
    pub fn kept(&self) -> usize {
        self.kept.len()
    }
}

/// Pass 1: the index record of each of `files`, keeping loaded the
/// `selected` ones while their texts total under `budget` bytes.
#[must_use]
pub fn records(reader: &dyn Reader, files: &[String], selected: &[String], budget: usize) -> Indexed {
    let wanted: HashSet<&str> = selected.iter().map(String::as_str).collect();
    let used = AtomicUsize::new(0);
    let read: Vec<(Option<CellRecord>, Option<Loaded>)> = files
        .par_iter()
        .map(|name| {
            let loaded = reader.load(name);
            let record = loaded.record();
            let size = loaded.file.text.len();
            let keep = wanted.contains(name.as_str()) && used.fetch_add(size, Ordering::Relaxed) + size < budget;
            (record, keep.then_some(loaded))
        })
        .collect();
    let mut records = Vec::with_capacity(read.len());
    let mut kept = HashMap::new();
    for (record, loaded) in read {
        records.extend(record);
        if let Some(loaded) = loaded {
            kept.insert(loaded.file.name.clone(), loaded);
        }
    }
    Indexed { corpus: Corpus::new(records), kept }
}

/// Pass 2: the findings of the `selected` files against the index, sorted,
/// each holding only the lines of its file that reports show. A file is
/// read again unless pass 1 kept it; what it holds now is what is checked
/// (a file changed in between is checked as it is, and its index record
/// is the one pass 1 read). With `evidence` (today, as a time), the
/// evidence audit's cached answers are reported too.
#[must_use]
pub fn lint_selected(
    project: &Project,
    reader: &dyn Reader,
    indexed: Indexed,
    selected: &[String],
    evidence: Option<jiff::Timestamp>,
) -> Vec<Diagnostic> {
    lint_reusing(project, reader, indexed, selected, evidence, Reuse { cache: None }).0
}

/// The corpus cache's stored findings, for pass 2: what a run's findings
/// depend on besides each file's bytes ([`FindingsKey`]).
pub struct Reuse<'a> {
    cache: Option<(&'a mut Cache, FindingsKey)>,
}

impl<'a> Reuse<'a> {
    /// Findings reused from and stored in `cache` (when it is in use), under
    /// the key made of `parts`.
    #[must_use]
    pub fn new(cache: &'a mut Cache, parts: &[&[u8]]) -> Self {
        let key = FindingsKey::of(parts);
        Self { cache: cache.enabled().then_some((cache, key)) }
    }
}

/// [`lint_selected`], reusing the findings `reuse` holds for files whose
/// bytes and key match and storing the others'; with the evidence audit's
/// answers (`evidence`), nothing is reused or stored (those come from the
/// history each run, and need the files loaded). Also returns the cache's
/// one warning, when stored findings were damaged.
pub fn lint_reusing(
    project: &Project,
    reader: &dyn Reader,
    indexed: Indexed,
    selected: &[String],
    evidence: Option<jiff::Timestamp>,
    reuse: Reuse<'_>,
) -> (Vec<Diagnostic>, Option<CacheWarning>) {
    let mut cache = reuse.cache.filter(|_| evidence.is_none());
    let mut warning = None;
    let Indexed { corpus, mut kept } = indexed;
    let mut diagnostics = Vec::new();
    for group in selected.chunks(if evidence.is_some() { GROUP } else { selected.len().max(1) }) {
        let files: Vec<(&String, Option<Loaded>)> = group.iter().map(|n| (n, kept.remove(n.as_str()))).collect();
        let stored = cache.as_ref().map(|(c, key)| (&**c, *key));
        let linted: Vec<Linted> = files
            .into_par_iter()
            .map(|(name, loaded)| {
                let reused = stored.map(|(c, key)| c.findings(name, &project.path(name), key));
                let damaged = match reused {
                    Some(Ok(Some(found))) => return Linted { name, found, loaded: None, linted: None, damaged: None },
                    Some(Err(warning)) => Some(warning),
                    _ => None,
                };
                let loaded = loaded.unwrap_or_else(|| reader.load(name));
                // What was linted: stored only if these are the bytes the cache's entry is of.
                let linted = stored.map(|_| ContentHash::of(loaded.file.text.as_bytes()));
                let mut found = project.linter.lint(&loaded, &corpus);
                if evidence.is_none() {
                    crate::report::compact::compact(&mut found);
                    return Linted { name, found, loaded: None, linted, damaged };
                }
                Linted { name, found, loaded: Some(loaded), linted, damaged }
            })
            .collect();
        let mut found: Vec<Diagnostic> = Vec::new();
        let mut loaded = Vec::new();
        for file in linted {
            if let Some((c, key)) = cache.as_mut() {
                if let Some(damaged) = file.damaged {
                    warning = warning.or_else(|| c.warn_once(damaged));
                }
                if let Some(linted) = file.linted {
                    c.store_findings(file.name, linted, *key, &file.found);
                }
            }
            found.extend(file.found);
            loaded.extend(file.loaded);
        }
        if let Some(now) = evidence {
            found.extend(super::evidence::cached_findings(project, &loaded, now));
            drop(loaded);
            crate::report::compact::compact(&mut found);
        }
        diagnostics.append(&mut found);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (diagnostics, warning)
}

/// One file of pass 2.
struct Linted<'a> {
    name: &'a str,
    found: Vec<Diagnostic>,
    /// The file, when the evidence audit's answers are reported (they read it).
    loaded: Option<Loaded>,
    /// The digest of the text linted, when the findings were found now (not
    /// reused) and the cache is in use: they are stored.
    linted: Option<ContentHash>,
    /// Why stored findings could not be used.
    damaged: Option<CacheWarning>,
}
