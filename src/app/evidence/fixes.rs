//! `evidence --fix`: the `superseded` findings' edits (the newer DOI and
//! its year), applied atomically and only to files that still hold what
//! was read.

use std::collections::BTreeMap;

use super::EvidenceError;
use crate::diagnostic::{Diagnostic, Edit};

/// Applies every fix of `diagnostics`; returns what changed, in words.
///
/// # Errors
/// A file that could not be written (changed meanwhile, read-only…).
pub(super) fn apply(diagnostics: &[Diagnostic]) -> Result<Vec<String>, EvidenceError> {
    let mut by_file: BTreeMap<&str, (&Diagnostic, Vec<&Edit>, Vec<&str>)> = BTreeMap::new();
    for d in diagnostics {
        let Some(fix) = &d.fix else { continue };
        let slot = by_file.entry(d.file.name.as_str()).or_insert_with(|| (d, Vec::new(), Vec::new()));
        slot.1.extend(fix.edits.iter());
        slot.2.push(fix.title.as_str());
    }
    let mut done = Vec::new();
    for (name, (d, mut edits, titles)) in by_file {
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let text = &d.file.text;
        let mut fixed = text.to_string();
        let mut floor = usize::MAX;
        for e in edits {
            // Overlapping edits: the later one wins, the earlier is left for the next run.
            if e.span.end > floor {
                continue;
            }
            fixed.replace_range(e.span.start..e.span.end, &e.replacement);
            floor = e.span.start;
        }
        crate::files::replace(d.file.path(), text.as_bytes(), fixed.as_bytes())
            .map_err(|source| EvidenceError::Write { what: name.to_owned(), source })?;
        done.push(format!("{name}: {}", titles.join("; ")));
    }
    Ok(done)
}
