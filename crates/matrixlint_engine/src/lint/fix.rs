//! Fixes: whole fixes applied to exactly the text their findings came from,
//! the result checked again, until nothing changes.

use super::{Linter, Loaded};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::index::Corpus;

/// Rounds of fix-and-recheck before giving up (fixes that enable other fixes converge fast).
const MAX_ROUNDS: usize = 10;

/// One file with every certain fix applied.
#[derive(Debug)]
pub struct Fixed {
    /// The file as fixed (the same file when nothing could be fixed).
    pub loaded: Loaded,
    /// How many fixes were applied.
    pub fixes: usize,
    /// The findings left.
    pub diagnostics: Vec<Diagnostic>,
}

impl Linter {
    /// Applies `file`'s certain fixes, checks the result again and repeats
    /// until nothing changes (at most ten rounds).
    #[must_use]
    pub fn fix(&self, file: Loaded, corpus: &Corpus) -> Fixed {
        let mut current = file;
        let mut fixes = 0;
        let mut diagnostics = self.lint(&current, corpus);
        for _ in 0..MAX_ROUNDS {
            let (next, count) = apply(&current.file.text, diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect());
            if count == 0 || next == *current.file.text {
                break;
            }
            fixes += count;
            current = Loaded::from_text(&current.file.path.clone(), &current.file.name.clone(), next);
            diagnostics = self.lint(&current, corpus);
        }
        Fixed { loaded: current, fixes, diagnostics }
    }
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
