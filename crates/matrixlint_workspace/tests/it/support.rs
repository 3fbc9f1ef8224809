//! A corpus in a temporary folder, written file by file.

use std::path::{Path, PathBuf};

/// The date the tests open corpora on.
pub(crate) fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 15)
}

/// A temporary folder holding `corpus/` (canonical paths: the root a
/// project reports is canonical).
pub(crate) struct TempCorpus {
    _dir: tempfile::TempDir,
    /// The folder above the corpus (outside it).
    pub outside: PathBuf,
    /// The corpus root.
    pub root: PathBuf,
}

impl TempCorpus {
    /// An empty corpus folder with a configuration listing `cells/**/*.yaml`.
    pub(crate) fn new() -> Self {
        Self::with_config("cells: [\"cells/**/*.yaml\"]\n")
    }

    /// An empty corpus folder with `config` as its `matrixlint.yaml`.
    pub(crate) fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().canonicalize().unwrap();
        let root = outside.join("corpus");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("matrixlint.yaml"), config).unwrap();
        Self { _dir: dir, outside, root }
    }

    /// Writes `text` at `rel` under the root, making its folders.
    pub(crate) fn write(&self, rel: &str, text: &str) -> PathBuf {
        write(&self.root.join(rel), text)
    }
}

/// Writes `text` at `path`, making its folders.
pub(crate) fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_owned()
}

/// A small cell source declaring `matrix` and `cell` (written for these tests).
pub(crate) fn cell(matrix: &str, cell: &str) -> String {
    format!("matrix: {matrix}\ncell: {cell}\ntitle: \"A cell written for the workspace tests\"\nentries: []\n")
}
