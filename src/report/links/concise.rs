//! The concise format for a link audit: one line per place of each
//! reported URL, in `check --format concise`'s shape
//! (`file:line:col: severity[code/rule] message`), then the summary line.

use std::fmt::Write as _;

use super::{per_place, reported, suggestion, summary_line};
use crate::report::concise::line;

/// Renders the lines, naming files from the working directory.
#[must_use]
pub fn render(audit: &crate::links::audit::Audit, names: &crate::report::Names) -> String {
    let mut out = super::problems::lines(&audit.problems, names);
    for r in reported(audit) {
        let archived = suggestion(r).map(|s| format!(" (archived: {s})")).unwrap_or_default();
        for d in per_place(r, audit) {
            let _ = writeln!(out, "{}{archived}", line(&d, names));
        }
    }
    out.push_str(&summary_line(audit));
    out
}
