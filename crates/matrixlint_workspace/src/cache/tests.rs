use std::path::Path;
use std::time::{Duration, SystemTime};

use matrixlint_engine::cell::BiteSection;
use matrixlint_engine::index::CellRecord;
use matrixlint_engine::source::Span;

use super::*;

const TOOL: &str = "0.1.0";

fn record(file: &str) -> CellRecord {
    CellRecord {
        file: file.to_owned(),
        matrix: "drug".to_owned(),
        cell: "B2".to_owned(),
        cell_span: Span::new(20, 22),
        issues: vec!["busk".to_owned()],
        sections: vec![BiteSection::About, BiteSection::Highlighted],
        read: true,
    }
}

/// A corpus root holding `cells/drug/B2.yaml`, last modified an hour ago.
fn corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("cells/drug")).unwrap();
    let file = root.join("cells/drug/B2.yaml");
    std::fs::write(&file, "matrix: drug\ncell: B2\n").unwrap();
    set_mtime(&file, SystemTime::now() - Duration::from_secs(3600));
    (dir, root)
}

fn set_mtime(path: &Path, when: SystemTime) {
    std::fs::File::options().write(true).open(path).unwrap().set_modified(when).unwrap();
}

/// Stores the file's record in a new cache and saves it, as a run would.
fn stored(root: &Path, name: &str) {
    let (mut cache, warning) = Cache::open(root, TOOL, SystemTime::now());
    assert_eq!(warning, None);
    let path = root.join(name);
    let bytes = std::fs::read(&path).unwrap();
    cache.store(name, Stamp::of(&path).unwrap(), ContentHash::of(&bytes), Some(&record(name)));
    assert_eq!(cache.save(), None);
}

const NAME: &str = "cells/drug/B2.yaml";

#[test]
fn an_unchanged_file_is_a_hit_without_reading_and_round_trips_its_record() {
    let (_dir, root) = corpus();
    stored(&root, NAME);
    let (cache, warning) = Cache::open(&root, TOOL, SystemTime::now());
    assert_eq!(warning, None);
    assert_eq!(cache.lookup(NAME, &root.join(NAME)), Lookup::Hit(Some(record(NAME))));
    assert!(root.join(".matrixlint/cache/.gitignore").is_file(), "the folder keeps itself out of git");
}

#[test]
fn a_stamp_is_trusted_only_well_after_the_last_modification() {
    let stamp = Stamp { size: 10, mtime_ns: 1_000_000_000_000, ctime_ns: 1_000_000_000_000, inode: 7 };
    assert!(!stamp.trusted(stamp.mtime_ns), "read in the tick it was written: racy");
    assert!(!stamp.trusted(stamp.mtime_ns + stamp::GRANULARITY_NS), "within the granularity: racy");
    assert!(stamp.trusted(stamp.mtime_ns + stamp::GRANULARITY_NS + 1));
}

#[test]
fn a_racy_entry_is_a_miss_even_when_the_stamp_matches() {
    let (_dir, root) = corpus();
    let path = root.join(NAME);
    // Modified just now: the entry is verified within the granularity.
    set_mtime(&path, SystemTime::now());
    stored(&root, NAME);
    let (cache, _) = Cache::open(&root, TOOL, SystemTime::now());
    let now = Stamp::of(&path);
    assert_eq!(cache.lookup(NAME, &path), Lookup::Miss(now), "same stamp, but racy: read and hash");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(cache.same_content(NAME, ContentHash::of(&bytes)), Some(Some(record(NAME))));
    assert_eq!(cache.same_content(NAME, ContentHash::of(b"matrix: drug\ncell: B3\n")), None);
}

#[test]
fn an_edit_keeping_size_and_mtime_is_a_miss() {
    let (_dir, root) = corpus();
    let path = root.join(NAME);
    let old = std::fs::metadata(&path).unwrap().modified().unwrap();
    stored(&root, NAME);
    std::fs::write(&path, "matrix: drug\ncell: B3\n").unwrap();
    set_mtime(&path, old);
    let (cache, _) = Cache::open(&root, TOOL, SystemTime::now());
    assert!(matches!(cache.lookup(NAME, &path), Lookup::Miss(Some(_))), "the change time gives it away");
}

#[test]
fn a_replaced_or_deleted_file_is_a_miss_and_retain_forgets_it() {
    let (_dir, root) = corpus();
    let path = root.join(NAME);
    stored(&root, NAME);
    let (mut cache, _) = Cache::open(&root, TOOL, SystemTime::now());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(cache.lookup(NAME, &path), Lookup::Miss(None));
    cache.retain(|name| name != NAME);
    assert!(cache.is_empty());
    assert_eq!(cache.save(), None);
    assert!(Cache::open(&root, TOOL, SystemTime::now()).0.is_empty(), "the deletion was written");
}

/// Writes `bytes` as the cache file and opens the cache: the warning it gives.
fn opened_over(bytes: &[u8]) -> String {
    let (_dir, root) = corpus();
    stored(&root, NAME);
    std::fs::write(root.join(DIR).join(FILE), bytes).unwrap();
    let (cache, warning) = Cache::open(&root, TOOL, SystemTime::now());
    assert!(cache.is_empty(), "never trusted");
    assert!(matches!(cache.lookup(NAME, &root.join(NAME)), Lookup::Miss(_)));
    assert_eq!(cache.save(), None, "one warning a run: rewriting says nothing more");
    assert_eq!(Cache::open(&root, TOOL, SystemTime::now()).1, None, "rewritten");
    warning.expect("a warning").to_string()
}

