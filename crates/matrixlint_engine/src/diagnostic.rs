//! The one diagnostic model. Every output format renders from [`Diagnostic`].

use std::fmt;
use std::sync::Arc;

use crate::source::{LineCol, SourceFile, Span};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never fails a run.
    Info,
    /// Fails the run only with `--deny-warnings`.
    Warning,
    /// Fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in every output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What every rule declares about itself (see `rules::declare_rule!`).
#[derive(Debug)]
pub struct RuleInfo {
    /// Kebab-case name, used in configuration and suppressions.
    pub name: &'static str,
    /// Stable code such as `ML101`.
    pub code: &'static str,
    /// Severity unless configuration says otherwise.
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// The full documentation (Markdown), taken from the rule's doc comment.
    pub docs: &'static str,
    /// Whether `--fix` can repair some findings.
    pub fixable: bool,
}

impl RuleInfo {
    /// The documentation as Markdown: the doc comment's lines without the one
    /// space `///` leaves before each, trimmed.
    #[must_use]
    pub fn markdown(&self) -> String {
        let lines: Vec<&str> = self.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
        lines.join("\n").trim().to_owned()
    }
}

/// A highlighted span with an optional text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there.
    pub text: Option<String>,
}

/// One replacement of a span's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A certain, mechanical repair of a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, shown by `--diff`.
    pub title: String,
    /// Non-overlapping edits in one file.
    pub edits: Vec<Edit>,
}

/// A finding in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static RuleInfo,
    /// Effective severity (the rule's default until configuration applies).
    pub severity: Severity,
    /// The file it is in.
    pub file: Arc<SourceFile>,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary place.
    pub primary: Label,
    /// Other places in the same file worth showing (the first duplicate, the setting behind it).
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// A mechanical fix, when one is certain.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span` in `file`, with the rule's default severity.
    #[must_use]
    pub fn new(rule: &'static RuleInfo, file: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            file: Arc::clone(file),
            message: message.into(),
            primary: Label { span, text: None },
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Sets the text of the primary label.
    #[must_use]
    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        self.primary.text = Some(text.into());
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label { span, text: Some(text.into()) });
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches a fix.
    #[must_use]
    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix { title: title.into(), edits });
        self
    }

    /// Start of the primary span (1-based line and character column).
    #[must_use]
    pub fn start(&self) -> LineCol {
        self.file.line_col(self.primary.span.start)
    }

    /// End of the primary span (exclusive, 1-based).
    #[must_use]
    pub fn end(&self) -> LineCol {
        self.file.line_col(self.primary.span.end)
    }

    /// The order reports use: file, position, code.
    #[must_use]
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str) {
        (&self.file.name, self.primary.span.start, self.primary.span.end, self.rule.code)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{}({})", self.rule.code, self.rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&*self.file)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = miette::LabeledSpan::new_primary_with_span(self.primary.text.clone(), self.primary.span);
        let rest = self.secondary.iter().map(|l| miette::LabeledSpan::new_with_span(l.text.clone(), l.span));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}
