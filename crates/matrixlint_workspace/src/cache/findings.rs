//! A checked file's findings as the cache stores them: each finding's rule
//! by its code, its words, spans and fix, and the one compact copy of the
//! file they share (the lines reports show, at their offsets, with the line
//! index), so that a warm `check` renders them without reading the file.

use std::path::Path;
use std::sync::Arc;

use matrixlint_engine::diagnostic::{Diagnostic, Edit, Fix, Label, Severity};
use matrixlint_engine::source::{CompactParts, SourceFile, Span};

use super::stamp::ContentHash;

/// The findings of one file, valid for one [`FindingsKey`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFindings {
    /// What they were found under (besides the file's bytes, the entry's digest).
    key: ContentHash,
    /// The compact file they share (`None`: there are none).
    source: Option<StoredSource>,
    findings: Vec<StoredDiagnostic>,
}

/// The compact copy of a file ([`CompactParts`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredSource {
    line_starts: Vec<usize>,
    runs: Vec<(usize, String)>,
    whole_len: usize,
    ends_with_newline: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredDiagnostic {
    code: String,
    severity: Severity,
    message: String,
    primary: StoredLabel,
    secondary: Vec<StoredLabel>,
    help: Option<String>,
    /// The title and the edits.
    fix: Option<(String, Vec<StoredEdit>)>,
}

/// An edit's span and replacement.
type StoredEdit = ((usize, usize), String);

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredLabel {
    span: (usize, usize),
    text: Option<String>,
}

/// What a file's findings depend on besides its bytes: the matrixlint
/// version, the effective configuration, `--select`/`--ignore`, today, and
/// the whole index (cross-reference rules read every record), as one digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingsKey(pub(super) ContentHash);

impl FindingsKey {
    /// The key of a run: `parts` are what the findings depend on, each
    /// in a stable form (the caller says which; they are joined unambiguously).
    #[must_use]
    pub fn of(parts: &[&[u8]]) -> Self {
        let mut joined = Vec::new();
        for part in parts {
            joined.extend_from_slice(&(part.len() as u64).to_le_bytes());
            joined.extend_from_slice(part);
        }
        Self(ContentHash::of(&joined))
    }
}

/// Why stored findings cannot be used although their key matches.
pub(super) enum Unusable {
    /// A rule this matrixlint does not have: found again, silently.
    UnknownRule,
    /// Spans or lines that cannot be in the file: the cache is damaged.
    Damaged,
}

impl StoredFindings {
    /// What is stored of `findings` of the file called `name`, found under
    /// `key`; `None` when they cannot be stored (not all in that one compact file).
    pub(super) fn new(key: FindingsKey, name: &str, findings: &[Diagnostic]) -> Option<Self> {
        let first = findings.first();
        let same_file = findings.iter().all(|d| first.is_some_and(|f| Arc::ptr_eq(&f.file, &d.file)));
        if !same_file || first.is_some_and(|f| f.file.name != name) {
            return None;
        }
        let source = match first {
            None => None,
            Some(f) => {
                let CompactParts { line_starts, runs, whole_len, ends_with_newline } = f.file.compact_parts()?;
                Some(StoredSource { line_starts, runs, whole_len, ends_with_newline })
            }
        };
        Some(Self { key: key.0, source, findings: findings.iter().map(StoredDiagnostic::new).collect() })
    }

    /// Whether these were found under `key`.
    pub(super) fn matches(&self, key: FindingsKey) -> bool {
        self.key == key.0
    }

    /// The findings again, in the file at `path` called `name`.
    pub(super) fn restore(&self, path: &Path, name: &str) -> Result<Vec<Diagnostic>, Unusable> {
        let Some(source) = &self.source else {
            return if self.findings.is_empty() { Ok(Vec::new()) } else { Err(Unusable::Damaged) };
        };
        let parts = CompactParts {
            line_starts: source.line_starts.clone(),
            runs: source.runs.clone(),
            whole_len: source.whole_len,
            ends_with_newline: source.ends_with_newline,
        };
        let file = Arc::new(SourceFile::from_compact_parts(path, name, parts).ok_or(Unusable::Damaged)?);
        self.findings.iter().map(|d| d.restore(&file)).collect()
    }
}

impl StoredDiagnostic {
    fn new(d: &Diagnostic) -> Self {
        let fix = d.fix.as_ref().map(|f| {
            let edits = f.edits.iter().map(|e| ((e.span.start, e.span.end), e.replacement.clone())).collect();
            (f.title.clone(), edits)
        });
        Self {
            code: d.rule.code.to_owned(),
            severity: d.severity,
            message: d.message.clone(),
            primary: StoredLabel::new(&d.primary),
            secondary: d.secondary.iter().map(StoredLabel::new).collect(),
            help: d.help.clone(),
            fix,
        }
    }

    fn restore(&self, file: &Arc<SourceFile>) -> Result<Diagnostic, Unusable> {
        let rule = matrixlint_engine::rules::find(&self.code).filter(|r| r.info.code == self.code);
        let rule = rule.ok_or(Unusable::UnknownRule)?.info;
        let span = |(start, end): (usize, usize)| {
            (start <= end && end <= file.len()).then(|| Span::new(start, end)).ok_or(Unusable::Damaged)
        };
        let label = |l: &StoredLabel| Ok(Label { span: span(l.span)?, text: l.text.clone() });
        let fix = match &self.fix {
            None => None,
            Some((title, edits)) => {
                let edits = edits
                    .iter()
                    .map(|(s, replacement)| Ok(Edit { span: span(*s)?, replacement: replacement.clone() }))
                    .collect::<Result<Vec<_>, Unusable>>()?;
                Some(Fix { title: title.clone(), edits })
            }
        };
        Ok(Diagnostic {
            rule,
            severity: self.severity,
            file: Arc::clone(file),
            message: self.message.clone(),
            primary: label(&self.primary)?,
            secondary: self.secondary.iter().map(label).collect::<Result<_, _>>()?,
            help: self.help.clone(),
            fix,
        })
    }
}

impl StoredLabel {
    fn new(l: &Label) -> Self {
        Self { span: (l.span.start, l.span.end), text: l.text.clone() }
    }
}
