//! `--fix` and `--diff` over a corpus: the engine fixes each file in memory;
//! then each changed file is written atomically, or the diffs shown.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::check::{CheckOutcome, CheckRequest, RunStats, check_loaded, load_corpus, prepare};
use super::{AppError, Project};
use crate::diagnostic::Diagnostic;
use crate::files;
use crate::lint::Loaded;

/// What fixing produced.
#[derive(Debug)]
pub struct Fixed {
    /// The findings left after the last round.
    pub diagnostics: Vec<Diagnostic>,
    /// Changed files by name.
    pub changes: BTreeMap<String, Change>,
    /// The corpus as fixed, in memory.
    loaded: Vec<Loaded>,
}

/// One file's fixes.
#[derive(Debug)]
pub struct Change {
    /// The text the findings came from (as read from disk).
    pub old: Arc<str>,
    /// The text with every fix applied.
    pub new: Arc<str>,
    /// How many fixes it took.
    pub fixes: usize,
}

/// Fixes what can be fixed in the `selected` files, in memory. Each file is
/// read once; every round applies fixes to exactly the text its findings
/// were computed from, so nothing written by another process meanwhile can
/// shift a span.
///
/// # Errors
/// When checking fails.
pub fn fix(project: &Project, selected: &[String]) -> Result<Fixed, AppError> {
    fix_loaded(project, load_corpus(project), selected)
}

/// Like [`fix`], on a corpus already loaded. Each selected file is fixed by
/// the engine against the corpus as read; the findings left are those of the
/// corpus as fixed (a fix that changes what a file declares is seen by the
/// others).
///
/// # Errors
/// When checking fails.
pub fn fix_loaded(project: &Project, loaded: Vec<Loaded>, selected: &[String]) -> Result<Fixed, AppError> {
    let corpus = super::check::index(&loaded);
    let wanted: HashSet<&str> = selected.iter().map(String::as_str).collect();
    let fixed: Vec<(Loaded, Option<Change>)> = loaded
        .into_par_iter()
        .map(|file| {
            if !wanted.contains(file.file.name.as_str()) {
                return (file, None);
            }
            let old = Arc::clone(&file.file.text);
            let done = project.linter.fix(file, &corpus);
            let new = Arc::clone(&done.loaded.file.text);
            let change = (done.fixes > 0 && new != old).then_some(Change { old, new, fixes: done.fixes });
            (done.loaded, change)
        })
        .collect();
    let mut changes = BTreeMap::new();
    let mut loaded = Vec::with_capacity(fixed.len());
    for (file, change) in fixed {
        if let Some(change) = change {
            changes.insert(file.file.name.clone(), change);
        }
        loaded.push(file);
    }
    let diagnostics = check_loaded(project, &loaded, selected)?;
    Ok(Fixed { diagnostics, changes, loaded })
}

/// What the user asked of fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fixed files.
    Write,
    /// Only show the edits.
    Diff,
}

/// What `check --fix` / `check --diff` did.
#[derive(Debug)]
pub struct FixRun {
    /// The findings left, as the files now stand.
    pub outcome: CheckOutcome,
    /// The note (or the diff) to print before them.
    pub note: String,
    /// Whether a file could not be written (the run then fails).
    pub failed: bool,
    /// With standard input and `--fix`: the fixed text, for standard output.
    pub fixed_stdin: Option<String>,
}

/// `check --fix` / `check --diff`.
///
/// # Errors
/// When the run cannot happen.
pub fn run(req: &CheckRequest, mode: Mode) -> Result<FixRun, AppError> {
    let started = Instant::now();
    let (project, loaded, selected) = prepare(req)?;
    let mut stats = RunStats::of(&project, started.elapsed());
    let started = Instant::now();
    let mut fixed = fix_loaded(&project, loaded, &selected)?;
    stats.check = started.elapsed();
    let mut failed = false;
    let mut fixed_stdin = None;
    let note = match mode {
        Mode::Diff => diff(&fixed.changes),
        // Standard input is never written back: the fixed text goes to standard output.
        Mode::Write if req.stdin.is_some() => {
            let name = &selected[0];
            let text = fixed.loaded.iter().find(|l| l.file.name == *name).map(|l| l.file.text.to_string());
            fixed_stdin = text;
            String::new()
        }
        Mode::Write => {
            let mut note = String::new();
            let mut written = (0, 0);
            let mut left = Vec::new();
            for (name, change) in &fixed.changes {
                match files::replace(&project.path(name), change.old.as_bytes(), change.new.as_bytes()) {
                    Ok(()) => written = (written.0 + change.fixes, written.1 + 1),
                    Err(e) => {
                        let _ = writeln!(note, "Could not fix {name}: {}.", with_causes(&e));
                        left.push(name.clone());
                    }
                }
            }
            if !left.is_empty() {
                failed = true;
                note.push_str("Run `matrixlint check --fix` again once nothing else is writing these files.\n");
                // Report the files that were left alone as they were read.
                for name in &left {
                    if let Some(slot) = fixed.loaded.iter_mut().find(|l| l.file.name == *name) {
                        let old = fixed.changes[name].old.to_string();
                        *slot = Loaded::from_text(&slot.file.path.clone(), name, old);
                    }
                }
                fixed.diagnostics = check_loaded(&project, &fixed.loaded, &selected)?;
            }
            let (n, files) = written;
            if n > 0 {
                note.insert_str(0, &format!("Fixed {n} problem{} in {files} file{}.\n", plural(n), plural(files)));
            }
            note
        }
    };
    let outcome = CheckOutcome {
        diagnostics: fixed.diagnostics,
        files: selected.len(),
        reported: selected,
        root: project.root.clone(),
        stats,
        warnings: Vec::new(),
    };
    Ok(FixRun { outcome, note, failed, fixed_stdin })
}

/// An error and its causes on one line.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let _ = write!(text, ": {c}");
        cause = c.source();
    }
    text
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A unified diff of every change.
#[must_use]
pub fn diff(changes: &BTreeMap<String, Change>) -> String {
    let mut out = String::new();
    for (name, change) in changes {
        let diff = similar::TextDiff::from_lines(&*change.old, &*change.new);
        out.push_str(
            &diff.unified_diff().context_radius(2).header(&format!("a/{name}"), &format!("b/{name}")).to_string(),
        );
    }
    out
}
