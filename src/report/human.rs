//! The human format: miette's graphical report for each diagnostic, then a summary.

use std::fmt::{self, Write as _};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::excerpt::Excerpt;
use super::{Summary, visible};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Options for the human format.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    /// Use colour (only on a terminal).
    pub color: bool,
    /// The terminal's width: text wraps, and long source lines are cut, to it.
    pub width: usize,
    /// How files are named (from the working directory).
    pub names: &'a super::Names,
}

/// A diagnostic shown under its path from the working directory, with the
/// excerpt of its file that it needs and its labels moved into it; control
/// characters in its texts and quoted lines are made visible.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: Excerpt,
    labels: Vec<LabeledSpan>,
}

impl<'a> Shown<'a> {
    fn new(diagnostic: &'a Diagnostic, name: String, width: usize) -> Self {
        let d = diagnostic;
        let spans: Vec<Span> = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)).collect();
        // The gutter (line number and bars) takes about eight columns.
        let (source, moved) = Excerpt::new(&d.file, name, &spans, width.saturating_sub(8));
        let text = |t: &Option<String>| t.as_deref().map(|t| visible::one_line(t).into_owned());
        let labels = std::iter::once(LabeledSpan::new_primary_with_span(text(&d.primary.text), moved[0]))
            .chain(d.secondary.iter().zip(&moved[1..]).map(|(l, &s)| LabeledSpan::new_with_span(text(&l.text), s)))
            .collect();
        Self { diagnostic, source, labels }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible::one_line(&self.diagnostic.message))
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = self.diagnostic;
        // `[*]` marks a finding `--fix` can repair, as in ruff.
        let fixable = if d.fix.is_some() { " [*]" } else { "" };
        Some(Box::new(format!("{}({}){fixable}", d.rule.code, d.rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = self.diagnostic;
        let help = d.help.as_deref().map(visible::one_line);
        // Every fix note has one form, whichever rule made the fix.
        let note =
            |fix: &crate::diagnostic::Fix| format!("fix: {} (`matrixlint check --fix`)", visible::one_line(&fix.title));
        let text = match (help, &d.fix) {
            // A help that says what the fix does needs saying once.
            (Some(help), Some(fix)) if help.eq_ignore_ascii_case(&fix.title) => note(fix),
            (Some(help), Some(fix)) => format!("{help}\n{}", note(fix)),
            (Some(help), None) => help.into_owned(),
            (None, fix) => note(fix.as_ref()?),
        };
        Some(Box::new(text))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Renders every diagnostic and the summary line.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary, style: Style<'_>) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_separator(super::wrap::separator())
        .with_word_splitter(super::wrap::splitter())
        .with_break_words(false);
    let mut out = String::new();
    for d in diagnostics {
        let shown = Shown::new(d, visible::one_line(&style.names.show(&d.file.name)).into_owned(), style.width);
        if handler.render_report(&mut out, &shown).is_err() {
            let _ = writeln!(out, "  {}", visible::one_line(&d.message));
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
    let fixable = match s.fixable {
        0 => String::new(),
        n => format!("; {n} fixable with `matrixlint check --fix`"),
    };
    format!("Checked {}: {}{fixable}.\n", plural(s.files, "file"), parts.join(", "))
}
