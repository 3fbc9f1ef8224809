//! The JSON format (version 1): one document with every diagnostic and a summary.

use std::borrow::Cow;

use serde::Serialize;

use super::{Summary, visible};
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::SourceFile;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
}

/// One diagnostic in the document (also in `links`'s JSON, for files not audited).
#[derive(Serialize)]
pub(crate) struct Item<'a> {
    file: Cow<'a, str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    code: &'a str,
    severity: &'a str,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    /// Whether `check --fix` repairs it.
    fixable: bool,
    /// The repair, as ruff's JSON gives it (`null` when there is none).
    fix: Option<FixItem<'a>>,
}

/// A fix: what it does and its edits, positions 1-based, columns in characters.
#[derive(Serialize)]
struct FixItem<'a> {
    message: Cow<'a, str>,
    /// Every fix matrixlint applies is certain ("safe" in ruff's terms).
    applicability: &'static str,
    edits: Vec<EditItem<'a>>,
}

/// One edit: `content` replaces the text from `location` to `end_location` (exclusive).
#[derive(Serialize)]
struct EditItem<'a> {
    /// Exact (not made visible): escaped as JSON by [`visible::json_escaped`].
    content: &'a str,
    location: Place,
    end_location: Place,
}

#[derive(Serialize)]
struct Place {
    line: usize,
    column: usize,
}

impl Place {
    fn at(file: &SourceFile, offset: usize) -> Self {
        let at = file.line_col(offset);
        Self { line: at.line, column: at.column }
    }
}

fn fix_item<'a>(file: &SourceFile, fix: &'a Fix) -> FixItem<'a> {
    let edits = fix
        .edits
        .iter()
        .map(|e| EditItem {
            content: &e.replacement,
            location: Place::at(file, e.span.start),
            end_location: Place::at(file, e.span.end),
        })
        .collect();
    FixItem { message: visible::one_line(&fix.title), applicability: "safe", edits }
}

/// The JSON document, pretty-printed, with a final newline.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let doc = Document { version: 1, diagnostics: diagnostics.iter().map(item).collect(), summary };
    let mut s = visible::json_escaped(serde_json::to_string_pretty(&doc).unwrap_or_default());
    s.push('\n');
    s
}

/// One diagnostic as the document shows it.
pub(crate) fn item(d: &Diagnostic) -> Item<'_> {
    let (start, end) = (d.start(), d.end());
    Item {
        file: visible::one_line(&d.file.name),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        rule: d.rule.name,
        code: d.rule.code,
        severity: d.severity.as_str(),
        message: visible::one_line(&d.message),
        help: d.help.as_deref().map(visible::one_line),
        fixable: d.fix.is_some(),
        fix: d.fix.as_ref().map(|f| fix_item(&d.file, f)),
    }
}
