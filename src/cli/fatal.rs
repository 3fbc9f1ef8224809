//! Fatal errors as the binary prints them: the message, its place and its
//! help. miette's code line (`matrixlint::no_config`) names an internal
//! type, not something a reader can act on, so it is shown under
//! `--verbose` only (for bug reports).

use std::fmt;

use miette::{Diagnostic, LabeledSpan, MietteHandler, ReportHandler as _, Severity, SourceCode};

/// A diagnostic shown with or without its code, and so are its related ones.
struct Shown<'a> {
    inner: &'a dyn Diagnostic,
    code: bool,
    related: Vec<Shown<'a>>,
}

impl<'a> Shown<'a> {
    fn new(inner: &'a dyn Diagnostic, code: bool) -> Self {
        let related = inner.related().map(|r| r.map(|d| Self::new(d, code)).collect()).unwrap_or_default();
        Self { inner, code, related }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for Shown<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.code { self.inner.code() } else { None }
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.help()
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.inner.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.inner.diagnostic_source()
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// Renders through `handler`, as `{report:?}` would, with the code line only when `verbose`.
struct Rendered<'a> {
    handler: &'a MietteHandler,
    shown: Shown<'a>,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.handler.debug(&self.shown, f)
    }
}

/// The text of one fatal error (without a final line break).
pub(crate) fn render(handler: &MietteHandler, diagnostic: &dyn Diagnostic, verbose: bool) -> String {
    Rendered { handler, shown: Shown::new(diagnostic, verbose) }.to_string()
}
