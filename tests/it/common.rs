//! Helpers shared by the integration tests.

use std::path::Path;

/// Copies a file or a directory tree, but not `.matrixlint/`: the corpus
/// cache that tests checking the repository's fixtures in place leave there
/// (git ignores it) is no part of a fixture.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name() == ".matrixlint" {
                continue;
            }
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

/// The repository's root.
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the bundled corpus (clean) in a temporary folder.
pub(crate) fn sample_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("fixtures/corpus"), dir.path());
    dir
}
