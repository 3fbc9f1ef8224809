//! The corpus: which cells exist, in which files, with which bite headings.
//!
//! Built from every cell under the root, including files that are not being
//! reported, so that cross-references resolve against the whole corpus even
//! when pre-commit passes a single file.

mod layer;
pub mod xref;

use std::collections::BTreeMap;
use std::sync::Arc;

use layer::Layer;

use crate::cell::{BiteSection, Cell};
use crate::source::{Node, Span};

/// What the corpus knows about one cell file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRecord {
    /// The file, relative to the corpus root.
    pub file: String,
    /// Its `matrix`.
    pub matrix: String,
    /// Its `cell`.
    pub cell: String,
    /// Where `cell` was written.
    pub cell_span: Span,
    /// Ids of its bite issues.
    pub issues: Vec<String>,
    /// Which fixed sections its bite has.
    pub sections: Vec<BiteSection>,
    /// Whether the file was read: `false` for a record made from the path
    /// of a file that could not be parsed, whose headings are unknown.
    pub read: bool,
}

impl CellRecord {
    /// Reads what the index needs from a parsed cell; `None` without `matrix` and `cell`.
    #[must_use]
    pub(crate) fn from_root(file: &str, root: &Node) -> Option<Self> {
        let view = Cell::new(root);
        let cell_node = view.field("cell")?;
        Some(Self {
            file: file.to_owned(),
            matrix: view.matrix()?.to_owned(),
            cell: cell_node.as_str()?.to_owned(),
            cell_span: cell_node.span,
            issues: view.issue_ids().into_iter().map(|(id, _)| id.to_owned()).collect(),
            sections: BiteSection::ALL.into_iter().filter(|s| view.has_section(*s)).collect(),
            read: true,
        })
    }

    /// What a file's path declares (`cells/<matrix>/<CELL>.yaml`), for a file
    /// that could not be read or parsed: it still stands for its cell, so the
    /// files referring to it get no finding of their own (the broken file
    /// has its finding). `None` when the path does not name a cell.
    #[must_use]
    pub(crate) fn from_path(file: &str) -> Option<Self> {
        let (matrix, cell) = path_key(file)?;
        Some(Self {
            file: file.to_owned(),
            matrix,
            cell,
            cell_span: Span::point(0),
            issues: Vec::new(),
            sections: Vec::new(),
            read: false,
        })
    }

    /// Whether the bite has heading `id` (a fixed section or an issue id);
    /// always, for a file that could not be read (nothing is known against it).
    #[must_use]
    pub(crate) fn has_heading(&self, id: &str) -> bool {
        !self.read
            || BiteSection::parse(id).is_some_and(|s| self.sections.contains(&s))
            || self.issues.iter().any(|i| i == id)
    }
}

/// The matrix and cell a path names: its folder and its stem
/// (`cells/drug/B4.yaml`, `.yml` too), when the stem is a cell id.
#[must_use]
pub(crate) fn path_key(file: &str) -> Option<(String, String)> {
    let mut parts = file.rsplit('/');
    let name = parts.next()?;
    let folder = parts.next().filter(|f| !f.is_empty())?;
    let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?;
    crate::registry::CellId::parse(stem)?;
    Some((folder.to_owned(), stem.to_owned()))
}

/// Every cell of the corpus, by file and by matrix and cell id. An editor
/// changes one file at a time: [`Corpus::update`] replaces that file's record
/// without touching the others. A file is found under the cell it declares
/// and under the cell its path names (`cells/drug/A2.yaml` with a mistyped
/// `matrix: drugs` still stands for drug A2: one mistake, one finding, in
/// that file).
///
/// Cloning is cheap whatever the corpus's size: the records indexed in bulk
/// are shared between clones, and each clone keeps only the few files changed
/// since ([`Corpus::update`]), folded into its own copy of the shared records
/// once they are more than [`FOLD_AFTER`]. A language server hands a clone to
/// every lint and changes its own at every edit of a cell's `cell:` or issue
/// ids, so neither costs a copy of the corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The records indexed in bulk, shared by the clones.
    base: Arc<Layer>,
    /// Files whose record differs from `base`'s: the new record, or `None`
    /// for a file gone. Few: folded into `base` past [`FOLD_AFTER`].
    changes: BTreeMap<String, Option<CellRecord>>,
    /// Number of files with a record.
    len: usize,
    /// Whether every cell source was indexed (see [`Corpus::partial`]).
    complete: bool,
}

/// How many changed files a [`Corpus`] keeps beside its shared records
/// before folding them in (each lookup also reads the changed files).
pub const FOLD_AFTER: usize = 32;

impl Default for Corpus {
    /// An empty corpus, complete: a reference to any cell is to a missing one.
    fn default() -> Self {
        Self { base: Arc::default(), changes: BTreeMap::new(), len: 0, complete: true }
    }
}

