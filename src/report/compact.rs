//! Findings that no longer hold their whole files. A finding keeps its file
//! until the report is written; `check` of a large corpus would otherwise
//! keep every text with a finding (most of them). Once a file is checked,
//! its findings share one compact copy keeping the lines every format reads:
//! the human format's excerpts and the lines of each label and fix edit
//! (whose lines and columns the other formats show).

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// Makes `diagnostics` hold compact copies of their files, one copy per file,
/// keeping what every format renders of them: the reports are the same.
pub fn compact(diagnostics: &mut [Diagnostic]) {
    let mut lines: HashMap<*const SourceFile, Vec<RangeInclusive<usize>>> = HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.file.is_compact()) {
        lines.entry(Arc::as_ptr(&d.file)).or_default().extend(lines_rendered(d));
    }
    let mut copies: HashMap<*const SourceFile, Arc<SourceFile>> = HashMap::new();
    for d in diagnostics.iter_mut().filter(|d| !d.file.is_compact()) {
        let key = Arc::as_ptr(&d.file);
        let copy =
            copies.entry(key).or_insert_with(|| Arc::new(d.file.keep_lines(lines.remove(&key).unwrap_or_default())));
        d.file = Arc::clone(copy);
    }
}

/// The lines of its file that a format may read for `d`.
fn lines_rendered(d: &Diagnostic) -> Vec<RangeInclusive<usize>> {
    let spans: Vec<Span> = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)).collect();
    let mut lines = super::excerpt::lines_read(&d.file, &spans);
    let edits = d.fix.iter().flat_map(|f| &f.edits).flat_map(|e| [e.span.start, e.span.end]);
    for offset in spans.iter().flat_map(|s| [s.start, s.end]).chain(edits) {
        let line = d.file.line_col(offset).line;
        lines.push(line..=line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::compact;
    use crate::diagnostic::{Diagnostic, Edit};
    use crate::report::{Summary, json, sarif};
    use crate::source::{SourceFile, Span};

    #[test]
    fn a_fix_far_from_its_label_keeps_the_lines_of_its_edits() {
        let text: String = (1..=60).map(|i| format!("line{i}: “é” {}\n", "x".repeat(i))).collect();
        let file = Arc::new(SourceFile::new("cells/drug/B2.yaml", "cells/drug/B2.yaml", text.as_str()));
        let at = |line: usize, column: usize| file.line_start(line) + column;
        let d = Diagnostic::new(crate::rules::RULES[0].info, &file, Span::new(at(2, 3), at(2, 9)), "m")
            .with_secondary(Span::new(at(30, 1), at(30, 4)), "there")
            .with_fix("f", vec![Edit { span: Span::new(at(50, 12), at(51, 4)), replacement: "y".into() }]);
        let whole = vec![d];
        let mut compacted = whole.clone();
        compact(&mut compacted);
        assert!(compacted[0].file.is_compact());
        let summary = Summary::new(1, &whole);
        assert_eq!(json::render(&compacted, summary), json::render(&whole, summary));
        assert_eq!(sarif::render(&compacted, ""), sarif::render(&whole, ""));
        assert_eq!(compacted[0].file.line_text(50), whole[0].file.line_text(50), "the edit's lines are kept");
        assert_eq!(compacted[0].file.line_text(40), "", "lines no format reads are not");
    }
}
