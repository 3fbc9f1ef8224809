//! The corpus: which cells exist, in which files, with which bite headings.
//!
//! Built from every cell under the root, including files that are not being
//! reported, so that cross-references resolve against the whole corpus even
//! when pre-commit passes a single file.

pub mod xref;

use std::collections::{BTreeMap, HashMap};

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
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    records: BTreeMap<String, CellRecord>,
    /// The files declaring each matrix and cell, sorted.
    by_key: HashMap<(String, String), Vec<String>>,
}

impl Corpus {
    /// Indexes `records`.
    #[must_use]
    pub fn new(records: Vec<CellRecord>) -> Self {
        let mut corpus = Self::default();
        for record in records {
            corpus.insert(record);
        }
        corpus
    }

    /// Replaces what the index knows of `file`: its new record, or `None`
    /// when the file is gone or no longer declares a cell.
    pub fn update(&mut self, file: &str, record: Option<CellRecord>) {
        if let Some(old) = self.records.remove(file) {
            for key in keys(&old) {
                if let Some(files) = self.by_key.get_mut(&key) {
                    files.retain(|f| f != file);
                    if files.is_empty() {
                        self.by_key.remove(&key);
                    }
                }
            }
        }
        if let Some(record) = record {
            debug_assert_eq!(record.file, file);
            self.insert(record);
        }
    }

    fn insert(&mut self, record: CellRecord) {
        for key in keys(&record) {
            let files = self.by_key.entry(key).or_default();
            if let Err(at) = files.binary_search(&record.file) {
                files.insert(at, record.file.clone());
            }
        }
        self.records.insert(record.file.clone(), record);
    }

    /// Every file declaring `matrix`/`cell` in its fields (not only by its path), sorted.
    pub fn declaring<'s>(&'s self, matrix: &'s str, cell: &'s str) -> impl Iterator<Item = &'s CellRecord> {
        self.lookup(matrix, cell).filter(move |r| r.matrix == matrix && r.cell == cell)
    }

    /// Every file declaring `matrix`/`cell`, sorted by file.
    pub fn lookup(&self, matrix: &str, cell: &str) -> impl ExactSizeIterator<Item = &CellRecord> {
        let files = self.by_key.get(&(matrix.to_owned(), cell.to_owned())).map_or(&[][..], Vec::as_slice);
        files.iter().map(|f| &self.records[f])
    }

    /// What the index knows of `file`.
    #[must_use]
    pub fn record(&self, file: &str) -> Option<&CellRecord> {
        self.records.get(file)
    }

    /// Every record, sorted by file.
    pub fn records(&self) -> impl Iterator<Item = &CellRecord> {
        self.records.values()
    }

    /// Where a source for `matrix`/`cell` belongs: beside the corpus's other
    /// cells of that matrix, else in a folder named for the matrix beside the
    /// folder of `near` (a file of the corpus), else `cells/<matrix>/`.
    #[must_use]
    pub fn path_for(&self, matrix: &str, cell: &str, near: &str) -> String {
        let folder = |file: &str| file.rsplit_once('/').map(|(dir, _)| dir.to_owned());
        let home = self.records.values().find(|r| r.matrix == matrix).and_then(|r| folder(&r.file));
        let beside = || folder(near).and_then(|dir| folder(&dir)).map(|parent| format!("{parent}/{matrix}"));
        let dir = home.or_else(beside).unwrap_or_else(|| format!("cells/{matrix}"));
        format!("{dir}/{cell}.yaml")
    }

    /// Whether any file declares `matrix`/`cell`.
    #[must_use]
    pub fn contains(&self, matrix: &str, cell: &str) -> bool {
        self.by_key.contains_key(&(matrix.to_owned(), cell.to_owned()))
    }

    /// Number of indexed files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether nothing was indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The keys a record is found under: what it declares, and what its path names.
