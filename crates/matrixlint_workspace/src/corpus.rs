//! The whole corpus read once, and its index: what `check`, `--fix`, `links`
//! and the language server start from.

use matrixlint_engine::index::Corpus;
use matrixlint_engine::lint::Loaded;
use rayon::prelude::*;

use crate::Project;

/// Reads and loads every file of the corpus, once.
#[must_use]
pub fn load_corpus(project: &Project) -> Vec<Loaded> {
    project.files.par_iter().map(|name| project.load(name)).collect()
}

/// The corpus index of a loaded corpus.
#[must_use]
pub fn index(loaded: &[Loaded]) -> Corpus {
    Corpus::new(loaded.iter().filter_map(Loaded::record).collect())
}
