//! The whole corpus read once and indexed.

use matrixlint_workspace::{Locator, Project, index, load_corpus};

use crate::support::{TempCorpus, cell, today};

#[test]
fn every_cell_is_loaded_once_and_indexed_by_what_it_declares() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    corpus.write("cells/alcohol/C2.yaml", &cell("alcohol", "C2"));
    corpus.write("cells/drug/broken.yaml", "matrix: [unclosed\n");
    let project = Project::locate(&corpus.root, Locator::default(), today()).unwrap();
    let loaded = load_corpus(&project);
    let names: Vec<&str> = loaded.iter().map(|l| l.file.name.as_str()).collect();
    assert_eq!(names, ["cells/alcohol/C2.yaml", "cells/drug/B2.yaml", "cells/drug/broken.yaml"]);
    assert!(!loaded[2].problems.is_empty(), "the broken file's YAML problem is kept for reporting");
    let corpus_index = index(&loaded);
    assert!(corpus_index.contains("drug", "B2") && corpus_index.contains("alcohol", "C2"));
    assert_eq!(corpus_index.len(), 2, "a file declaring no cell is not indexed");
}
