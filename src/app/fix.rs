//! `--fix` and `--diff`: apply the certain fixes, re-check, repeat until
//! nothing changes; then write each changed file atomically, or show diffs.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::Path;

use super::check::{CheckOutcome, CheckRequest, check_with};
use super::{AppError, Project};
use crate::diagnostic::{Diagnostic, Edit, Fix};

/// Rounds of fix-and-recheck before giving up (fixes that enable other fixes converge fast).
const MAX_ROUNDS: usize = 10;

/// What fixing produced.
#[derive(Debug)]
pub struct Fixed {
    /// The findings left after the last round.
    pub diagnostics: Vec<Diagnostic>,
    /// Changed files: original and fixed text.
    pub changes: BTreeMap<String, (String, String)>,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Fixes what can be fixed in the `selected` files, in memory.
///
/// # Errors
/// When a file cannot be re-read, or checking fails.
pub fn fix(project: &Project, selected: &[String]) -> Result<Fixed, AppError> {
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut originals: BTreeMap<String, String> = BTreeMap::new();
    let mut applied = 0;
    let mut diagnostics = check_with(project, selected, &texts)?;
    for _ in 0..MAX_ROUNDS {
        let mut fixes: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
        for d in &diagnostics {
            if let Some(fix) = &d.fix {
                fixes.entry(d.file.name.as_str()).or_default().push(fix);
            }
        }
        let mut changed = false;
        for (name, fixes) in fixes {
            let current = match texts.get(name) {
                Some(t) => t.clone(),
                None => read(&project.root.join(name))?,
            };
            let (next, count) = apply(&current, fixes);
            if count > 0 && next != current {
                originals.entry(name.to_owned()).or_insert_with(|| current.clone());
                texts.insert(name.to_owned(), next);
                applied += count;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        diagnostics = check_with(project, selected, &texts)?;
    }
    let changes = originals
        .into_iter()
        .filter_map(|(name, old)| texts.remove(&name).filter(|new| *new != old).map(|new| (name, (old, new))))
        .collect();
    Ok(Fixed { diagnostics, changes, applied })
}

/// What the user asked of fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fixed files.
    Write,
    /// Only show the edits.
    Diff,
}

/// `check --fix` / `check --diff`: the remaining findings, and a note (or
/// the diff) to print before them.
///
/// # Errors
/// When the run cannot happen or a file cannot be written.
pub fn run(req: &CheckRequest, mode: Mode) -> Result<(CheckOutcome, String), AppError> {
    let project = Project::open_for(&req.cwd, req.root.as_deref(), &req.paths, req.today)?;
    let selected = project.select(&req.cwd, &req.paths)?;
    let fixed = fix(&project, &selected)?;
    let note = match mode {
        Mode::Diff => diff(&fixed.changes),
        Mode::Write => {
            for (name, (_, new)) in &fixed.changes {
                write_atomically(&project.root.join(name), new)?;
            }
            let files = fixed.changes.len();
            match fixed.applied {
                0 => String::new(),
                n => format!("Fixed {n} problem{} in {files} file{}.\n", plural(n), plural(files)),
            }
        }
    };
    let outcome = CheckOutcome {
        diagnostics: fixed.diagnostics,
        files: selected.len(),
        reported: selected,
        root: project.root.clone(),
    };
    Ok((outcome, note))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn read(path: &Path) -> Result<String, AppError> {
    std::fs::read_to_string(path).map_err(|e| AppError::Internal(format!("cannot re-read {}: {e}", path.display())))
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

/// Writes `text` to `path` atomically: a temporary file in the same
/// directory, with the original's permissions, renamed over it.
///
/// # Errors
/// When the file cannot be written.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::Internal(format!("cannot write {}: {e}", path.display()));
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(text.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions()).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A unified diff of every change.
#[must_use]
pub fn diff(changes: &BTreeMap<String, (String, String)>) -> String {
    let mut out = String::new();
    for (name, (old, new)) in changes {
        let diff = similar::TextDiff::from_lines(old, new);
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
