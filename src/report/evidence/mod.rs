//! Rendering an evidence audit. Findings are registry diagnostics, so the
//! human, concise, GitHub and SARIF formats are `check`'s; each adds what
//! only this audit knows: entries counted, what stayed unknown and why,
//! requests per service, warnings. JSON carries every entry's status.

pub mod dump;
pub mod html;
pub mod json;
pub mod markdown;

use std::fmt::Write as _;

use crate::diagnostic::Diagnostic;
use crate::evidence::audit::{Checked, EvidenceAudit};
use crate::report::visible;
use crate::report::{Names, Summary};

crate::choice::choice! {
    /// Output formats of `evidence`.
    pub enum EvidenceFormat {
        /// Each finding with its source line, then what stayed unknown.
        Human = "human",
        /// One line per finding: `file:line:col: severity[code/rule] message`.
        Concise = "concise",
        /// One JSON document: findings and every entry's status.
        Json = "json",
        /// A report for a person: counts, findings by cell, what stayed unknown.
        Markdown = "markdown",
        /// GitHub Actions annotations.
        Github = "github",
        /// SARIF 2.1.0 for code scanning.
        Sarif = "sarif",
        /// One self-contained HTML page: both matrices as grids, then problems by cell.
        Html = "html",
    }
}

/// What a report needs beyond the audit.
pub struct View<'a> {
    /// The audit.
    pub audit: &'a EvidenceAudit,
    /// Its findings (levels and suppressions applied).
    pub diagnostics: &'a [Diagnostic],
    /// Files audited.
    pub files: usize,
}

impl View<'_> {
    /// The entries nothing definite could be learnt about, or only in part.
    pub fn unknown(&self) -> impl Iterator<Item = &Checked> {
        self.audit.entries.iter().filter(|c| !c.status.unknown.is_empty())
    }

    /// Entries with at least one identifier.
    #[must_use]
    pub fn identified(&self) -> usize {
        self.audit.entries.iter().filter(|c| c.entry.identified()).count()
    }

    /// Whether the run fails (an error finding).
    #[must_use]
    pub fn fails(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Renders `view` in `format`; `base` is the corpus root relative to the repository.
#[must_use]
pub fn render(view: &View<'_>, format: EvidenceFormat, base: &str, names: &Names, color: bool, width: usize) -> String {
    let summary = Summary::new(view.files, view.diagnostics);
    match format {
        EvidenceFormat::Human => {
            let style = crate::report::human::Style { color, width, names };
            crate::report::human::render(view.diagnostics, summary, style) + &notes(view, names)
        }
        EvidenceFormat::Concise => {
            crate::report::concise::render(view.diagnostics, summary, names) + &notes(view, names)
        }
        EvidenceFormat::Json => json::render(view),
        EvidenceFormat::Markdown => markdown::render(view, base),
        EvidenceFormat::Github => {
            let mut out = crate::report::github::render(view.diagnostics, base);
            for c in view.unknown() {
                let why = c.status.unknown.join("; ");
                let _ = writeln!(
                    out,
                    "::notice file={},line={}::{}",
                    crate::report::repo_path(base, &c.entry.file.name),
                    c.entry.file.line_col(c.entry.head.start).line,
                    github_escape(&format!("evidence unknown: {why}"))
                );
            }
            out
        }
        EvidenceFormat::Sarif => crate::report::sarif::render(view.diagnostics, base),
        EvidenceFormat::Html => html::render(view, base),
    }
}

fn github_escape(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// What only the evidence audit knows, as text after the findings.
#[must_use]
pub fn notes(view: &View<'_>, names: &Names) -> String {
    let audit = view.audit;
    let mut out = String::new();
    let total = audit.entries.len();
    let identified = view.identified();
    let _ = writeln!(
        out,
        "\nevidence: {total} entries in {} files, {identified} with an identifier ({} without, not reported)",
        view.files,
        total - identified
    );
    let sent: Vec<String> =
        audit.requests.sent.iter().filter(|(_, n)| **n > 0).map(|(s, n)| format!("{s} {n}")).collect();
    let cached: Vec<String> =
        audit.requests.cached.iter().filter(|(_, n)| **n > 0).map(|(s, n)| format!("{s} {n}")).collect();
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { v.join(", ") };
    let _ = writeln!(out, "requests: {}; answers reused from the cache: {}", list(&sent), list(&cached));
    let unknown: Vec<&Checked> = view.unknown().collect();
    if !unknown.is_empty() {
        let _ = writeln!(out, "unknown (not checked, so not known to be clean): {} entries", unknown.len());
        for c in unknown {
            let at = c.entry.file.line_col(c.entry.head.start);
            let _ = writeln!(
                out,
                "  {}:{}: {}",
                names.show(&c.entry.file.name),
                at.line,
                visible::one_line(&c.status.unknown.join("; "))
            );
        }
    }
    for w in &audit.warnings {
        let _ = writeln!(out, "warning: {}", visible::one_line(w));
    }
    out
}
