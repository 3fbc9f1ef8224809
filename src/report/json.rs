//! The JSON format (version 1): one document with every diagnostic and a summary.

use std::borrow::Cow;

use serde::Serialize;

use super::{Summary, visible};
use crate::diagnostic::Diagnostic;

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
}

/// The JSON document, pretty-printed, with a final newline.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let doc = Document { version: 1, diagnostics: diagnostics.iter().map(item).collect(), summary };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
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
    }
}