fn keys(record: &CellRecord) -> Vec<(String, String)> {
    let declared = (record.matrix.clone(), record.cell.clone());
    match path_key(&record.file) {
        Some(by_path) if by_path != declared => vec![declared, by_path],
        _ => vec![declared],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::load;

    #[test]
    fn records_index_cells_and_headings() {
        let root = load(
            "matrix: drug\ncell: B2\nbite:\n  about: x\n  issues:\n    - id: busk\n      title: t\n      text: x\n",
        )
        .unwrap();
        let rec = CellRecord::from_root("cells/drug/B2.yaml", &root).unwrap();
        assert!(rec.has_heading("about"));
        assert!(rec.has_heading("busk"));
        assert!(!rec.has_heading("start"));
        let other = CellRecord { file: "b.yaml".into(), ..rec.clone() };
        let corpus = Corpus::new(vec![other, rec]);
        assert_eq!(corpus.lookup("drug", "B2").len(), 2);
        assert_eq!(corpus.lookup("drug", "B2").next().unwrap().file, "b.yaml");
        assert!(!corpus.contains("alcohol", "B2"));
        // Where a missing cell's file belongs.
        assert_eq!(corpus.path_for("drug", "C4", "x"), "cells/drug/C4.yaml");
        assert_eq!(corpus.path_for("alcohol", "C2", "content/cells/drug/B2.yaml"), "content/cells/alcohol/C2.yaml");
        assert_eq!(Corpus::default().path_for("alcohol", "C2", "B2.yaml"), "cells/alcohol/C2.yaml");
    }

    #[test]
    fn a_path_names_a_cell_and_a_file_is_found_under_both_keys() {
        assert_eq!(path_key("cells/drug/B4.yaml"), Some(("drug".into(), "B4".into())));
        assert_eq!(path_key("x/alcohol/C2.yml"), Some(("alcohol".into(), "C2".into())));
        assert_eq!(path_key("B4.yaml"), None);
        assert_eq!(path_key("cells/drug/notes.yaml"), None);
        let broken = CellRecord::from_path("cells/drug/B4.yaml").unwrap();
        assert!(broken.has_heading("any-issue"), "nothing is known against an unreadable file");
        let root = load("matrix: drugs\ncell: A2\n").unwrap();
        let typo = CellRecord::from_root("cells/drug/A2.yaml", &root).unwrap();
        let mut corpus = Corpus::new(vec![broken, typo]);
        assert!(corpus.contains("drug", "B4") && corpus.contains("drug", "A2") && corpus.contains("drugs", "A2"));
        assert_eq!(corpus.declaring("drug", "A2").count(), 0, "found by its path, not declared");
        corpus.update("cells/drug/A2.yaml", None);
        assert!(!corpus.contains("drug", "A2") && !corpus.contains("drugs", "A2"), "both keys go");
    }

    #[test]
    fn an_update_replaces_one_files_record() {
        let record = |file: &str, cell: &str| CellRecord {
            file: file.into(),
            matrix: "drug".into(),
            cell: cell.into(),
            cell_span: crate::source::Span::point(0),
            issues: Vec::new(),
            sections: Vec::new(),
            read: true,
        };
        let mut corpus = Corpus::new(vec![record("a.yaml", "A1"), record("b.yaml", "A1")]);
        corpus.update("a.yaml", Some(record("a.yaml", "A4")));
        assert_eq!(corpus.lookup("drug", "A1").map(|r| r.file.as_str()).collect::<Vec<_>>(), ["b.yaml"]);
        assert!(corpus.contains("drug", "A4"));
        corpus.update("b.yaml", None);
        assert!(!corpus.contains("drug", "A1"), "the last declaration gone, the key goes");
        corpus.update("c.yaml", Some(record("c.yaml", "A1")));
        assert_eq!(corpus.len(), 2);
        assert_eq!(corpus.record("c.yaml").map(|r| r.cell.as_str()), Some("A1"));
    }
}
