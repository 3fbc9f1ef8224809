//! The concise format: one line per diagnostic, then the summary line.
//!
//! ```text
//! cells/drug/B2.yaml:5:11: error[ML201/unknown-tier] unknown tier `Key`
//! ```
//!
//! The shape (`file:line:col:`) is the one editors and `grep`-style tools jump
//! to; a fixable finding ends with `[*]`, as in ruff.

use super::Summary;
use super::human::summary_line;
use crate::diagnostic::Diagnostic;

/// One line per diagnostic and the summary.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary, names: &super::Names) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&line(d, names));
        out.push('\n');
    }
    out.push_str(&summary_line(summary));
    out
}

/// `file:line:col: severity[code/rule] message`, on one line whatever the
/// message contains; `file` from the working directory (see [`super::Names`]).
#[must_use]
pub fn line(d: &Diagnostic, names: &super::Names) -> String {
    let start = d.start();
    let message = super::visible::one_line(&d.message);
    let fixable = if d.fix.is_some() { " [*]" } else { "" };
    format!(
        "{}:{}:{}: {}[{}/{}] {message}{fixable}",
        super::visible::one_line(&names.show(&d.file.name)),
        start.line,
        start.column,
        d.severity,
        d.rule.code,
        d.rule.name
    )
}
