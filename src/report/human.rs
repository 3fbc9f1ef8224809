//! The human format: miette's graphical report for each diagnostic, then a summary.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{Summary, visible};
use crate::diagnostic::Diagnostic;

/// Options for the human format.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    /// Use colour (only on a terminal).
    pub color: bool,
    /// Wrap at this width.
    pub width: usize,
    /// The corpus root from the working directory (empty: names as they are),
    /// so that a file name can be opened from where the command ran.
    pub base: &'a str,
}

/// A diagnostic shown under its path from the working directory, with
/// control characters in its texts and quoted lines made visible.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedSource<Arc<str>>,
    quoted: visible::Source,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible::text(&self.diagnostic.message))
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.help.as_deref().map(|h| Box::new(visible::text(h).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let text = |t: &Option<String>| t.as_deref().map(|t| visible::text(t).into_owned());
        let primary = LabeledSpan::new_primary_with_span(text(&d.primary.text), self.quoted.span(d.primary.span));
        let rest = d.secondary.iter().map(move |l| LabeledSpan::new_with_span(text(&l.text), self.quoted.span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

/// Renders every diagnostic and the summary line.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary, style: Style<'_>) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false);
    let mut out = String::new();
    // Diagnostics come sorted by file: make each file's text visible once.
    let mut last: Option<(Arc<str>, visible::Source)> = None;
    for d in diagnostics {
        let name = visible::text(&super::repo_path(style.base, &d.file.name)).into_owned();
        let quoted = match &last {
            Some((text, quoted)) if Arc::ptr_eq(text, &d.file.text) => quoted.clone(),
            _ => visible::Source::new(&d.file.text),
        };
        last = Some((Arc::clone(&d.file.text), quoted.clone()));
        let source = NamedSource::new(name, Arc::clone(&quoted.text)).with_language("yaml");
        let shown = Shown { diagnostic: d, source, quoted };
        if handler.render_report(&mut out, &shown).is_err() {
            let _ = writeln!(out, "  {}", visible::text(&d.message));
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
