//! Finding the corpus root, its configuration and its cell files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;

use matrixlint_engine::config::FILE_NAME;

use crate::WorkspaceError;

/// The directory holding `matrixlint.yaml`: `explicit` if given, else the
/// nearest one upwards from `cwd`.
///
/// # Errors
/// When no configuration is found or the root is unreadable.
pub(crate) fn find_root(cwd: &Path, explicit: Option<&Path>) -> Result<PathBuf, WorkspaceError> {
    if let Some(root) = explicit {
        let root = if root.is_absolute() { root.to_owned() } else { cwd.join(root) };
        return root.canonicalize().map_err(|source| WorkspaceError::Root { path: root, source });
    }
    let start = cwd.canonicalize().map_err(|source| WorkspaceError::Root { path: cwd.to_owned(), source })?;
    start
        .ancestors()
        // Any kind of file counts: one that cannot be read is reported, not passed over.
        .find(|dir| dir.join(FILE_NAME).symlink_metadata().is_ok())
        .map(Path::to_owned)
        .ok_or(WorkspaceError::NoConfig { from: start })
}

/// The cell sources of a corpus.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// Every file matching the globs, by name (see [`name_of`]), sorted.
    pub files: Vec<String>,
    /// Files whose name is not their path written out (a name that is not
    /// UTF-8 or holds control characters is shown escaped).
    pub escaped: HashMap<String, PathBuf>,
    /// The globs that matched no file.
    pub unmatched: Vec<String>,
}

/// Every file under `root` matching `globs`, relative to `root`, sorted.
/// Honours `.gitignore`; skips hidden directories. Symbolic links and special
/// files are listed (not followed while walking), so a dangling link or a
/// FIFO is reported, not skipped.
#[must_use]
pub(crate) fn corpus_files(root: &Path, globs: &[String], set: &GlobSet) -> Listing {
    let mut listing = Listing::default();
    let mut matched = vec![false; globs.len()];
    for entry in ignore::WalkBuilder::new(root).require_git(false).build().filter_map(Result::ok) {
        // Everything but folders: a FIFO or a device matching the globs is
        // reported by loading (never read), not passed over in silence.
        if entry.file_type().is_none_or(|t| t.is_dir()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else { continue };
        let hits = set.matches(rel);
        if hits.is_empty() {
            continue;
        }
        for i in hits {
            matched[i] = true;
        }
        let name = name_of(rel);
        if root.join(&name) != entry.path() {
            listing.escaped.insert(name.clone(), entry.path().to_owned());
        }
        listing.files.push(name);
    }
    listing.files.sort();
    listing.unmatched = globs.iter().zip(matched).filter(|(_, m)| !m).map(|(g, _)| g.clone()).collect();
    listing
}

/// `path` relative to `root` with `/` separators, if it is inside.
#[must_use]
pub(crate) fn relative(root: &Path, path: &Path) -> Option<String> {
    Some(name_of(path.strip_prefix(root).ok()?))
}

/// A relative path as reports show it: `/` separators; bytes that are not
/// UTF-8 as `\xNN` and control characters as `\u{NN}`, so that a file name
/// can neither be mistaken for another nor send escape sequences to a terminal.
#[must_use]
pub(crate) fn name_of(rel: &Path) -> String {
    let parts: Vec<String> = rel.components().map(|c| escape_os(c.as_os_str())).collect();
    parts.join("/")
}

fn escape_os(part: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(part);
    #[cfg(not(unix))]
    let lossy = part.to_string_lossy();
    #[cfg(not(unix))]
    let bytes = lossy.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Which corpus files the named `paths` select (all of them when none is named).
///
/// # Errors
/// A path that does not exist, lies outside the root, or names no cell source.
pub(crate) fn select(
    root: &Path,
    cwd: &Path,
    corpus: &[String],
    paths: &[PathBuf],
) -> Result<Vec<String>, WorkspaceError> {
    if paths.is_empty() {
        return Ok(corpus.to_vec());
    }
    let mut selected = Vec::new();
    for p in paths {
        let absolute = if p.is_absolute() { p.clone() } else { cwd.join(p) };
        let canonical = resolve_named(&absolute).map_err(|source| WorkspaceError::Path { path: p.clone(), source })?;
        let Some(rel) = relative(root, &canonical) else {
            return Err(WorkspaceError::OutsideCorpus { path: p.clone(), root: root.to_owned() });
        };
        if canonical.is_dir() {
            let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
            selected.extend(corpus.iter().filter(|f| f.starts_with(&prefix)).cloned());
        } else if corpus.contains(&rel) {
            selected.push(rel);
        } else {
            let help = if p.extension().is_some_and(|e| e == "yml") {
                "rename it to `.yaml`, or add `cells/**/*.yml` to `cells` in matrixlint.yaml".to_owned()
            } else {
                "cell sources are the files matching `cells` in matrixlint.yaml".to_owned()
            };
            return Err(WorkspaceError::NotACell { path: p.clone(), root: root.to_owned(), help });
        }
    }
    selected.sort();
    selected.dedup();
    Ok(selected)
}

/// The name under `root` of a file named on the command line that need not
/// exist (standard input stands for it): its deepest existing folder resolved,
/// the rest kept as written. `None` outside the root.
#[must_use]
pub fn name_within(root: &Path, cwd: &Path, path: &Path) -> Option<String> {
    let absolute = if path.is_absolute() { path.to_owned() } else { cwd.join(path) };
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            let full = rest.iter().rev().fold(real, |p: PathBuf, part| p.join(part));
            return relative(root, &full).filter(|name| !name.is_empty());
        }
        rest.push(at.file_name()?.to_owned());
        at = at.parent()?;
    }
}

/// The canonical form of a named path, except that a symbolic link to a
/// file stays itself (its folder resolved): the file is then a corpus file
/// like any other, and loading it decides whether its target may be read.
fn resolve_named(path: &Path) -> std::io::Result<PathBuf> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() && !path.is_dir() {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else { return path.canonicalize() };
        let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        return Ok(parent.canonicalize()?.join(name));
    }
    path.canonicalize()
}