#[test]
fn a_corrupt_truncated_foreign_or_other_version_cache_is_ignored_with_one_warning() {
    let (_dir, root) = corpus();
    stored(&root, NAME);
    let good = std::fs::read(root.join(DIR).join(FILE)).unwrap();
    let truncated = opened_over(&good[..good.len() / 2]);
    assert!(truncated.contains("is truncated; it was ignored and is rebuilt"), "{truncated}");
    let mut corrupt = good.clone();
    let at = corrupt.len() - 3;
    corrupt[at] = b'!';
    assert!(opened_over(&corrupt).contains("is corrupt (at line 1"));
    assert!(opened_over(b"SQLite format 3\0").contains("is not a matrixlint corpus cache"));
    assert!(opened_over(b"").contains("is not a matrixlint corpus cache"));
    let newer = String::from_utf8(good.clone()).unwrap().replacen("\"version\":2", "\"version\":3", 1);
    assert!(opened_over(newer.as_bytes()).contains("in another format (version 3"));
    let other = String::from_utf8(good).unwrap().replacen("\"tool\":\"0.1.0\"", "\"tool\":\"9.9\\u001b[2J\"", 1);
    let warning = opened_over(other.as_bytes());
    assert!(warning.contains("written by matrixlint 9.9") && !warning.contains('\u{1b}'), "{warning}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_or_fifo_cache_is_ignored_and_replaced_not_followed() {
    let (_dir, root) = corpus();
    stored(&root, NAME);
    let file = root.join(DIR).join(FILE);
    let elsewhere = root.join("elsewhere.json");
    std::fs::rename(&file, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
    let (mut cache, warning) = Cache::open(&root, TOOL, SystemTime::now());
    assert!(warning.unwrap().to_string().contains("is a symbolic link"));
    cache.retain(|_| false);
    assert_eq!(cache.save(), None);
    assert!(!std::fs::symlink_metadata(&file).unwrap().file_type().is_symlink(), "the link itself replaced");
    assert!(std::fs::read_to_string(&elsewhere).unwrap().contains(NAME), "its target untouched");

    std::fs::remove_file(&file).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&file).status().is_ok_and(|s| s.success());
    if made {
        let (_, warning) = Cache::open(&root, TOOL, SystemTime::now());
        assert!(warning.unwrap().to_string().contains("named pipe"), "read without blocking");
    }
}

#[cfg(unix)]
#[test]
fn a_cache_folder_outside_the_root_is_neither_read_nor_written() {
    let (_dir, root) = corpus();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join(".matrixlint")).unwrap();
    let (mut cache, warning) = Cache::open(&root, TOOL, SystemTime::now());
    assert_eq!(warning, None, "nothing there yet");
    let bytes = b"x";
    cache.store(NAME, Stamp::of(&root.join(NAME)).unwrap(), ContentHash::of(bytes), None);
    let warning = cache.save().expect("not written").to_string();
    assert!(warning.contains("outside the corpus root"), "{warning}");
    assert!(!outside.path().join("cache").join(FILE).exists());
}

#[test]
fn a_disabled_cache_neither_reads_nor_writes() {
    let (_dir, root) = corpus();
    let mut cache = Cache::disabled();
    cache.store(NAME, Stamp::of(&root.join(NAME)).unwrap(), ContentHash::of(b""), None);
    assert!(cache.is_empty());
    assert_eq!(cache.save(), None);
    assert!(!root.join(".matrixlint").exists());
}

#[test]
fn a_content_hash_reads_back_and_tells_bytes_apart() {
    let hash = ContentHash::of(b"matrix: drug\n");
    assert_eq!(ContentHash::from_hex(&hash.to_hex()), Some(hash));
    assert_ne!(hash, ContentHash::of(b"matrix: drug \n"));
    assert_eq!(ContentHash::from_hex("zz"), None);
}

#[test]
fn the_file_of_the_format_before_is_removed_when_the_cache_is_written() {
    let (_dir, root) = corpus();
    let old = root.join(DIR).join("index-v1.json");
    std::fs::create_dir_all(root.join(DIR)).unwrap();
    std::fs::write(&old, "{}").unwrap();
    stored(&root, NAME);
    assert!(!old.exists(), "a new format starts afresh: the old file goes");
    assert!(root.join(DIR).join(FILE).is_file());
}

#[test]
fn findings_are_stored_only_for_the_bytes_the_entry_is_of_and_only_when_it_was_verified() {
    let (_dir, root) = corpus();
    let path = root.join(NAME);
    let bytes = std::fs::read(&path).unwrap();
    let key = FindingsKey::of(&[b"today"]);
    let (mut cache, _) = Cache::open(&root, TOOL, SystemTime::now());
    cache.store_findings(NAME, ContentHash::of(&bytes), key, &[]);
    assert!(!cache.has_findings(NAME), "no entry verified this run");
    cache.store(NAME, Stamp::of(&path).unwrap(), ContentHash::of(&bytes), Some(&record(NAME)));
    cache.store_findings(NAME, ContentHash::of(b"changed between the passes"), key, &[]);
    assert!(!cache.has_findings(NAME), "linted bytes that are not the entry's");
    cache.store_findings(NAME, ContentHash::of(&bytes), key, &[]);
    assert!(matches!(cache.findings(NAME, &path, key), Ok(Some(found)) if found.is_empty()));
    assert!(matches!(cache.findings(NAME, &path, FindingsKey::of(&[b"tomorrow"])), Ok(None)), "another key");
    assert_eq!(cache.save(), None);
    let (cache, _) = Cache::open(&root, TOOL, SystemTime::now());
    assert!(cache.has_findings(NAME));
    assert!(matches!(cache.findings(NAME, &path, key), Ok(None)), "not verified by this run yet");
}
