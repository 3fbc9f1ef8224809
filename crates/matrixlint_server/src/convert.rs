//! The engine's types as the protocol's: findings as diagnostics, edits as
//! text edits, paths as `file:` URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location, NumberOrString,
    TextEdit, Uri,
};

use std::borrow::Cow;

use super::position::{Encoding, Positions as _};
use super::session::ConfigProblem;
use crate::diagnostic::{Diagnostic, Edit, RuleInfo, Severity};
use crate::source::{LineIndex, SourceFile};

/// The name diagnostics carry as their source.
pub(crate) const SOURCE: &str = "matrixlint";

/// The file a `file:` URI names.
pub(crate) fn path_of(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file:` URI of `path`.
pub(crate) fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_str(url::Url::from_file_path(path).ok()?.as_str()).ok()
}

/// Where a rule's documentation can be read: its source file, whose doc
/// comment is the `explain` text.
pub(crate) fn rule_url(rule: &RuleInfo) -> Option<lsp_types::Uri> {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let file = rule.name.replace('-', "_");
    Uri::from_str(&format!("{repository}/blob/main/crates/matrixlint_engine/src/rules/{file}.rs")).ok()
}

/// A text with its line index, to convert many spans.
pub(crate) struct Text<'a> {
    pub text: &'a str,
    pub index: Cow<'a, LineIndex>,
    pub encoding: Encoding,
}

impl<'a> Text<'a> {
    /// A text that has no index yet: a configuration problem's file, a completion's buffer.
    pub(super) fn new(text: &'a str, encoding: Encoding) -> Self {
        Self { text, index: Cow::Owned(LineIndex::new(text)), encoding }
    }

    /// A loaded file's text, with the index its lines were numbered with when it
    /// was loaded (once per version of a document).
    pub(super) fn of(file: &'a SourceFile, encoding: Encoding) -> Self {
        Self { text: &file.text, index: Cow::Borrowed(file.lines()), encoding }
    }

    pub(super) fn range(&self, span: crate::source::Span) -> lsp_types::Range {
        self.index.range(self.text, span, self.encoding)
    }

    pub(super) fn span(&self, range: lsp_types::Range) -> crate::source::Span {
        self.index.span(self.text, range, self.encoding)
    }

    pub(super) fn offset(&self, position: lsp_types::Position) -> usize {
        self.index.offset(self.text, position, self.encoding)
    }

    pub(super) fn position(&self, offset: usize) -> lsp_types::Position {
        self.index.position(self.text, offset, self.encoding)
    }

    /// A finding of this text as a protocol diagnostic of the document `uri`.
    pub(super) fn diagnostic(&self, d: &Diagnostic, uri: &Uri) -> lsp_types::Diagnostic {
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let related = d
            .secondary
            .iter()
            .map(|label| DiagnosticRelatedInformation {
                location: Location { uri: uri.clone(), range: self.range(label.span) },
                message: label.text.clone().unwrap_or_else(|| "here".to_owned()),
            })
            .collect::<Vec<_>>();
        lsp_types::Diagnostic {
            range: self.range(d.primary.span),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.rule.code.to_owned())),
            code_description: rule_url(d.rule).map(|href| CodeDescription { href }),
            source: Some(SOURCE.to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            // An unused suppression is text to delete: editors fade it.
            tags: (d.rule.code == crate::rules::unused_suppression::INFO.code)
                .then(|| vec![DiagnosticTag::UNNECESSARY]),
            data: Some(serde_json::json!({ "rule": d.rule.name, "fixable": d.fix.is_some() })),
        }
    }

    /// An engine edit of this text.
    pub(super) fn edit(&self, edit: &Edit) -> TextEdit {
        TextEdit { range: self.range(edit.span), new_text: edit.replacement.clone() }
    }
}

/// The protocol's severity.
pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A configuration problem as a diagnostic of its file.
pub(crate) fn config_problem(p: &ConfigProblem, encoding: Encoding) -> lsp_types::Diagnostic {
    let text = Text::new(&p.text, encoding);
    let mut message = p.message.clone();
    if let Some(help) = &p.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: text.range(p.span),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".to_owned())),
        source: Some(SOURCE.to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// The one edit turning `old` into `new`: their common start and end kept.
pub(crate) fn whole_edit(old: &str, new: &str) -> Edit {
    let prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let mut prefix = prefix;
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Edit {
        span: crate::source::Span::new(prefix, old.len() - suffix),
        replacement: new[prefix..new.len() - suffix].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_edit_keeps_the_common_ends() {
        let e = whole_edit("tier: Key\ntitle: “x”\n", "tier: K\ntitle: “x”\n");
        assert_eq!((e.span.start, e.span.end, e.replacement.as_str()), (7, 9, ""));
        let e = whole_edit("a“b", "a”b");
        assert_eq!(&"a“b"[e.span.start..e.span.end], "“");
        assert_eq!(e.replacement, "”");
        let same = whole_edit("abc", "abc");
        assert!(same.span.is_empty() && same.replacement.is_empty());
        let grow = whole_edit("aa", "aaa");
        assert_eq!((grow.span.start, grow.span.end, grow.replacement.as_str()), (2, 2, "a"));
    }

    #[test]
    fn paths_and_uris_round_trip() {
        let path = Path::new("/tmp/a corpus/cells/drug/B2.yaml");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20corpus/cells/drug/B2.yaml");
        assert_eq!(path_of(&uri).unwrap(), path);
        assert_eq!(path_of(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
    }
}
