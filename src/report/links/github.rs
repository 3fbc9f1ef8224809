//! The GitHub format for a link audit: one annotation per place a reported
//! URL is used, through the `check` format's renderer, then the warnings and
//! a summary line for the log.

use std::fmt::Write as _;

use super::{per_place, reported, summary_line};
use crate::diagnostic::Diagnostic;
use crate::links::audit::Audit;
use crate::report::github;

/// Renders the annotations; `base` is the corpus root relative to the repository.
#[must_use]
pub fn render(audit: &Audit, base: &str) -> String {
    let mut diagnostics: Vec<Diagnostic> = audit.problems.clone();
    diagnostics.extend(reported(audit).flat_map(|r| per_place(r, audit)));
    let mut out = github::render(&diagnostics, base);
    for w in &audit.warnings {
        let _ = writeln!(
            out,
            "::warning title=matrixlint links::{}",
            github::escape_data(&crate::report::visible::one_line(w))
        );
    }
    out.push_str(&summary_line(audit));
    out
}