impl Corpus {
    /// Indexes `records`.
    #[must_use]
    pub fn new(records: Vec<CellRecord>) -> Self {
        let mut base = Layer::default();
        for record in records {
            base.remove(&record.file);
            base.insert(record);
        }
        let len = base.records.len();
        Self { base: Arc::new(base), changes: BTreeMap::new(), len, complete: true }
    }

    /// An index still being built (a language server indexes the corpus in
    /// the background and lints the files opened meanwhile): what it holds
    /// exists, but a cell it lacks may exist too, so the rules report no
    /// cell as missing from it. Records are added with [`Corpus::update`].
    #[must_use]
    pub fn partial() -> Self {
        Self { complete: false, ..Self::default() }
    }

    /// Whether every cell source was indexed: `false` for [`Corpus::partial`].
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Replaces what the index knows of `file`: its new record, or `None`
    /// when the file is gone or no longer declares a cell.
    pub fn update(&mut self, file: &str, record: Option<CellRecord>) {
        debug_assert!(record.as_ref().is_none_or(|r| r.file == file));
        let had = self.record(file).is_some();
        let has = record.is_some();
        if self.base.records.get(file) == record.as_ref() {
            self.changes.remove(file);
        } else {
            self.changes.insert(file.to_owned(), record);
        }
        self.len = self.len + usize::from(has) - usize::from(had);
        if self.changes.len() > FOLD_AFTER {
            self.fold();
        }
    }

    /// Moves the changed files into the shared records (copied first when
    /// another clone shares them).
    fn fold(&mut self) {
        let base = Arc::make_mut(&mut self.base);
        for (file, record) in std::mem::take(&mut self.changes) {
            base.remove(&file);
            if let Some(record) = record {
                base.insert(record);
            }
        }
    }

    /// Every file declaring `matrix`/`cell` in its fields (not only by its path), sorted.
    pub fn declaring<'s>(&'s self, matrix: &'s str, cell: &'s str) -> impl Iterator<Item = &'s CellRecord> {
        self.lookup(matrix, cell).filter(move |r| r.matrix == matrix && r.cell == cell)
    }

    /// Every file declaring `matrix`/`cell`, sorted by file.
    pub fn lookup(&self, matrix: &str, cell: &str) -> impl ExactSizeIterator<Item = &CellRecord> {
        let key = (matrix.to_owned(), cell.to_owned());
        let unchanged = self.base.files(&key).iter().filter(|f| !self.changes.contains_key(*f));
        let mut found: Vec<&CellRecord> = unchanged.map(|f| &self.base.records[f]).collect();
        let before = found.len();
        found.extend(self.changes.values().flatten().filter(|r| layer::found_under(r, matrix, cell)));
        if found.len() > before {
            found.sort_by(|a, b| a.file.cmp(&b.file));
        }
        found.into_iter()
    }

    /// What the index knows of `file`.
    #[must_use]
    pub fn record(&self, file: &str) -> Option<&CellRecord> {
        match self.changes.get(file) {
            Some(changed) => changed.as_ref(),
            None => self.base.records.get(file),
        }
    }

    /// Every record, sorted by file.
    pub fn records(&self) -> impl Iterator<Item = &CellRecord> {
        let mut shared =
            self.base.records.iter().filter(|(f, _)| !self.changes.contains_key(*f)).map(|(_, r)| r).peekable();
        let mut changed = self.changes.values().flatten().peekable();
        std::iter::from_fn(move || match (shared.peek(), changed.peek()) {
            (Some(a), Some(b)) if a.file < b.file => shared.next(),
            (Some(_), Some(_)) | (None, _) => changed.next(),
            (Some(_), None) => shared.next(),
        })
    }

    /// Where a source for `matrix`/`cell` belongs: beside the corpus's other
    /// cells of that matrix, else in a folder named for the matrix beside the
    /// folder of `near` (a file of the corpus), else `cells/<matrix>/`.
    #[must_use]
    pub fn path_for(&self, matrix: &str, cell: &str, near: &str) -> String {
        let folder = |file: &str| file.rsplit_once('/').map(|(dir, _)| dir.to_owned());
        let home = self.records().find(|r| r.matrix == matrix).and_then(|r| folder(&r.file));
        let beside = || folder(near).and_then(|dir| folder(&dir)).map(|parent| format!("{parent}/{matrix}"));
        let dir = home.or_else(beside).unwrap_or_else(|| format!("cells/{matrix}"));
        format!("{dir}/{cell}.yaml")
    }

    /// Whether any file declares `matrix`/`cell`.
    #[must_use]
    pub fn contains(&self, matrix: &str, cell: &str) -> bool {
        if self.changes.is_empty() {
            return self.base.by_key.contains_key(&(matrix.to_owned(), cell.to_owned()));
        }
        self.lookup(matrix, cell).len() > 0
    }

    /// Number of indexed files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests;
