//! Round trip: every cell of the sample corpus, rendered as a published page
//! and imported again, is the same cell source in content.

mod import_support;

use std::path::Path;

use matrixlint::import::import_page;
use matrixlint::registry::Registry;
use matrixlint::source::yaml::load;

fn corpus_cells() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus/cells");
    let mut files = Vec::new();
    for matrix in std::fs::read_dir(&root).expect("cells folder") {
        for cell in std::fs::read_dir(matrix.expect("entry").path()).expect("matrix folder") {
            files.push(cell.expect("entry").path());
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_cell_survives_render_and_import() {
    let registry = Registry::default();
    let files = corpus_cells();
    assert_eq!(files.len(), 5, "the sample corpus's cells: {files:?}");
    for file in files {
        let original = load(&std::fs::read_to_string(&file).unwrap()).expect("corpus cell loads").to_json();
        let page = import_support::render(&original, &registry);
        let imported = import_page(&page, &registry).unwrap_or_else(|e| panic!("{}: {e}\n{page}", file.display()));
        assert_eq!(imported.diagnostics, vec![], "{}", file.display());
        let again = load(&imported.yaml).expect("imported YAML loads").to_json();
        assert_eq!(again, original, "{}\n--- page ---\n{page}\n--- yaml ---\n{}", file.display(), imported.yaml);
    }
}

#[test]
fn importing_twice_gives_the_same_bytes() {
    let registry = Registry::default();
    for file in corpus_cells() {
        let original = load(&std::fs::read_to_string(&file).unwrap()).unwrap().to_json();
        let page = import_support::render(&original, &registry);
        let first = import_page(&page, &registry).unwrap().yaml;
        assert_eq!(import_page(&page, &registry).unwrap().yaml, first);
    }
}
