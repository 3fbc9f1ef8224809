//! The corpus: which cells exist, in which files, with which bite headings.
//!
//! Built from every cell under the root, including files that are not being
//! reported, so that cross-references resolve against the whole corpus even
//! when pre-commit passes a single file.

pub mod xref;

use std::collections::HashMap;

use crate::cell::Cell;
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
    /// Which of `about`, `start`, `highlighted` its bite has.
    pub sections: Vec<&'static str>,
}

impl CellRecord {
    /// Reads what the index needs from a parsed cell; `None` without `matrix` and `cell`.
    #[must_use]
    pub fn from_root(file: &str, root: &Node) -> Option<Self> {
        let view = Cell::new(root);
        let cell_node = view.field("cell")?;
        Some(Self {
            file: file.to_owned(),
            matrix: view.matrix()?.to_owned(),
            cell: cell_node.as_str()?.to_owned(),
            cell_span: cell_node.span,
            issues: view.issue_ids().into_iter().map(|(id, _)| id.to_owned()).collect(),
            sections: crate::cell::BITE_SECTIONS
                .iter()
                .map(|(key, _)| *key)
                .filter(|key| view.has_section(key))
                .collect(),
        })
    }

    /// Whether the bite has heading `id` (a fixed section or an issue id).
    #[must_use]
    pub fn has_heading(&self, id: &str) -> bool {
        self.sections.contains(&id) || self.issues.iter().any(|i| i == id)
    }
}

/// Every cell of the corpus, by matrix and cell id.
#[derive(Debug, Default)]
pub struct Corpus {
    records: Vec<CellRecord>,
    by_key: HashMap<(String, String), Vec<usize>>,
}

impl Corpus {
    /// Indexes `records` (in a stable order: sorted by file).
    #[must_use]
    pub fn new(mut records: Vec<CellRecord>) -> Self {
        records.sort_by(|a, b| a.file.cmp(&b.file));
        let mut by_key: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            by_key.entry((r.matrix.clone(), r.cell.clone())).or_default().push(i);
        }
        Self { records, by_key }
    }

    /// Every file declaring `matrix`/`cell`, sorted by file.
    pub fn lookup(&self, matrix: &str, cell: &str) -> impl ExactSizeIterator<Item = &CellRecord> {
        let ids = self.by_key.get(&(matrix.to_owned(), cell.to_owned())).map_or(&[][..], Vec::as_slice);
        ids.iter().map(|&i| &self.records[i])
    }

    /// Where a source for `matrix`/`cell` belongs: beside the corpus's other
    /// cells of that matrix, else in a folder named for the matrix beside the
    /// folder of `near` (a file of the corpus), else `cells/<matrix>/`.
    #[must_use]
    pub fn path_for(&self, matrix: &str, cell: &str, near: &str) -> String {
        let folder = |file: &str| file.rsplit_once('/').map(|(dir, _)| dir.to_owned());
        let home = self.records.iter().find(|r| r.matrix == matrix).and_then(|r| folder(&r.file));
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
}
