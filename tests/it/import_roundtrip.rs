//! Round trip: every cell of the sample corpus, rendered as a published page
//! and imported again, is the same cell source in content.

use std::path::Path;

use matrixlint_engine::registry::Registry;
use matrixlint_engine::source::yaml::load;
use matrixlint_import::import_page;

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
        let page = crate::import_support::render(&original, &registry);
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
        let page = crate::import_support::render(&original, &registry);
        let first = import_page(&page, &registry).unwrap().yaml;
        assert_eq!(import_page(&page, &registry).unwrap().yaml, first);
    }
}

/// `page` with its content lines hard-wrapped at `width` characters, as an
/// editor may do it. The site's furniture is left whole: it is recognised
/// line by line, and a wrapped fragment of it is reported, not guessed away.
fn wrapped(page: &str, width: usize) -> String {
    let furniture =
        ["▶ Title and link", "S Seminal studies", " Links to other documents", "[Links to other documents]"];
    let mut out = String::new();
    for line in page.split('\n') {
        if furniture.iter().any(|f| line.starts_with(f)) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            } else if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// Hard-wrapped lines, and no blank line between the heading and the first
/// entry: paragraphs are still found, entries still open where they start.
#[test]
fn hard_wrapped_pages_import_the_same() {
    let registry = Registry::default();
    for file in corpus_cells() {
        let original = load(&std::fs::read_to_string(&file).unwrap()).unwrap().to_json();
        let page = crate::import_support::render(&original, &registry);
        let heading_end = page.find(" cell ").and_then(|at| page[at..].find("\n\n").map(|n| at + n)).unwrap();
        let joined = format!("{}\n{}", &page[..heading_end], &page[heading_end + 2..]);
        let imported = import_page(&wrapped(&joined, 72), &registry).unwrap();
        assert_eq!(imported.diagnostics, vec![], "{}", file.display());
        assert_eq!(load(&imported.yaml).unwrap().to_json(), original, "{}", file.display());
    }
}
