//! Finding the corpus root, its configuration and its cell files.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::AppError;
use crate::config::FILE_NAME;

/// The directory holding `matrixlint.yaml`: `explicit` if given, else the
/// nearest one upwards from `cwd`.
///
/// # Errors
/// When no configuration is found or the root is unreadable.
pub fn find_root(cwd: &Path, explicit: Option<&Path>) -> Result<PathBuf, AppError> {
    if let Some(root) = explicit {
        let root = if root.is_absolute() { root.to_owned() } else { cwd.join(root) };
        return root.canonicalize().map_err(|source| AppError::Root { path: root, source });
    }
    let start = cwd.canonicalize().map_err(|source| AppError::Root { path: cwd.to_owned(), source })?;
    start
        .ancestors()
        .find(|dir| dir.join(FILE_NAME).is_file())
        .map(Path::to_owned)
        .ok_or(AppError::NoConfig { from: start })
}

/// Compiles the `cells` globs.
///
/// # Errors
/// Globs are validated with the configuration, so this fails only on a bug.
pub fn glob_set(globs: &[String]) -> Result<GlobSet, AppError> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        builder.add(Glob::new(g).map_err(|e| AppError::Internal(e.to_string()))?);
    }
    builder.build().map_err(|e| AppError::Internal(e.to_string()))
}

/// Every file under `root` matching `globs`, relative to `root`, sorted.
/// Honours `.gitignore`; skips hidden directories. Symbolic links are listed
/// (not followed while walking), so a dangling one is reported, not skipped.
#[must_use]
pub fn corpus_files(root: &Path, globs: &GlobSet) -> Vec<String> {
    let mut files: Vec<String> = ignore::WalkBuilder::new(root)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file() || t.is_symlink()))
        .filter_map(|e| relative(root, e.path()))
        .filter(|rel| globs.is_match(rel))
        .collect();
    files.sort();
    files
}

/// `path` relative to `root` with `/` separators, if it is inside.
#[must_use]
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(parts.join("/"))
}

/// Which corpus files the named `paths` select (all of them when none is named).
///
/// # Errors
/// A path that does not exist, lies outside the root, or names no cell source.
pub fn select(root: &Path, cwd: &Path, corpus: &[String], paths: &[PathBuf]) -> Result<Vec<String>, AppError> {
    if paths.is_empty() {
        return Ok(corpus.to_vec());
    }
    let mut selected = Vec::new();
    for p in paths {
        let absolute = if p.is_absolute() { p.clone() } else { cwd.join(p) };
        let canonical = absolute.canonicalize().map_err(|source| AppError::Path { path: p.clone(), source })?;
        let Some(rel) = relative(root, &canonical) else {
            return Err(AppError::OutsideCorpus { path: p.clone(), root: root.to_owned() });
        };
        if canonical.is_dir() {
            let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
            selected.extend(corpus.iter().filter(|f| f.starts_with(&prefix)).cloned());
        } else if corpus.contains(&rel) {
            selected.push(rel);
        } else {
            return Err(AppError::NotACell { path: p.clone(), root: root.to_owned() });
        }
    }
    selected.sort();
    selected.dedup();
    Ok(selected)
}
