//! The human format: miette's graphical report for each diagnostic, then a summary.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::Summary;
use crate::diagnostic::Diagnostic;

/// Options for the human format.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use colour (only on a terminal).
    pub color: bool,
    /// Wrap at this width.
    pub width: usize,
}

/// Renders every diagnostic and the summary line.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary, style: Style) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false);
    let mut out = String::new();
    for d in diagnostics {
        if handler.render_report(&mut out, d).is_err() {
            let _ = writeln!(out, "  {}", d.message);
        }
        out.push('\n');
    }
    out.push_str(&summary_line(summary));
    out
}

/// "Checked 5 files: 1 error, 2 warnings."
#[must_use]
pub fn summary_line(s: Summary) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    if s.errors + s.warnings + s.infos == 0 {
        return format!("Checked {}: no problems found.\n", plural(s.files, "file"));
    }
    let mut parts = vec![plural(s.errors, "error"), plural(s.warnings, "warning")];
    if s.infos > 0 {
        parts.push(plural(s.infos, "note"));
    }
    format!("Checked {}: {}.\n", plural(s.files, "file"), parts.join(", "))
}
