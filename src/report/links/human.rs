//! The human format for a link audit: each reported URL once, as a miette
//! report whose labels are its places (other files' places as related
//! reports), then recovered links, warnings and a summary.

use std::fmt::{self, Write as _};

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{per_file, reported, summary_line};
use crate::diagnostic::Diagnostic;
use crate::links::audit::{Audit, State};

/// One URL: its first file's diagnostic, the other files' as related.
#[derive(Debug)]
struct UrlReport {
    main: Diagnostic,
    related: Vec<Diagnostic>,
}

impl fmt::Display for UrlReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.main.fmt(f)
    }
}

impl std::error::Error for UrlReport {}

impl miette::Diagnostic for UrlReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::code(&self.main)
    }

    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(&self.main)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(&self.main)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        miette::Diagnostic::source_code(&self.main)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        miette::Diagnostic::labels(&self.main)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn miette::Diagnostic)))
    }
}

/// Renders the audit for a terminal (`color` only on one).
#[must_use]
pub fn render(audit: &Audit, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    let mut out = String::new();
    for r in reported(audit) {
        let mut diagnostics = per_file(r, audit).into_iter();
        let Some(main) = diagnostics.next() else { continue };
        let report = UrlReport { main, related: diagnostics.collect() };
        if handler.render_report(&mut out, &report).is_err() {
            let _ = writeln!(out, "  {}", report.main.message);
        }
        out.push('\n');
    }
    let recovered: Vec<_> = audit.results.iter().filter(|r| matches!(r.state, State::Recovered { .. })).collect();
    if !recovered.is_empty() {
        let _ = writeln!(out, "Recovered ({}):", recovered.len());
        for r in recovered {
            let since = match r.state {
                State::Recovered { since: Some(s) } => format!(" (failing since {})", s.strftime("%Y-%m-%d")),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}{since}", r.target.url);
        }
        out.push('\n');
    }
    for w in &audit.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    out.push_str(&summary_line(audit));
    out
}
