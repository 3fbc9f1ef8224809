//! `--fix` and `--diff`: apply the certain fixes, re-check, repeat until
//! nothing changes; then write each changed file atomically, or show diffs.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use std::time::Instant;

use super::check::{CheckOutcome, CheckRequest, RunStats, check_loaded, load_corpus, prepare};
use super::load::{Loaded, load_bytes};
use super::{AppError, Project};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::files;
use crate::source::SourceFile;

/// Rounds of fix-and-recheck before giving up (fixes that enable other fixes converge fast).
const MAX_ROUNDS: usize = 10;

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

/// Like [`fix`], on a corpus already loaded.
///
/// # Errors
/// When checking fails.
pub fn fix_loaded(project: &Project, mut loaded: Vec<Loaded>, selected: &[String]) -> Result<Fixed, AppError> {
    let position: HashMap<String, usize> = loaded.iter().enumerate().map(|(i, l)| (l.file.name.clone(), i)).collect();
    let mut changes: BTreeMap<String, Change> = BTreeMap::new();
    let mut diagnostics = check_loaded(project, &loaded, selected)?;
    for _ in 0..MAX_ROUNDS {
        let mut fixes: BTreeMap<&str, (&Arc<SourceFile>, Vec<&Fix>)> = BTreeMap::new();
        for d in &diagnostics {
            if let Some(fix) = &d.fix {
                fixes.entry(d.file.name.as_str()).or_insert_with(|| (&d.file, Vec::new())).1.push(fix);
            }
        }
        let mut edited = Vec::new();
        for (name, (file, fixes)) in fixes {
            let (next, count) = apply(&file.text, fixes);
            if count > 0 && next != *file.text {
                let change = changes.entry(name.to_owned()).or_insert_with(|| Change {
                    old: Arc::clone(&file.text),
                    new: Arc::clone(&file.text),
                    fixes: 0,
                });
                change.fixes += count;
                edited.push((name.to_owned(), next));
            }
        }
        if edited.is_empty() {
            break;
        }
        for (name, next) in edited {
            let slot = &mut loaded[position[&name]];
            *slot = load_bytes(&slot.file.path.clone(), &name, next.into_bytes());
            if let Some(change) = changes.get_mut(&name) {
                change.new = Arc::clone(&slot.file.text);
            }
        }
        diagnostics = check_loaded(project, &loaded, selected)?;
    }
    changes.retain(|_, c| c.new != c.old);
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
                        *slot = load_bytes(&slot.file.path.clone(), name, old.into_bytes());
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

/// Applies whole fixes whose edits overlap no edit already taken (the first
/// of two overlapping fixes wins; the other waits for the next round).
/// Returns the new text and how many fixes were applied.
#[must_use]
pub fn apply(text: &str, fixes: Vec<&Fix>) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && !taken.iter().any(|t| {
                    t.span.start < e.span.end.max(e.span.start + 1) && e.span.start < t.span.end.max(t.span.start + 1)
                })
        });
        if fits && !fix.edits.is_empty() {
            taken.extend(fix.edits.iter());
            count += 1;
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, count)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn whole_fixes_apply_and_overlapping_ones_wait() {
        let edit = |a, b, r: &str| Edit { span: Span::new(a, b), replacement: r.into() };
        let first = Fix { title: "a".into(), edits: vec![edit(0, 1, "X"), edit(4, 5, "YY")] };
        let overlapping = Fix { title: "b".into(), edits: vec![edit(0, 2, "Z")] };
        let insert = Fix { title: "c".into(), edits: vec![edit(3, 3, "+")] };
        let (out, n) = apply("abcdef", vec![&first, &overlapping, &insert]);
        assert_eq!((out.as_str(), n), ("Xbc+dYYf", 2));
    }
}
