//! The cache file's format: a JSON document naming itself (so that another
//! program's file, or another format's, is recognised and never trusted),
//! with one entry per corpus file.

use std::collections::BTreeMap;

use matrixlint_engine::cell::BiteSection;
use matrixlint_engine::index::CellRecord;
use matrixlint_engine::source::Span;

use super::findings::StoredFindings;
use super::stamp::{ContentHash, Stamp};

/// What the file says it is.
pub(crate) const FORMAT: &str = "matrixlint-corpus-cache";

/// The format's version: a change of layout changes it (and the file name).
pub(crate) const VERSION: u32 = 2;

/// The whole file (`E`: the entries, owned when read, borrowed when written).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document<E> {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The matrixlint version that wrote it: what a record holds depends on the engine.
    pub tool: String,
    /// By file name, relative to the corpus root (sorted: the same corpus writes the same bytes).
    pub entries: E,
}

/// The entries by file name.
pub(crate) type Entries = BTreeMap<String, Entry>;

/// What is known of one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Its stamp when it was read.
    pub stamp: Stamp,
    /// When its content was last read or hashed (nanoseconds since the epoch),
    /// for the racy-clean rule.
    pub verified_ns: i64,
    /// The digest of its bytes.
    pub hash: ContentHash,
    /// Its index record (`None`: it declares no cell).
    pub record: Option<StoredRecord>,
    /// Its findings when it was last checked (`None`: not checked yet, or
    /// checked with the evidence audit's answers, which are never stored).
    pub findings: Option<StoredFindings>,
}

/// A [`CellRecord`] as stored (the engine's types stay free of a file format).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredRecord {
    matrix: String,
    cell: String,
    cell_span: (usize, usize),
    issues: Vec<String>,
    /// The bite's fixed sections, by key.
    sections: Vec<String>,
    read: bool,
}

impl StoredRecord {
    /// What is stored of `record`.
    #[must_use]
    pub fn new(record: &CellRecord) -> Self {
        Self {
            matrix: record.matrix.clone(),
            cell: record.cell.clone(),
            cell_span: (record.cell_span.start, record.cell_span.end),
            issues: record.issues.clone(),
            sections: record.sections.iter().map(|s| s.key().to_owned()).collect(),
            read: record.read,
        }
    }

    /// The record of the file called `file`; `None` when what is stored
    /// cannot be a record (an unknown section, a span backwards).
    #[must_use]
    pub fn to_record(&self, file: &str) -> Option<CellRecord> {
        let (start, end) = self.cell_span;
        if start > end {
            return None;
        }
        let sections = self.sections.iter().map(|s| BiteSection::parse(s)).collect::<Option<Vec<_>>>()?;
        Some(CellRecord {
            file: file.to_owned(),
            matrix: self.matrix.clone(),
            cell: self.cell.clone(),
            cell_span: Span::new(start, end),
            issues: self.issues.clone(),
            sections,
            read: self.read,
        })
    }
}
