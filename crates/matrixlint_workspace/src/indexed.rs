//! `check`'s corpus through the corpus cache ([`crate::cache`]):
//! every file's index record, taken from the cache when the file is
//! unchanged, and files reported on kept loaded under a budget (pass 1 of
//! `check`; pass 2 reads the others again as it lints them). A check of one
//! file reads that file, the files that changed and the cache.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use crate::cache::{Cache, CacheWarning, ContentHash, Lookup, Stamp, StoredRecord};
use rayon::prelude::*;

use crate::{Project, load};
use matrixlint_engine::index::{CellRecord, Corpus};
use matrixlint_engine::lint::Loaded;

/// The corpus as `check` needs it.
#[derive(Debug)]
pub struct Indexed {
    /// The files reported on that were kept loaded (standard input's text
    /// always, in place of the file it names; the others while their sizes
    /// total under the budget): the rest are read again when linted.
    pub loaded: Vec<Loaded>,
    /// The index of the whole corpus.
    pub corpus: Corpus,
    /// Why the cache was not used or not written (one warning a run at most).
    pub warning: Option<CacheWarning>,
    /// A digest of every record in the index (what cross-reference rules
    /// read of the corpus): part of the key of stored findings.
    pub index_digest: ContentHash,
}

/// What was learnt of one file.
struct Seen {
    name: String,
    record: Option<CellRecord>,
    /// The file loaded whole, when it is reported on.
    loaded: Option<Loaded>,
    /// Its stamp and digest when it was read: its entry is refreshed.
    read: Option<(Stamp, ContentHash)>,
    /// Whether its entry was taken as current without reading it.
    hit: bool,
}

/// Indexes the corpus of `project` through the cache unless `use_cache` is
/// off (then nothing is read from or written to `.matrixlint/`), keeping the
/// `selected` files loaded while their sizes total under `budget` bytes.
/// `stdin` stands for the file it names.
pub fn load_indexed(
    project: &Project,
    selected: &[String],
    stdin: Option<Loaded>,
    use_cache: bool,
    budget: usize,
) -> Indexed {
    let (mut indexed, cache) = load_indexed_keeping_cache(project, selected, stdin, use_cache, budget);
    let saved = cache.save();
    indexed.warning = indexed.warning.or(saved);
    indexed
}

/// [`load_indexed`], leaving the cache open (and unsaved) for `check` to
/// look up and store the findings of the files it reports on. A reported
/// file whose findings the cache holds is not kept loaded: they may be reused.
pub fn load_indexed_keeping_cache(
    project: &Project,
    selected: &[String],
    stdin: Option<Loaded>,
    use_cache: bool,
    budget: usize,
) -> (Indexed, Cache) {
    let (mut cache, opened) = if use_cache {
        // Before any file is looked at: the moment entries are verified at.
        Cache::open(&project.root, env!("CARGO_PKG_VERSION"), SystemTime::now())
    } else {
        (Cache::disabled(), None)
    };
    let wanted: HashSet<&str> = selected.iter().map(String::as_str).collect();
    let replaced = stdin.as_ref().map(|l| l.file.name.as_str());
    let used = AtomicUsize::new(0);
    let seen: Vec<Seen> = project
        .files
        .par_iter()
        .filter(|name| Some(name.as_str()) != replaced)
        .map(|name| {
            let whole =
                wanted.contains(name.as_str()) && !cache.has_findings(name) && fits(&used, budget, &project.path(name));
            one(project, &cache, name, whole)
        })
        .collect();
    let mut loaded = Vec::with_capacity(selected.len());
    let mut records = Vec::with_capacity(seen.len() + 1);
    for file in seen {
        if let Some((stamp, hash)) = file.read {
            cache.store(&file.name, stamp, hash, file.record.as_ref());
        } else if file.hit {
            cache.confirm(&file.name);
        }
        records.extend(file.record);
        loaded.extend(file.loaded);
    }
    if let Some(stdin) = stdin {
        records.extend(stdin.record());
        loaded.push(stdin);
    }
    // Deleted and renamed files are forgotten.
    cache.retain(|name| project.files.binary_search_by(|f| f.as_str().cmp(name)).is_ok());
    let index_digest = digest(&records);
    (Indexed { loaded, corpus: Corpus::new(records), warning: opened, index_digest }, cache)
}

/// A digest of every record, in order (the files' order, standard input's last).
fn digest(records: &[CellRecord]) -> ContentHash {
    let stored: Vec<(&str, StoredRecord)> = records.iter().map(|r| (r.file.as_str(), StoredRecord::new(r))).collect();
    // Encoding plain strings, numbers and lists cannot fail; an empty text would only miss.
    ContentHash::of(&serde_json::to_vec(&stored).unwrap_or_default())
}

/// Whether the reported file at `path` may be kept loaded for linting: while
/// the kept files total under `budget` bytes (counted before they are read).
/// The others give only their records here (from the cache when unchanged)
/// and are read again when they are linted, so memory stays near the largest
/// file plus the index however large the corpus.
fn fits(used: &AtomicUsize, budget: usize, path: &std::path::Path) -> bool {
    let size = std::fs::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    used.fetch_add(size, Ordering::Relaxed).saturating_add(size) < budget
}

/// One file: from the cache when its stamp shows it unchanged, else read
/// (and parsed only when its bytes are not the ones the cache knows).
fn one(project: &Project, cache: &Cache, name: &str, whole: bool) -> Seen {
    let path = project.path(name);
    let mut seen = Seen { name: name.to_owned(), record: None, loaded: None, read: None, hit: false };
    let stamp = match cache.enabled().then(|| cache.lookup(name, &path)) {
        Some(Lookup::Hit(record)) if !whole => {
            seen.record = record;
            seen.hit = true;
            return seen;
        }
        Some(Lookup::Hit(_)) => Stamp::of(&path),
        Some(Lookup::Miss(stamp)) => stamp,
        None => None,
    };
    let bytes = match load::read(&project.root, &path) {
        Ok(bytes) => bytes,
        Err((message, help)) => {
            // Declares nothing; its finding is reported when it is checked.
            let file = Loaded::unreadable(&path, name, message, help);
            seen.loaded = whole.then_some(file);
            return seen;
        }
    };
    let hash = cache.enabled().then(|| ContentHash::of(&bytes));
    seen.read = stamp.zip(hash);
    if !whole && let Some(record) = hash.and_then(|h| cache.same_content(name, h)) {
        seen.record = record;
        return seen;
    }
    let file = Loaded::from_bytes(&path, name, bytes);
    seen.record = file.record();
    seen.loaded = whole.then_some(file);
    seen
}
