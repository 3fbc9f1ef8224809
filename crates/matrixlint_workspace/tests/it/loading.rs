//! Reading one cell: only regular files inside the root, never more than
//! the limit; editors' buffers held to the same limit.

use matrixlint_workspace::{Locator, MAX_FILE_BYTES, Project, load_buffer, load_path};

use crate::support::{TempCorpus, cell, today, write};

/// The one problem of a file that was not read, as (rule, message).
fn unread(loaded: &matrixlint_engine::lint::Loaded) -> (&str, &str) {
    assert!(loaded.root.is_none() && loaded.file.text.is_empty(), "nothing was read: {loaded:?}");
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    (loaded.problems[0].rule.name, loaded.problems[0].message.as_str())
}

#[test]
fn a_cell_inside_the_root_is_read_and_parsed() {
    let corpus = TempCorpus::new();
    let path = corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    let loaded = load_path(&corpus.root, &path, "cells/drug/B2.yaml");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.file.name, "cells/drug/B2.yaml");
    assert!(loaded.record().is_some_and(|r| r.matrix == "drug" && r.cell == "B2"));
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_root_is_not_read() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    let secret = write(&corpus.outside.join("secret.yaml"), "matrix: drug\ncell: B3\ntitle: \"private words\"\n");
    std::os::unix::fs::symlink(&secret, corpus.root.join("cells/drug/B3.yaml")).unwrap();
    let project = Project::locate(&corpus.root, Locator::default(), today()).unwrap();
    assert!(project.files.contains(&"cells/drug/B3.yaml".to_owned()), "listed, so that it is reported");
    let loaded = project.load("cells/drug/B3.yaml");
    let (rule, message) = unread(&loaded);
    assert_eq!(rule, "read-error");
    assert_eq!(message, "the file resolves outside the corpus root, so it was not read");
    assert!(!format!("{loaded:?}").contains("private words"), "no byte of the target is kept");
}

#[test]
fn a_file_over_the_limit_is_not_read() {
    let corpus = TempCorpus::new();
    let path = corpus.root.join("cells/drug/B2.yaml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let loaded = load_path(&corpus.root, &path, "cells/drug/B2.yaml");
    let (rule, message) = unread(&loaded);
    assert_eq!(rule, "read-error");
    assert!(message.ends_with("for a cell source"), "{message}");
}

#[test]
fn a_buffer_is_held_to_the_limit_a_file_has() {
    let corpus = TempCorpus::new();
    let path = corpus.root.join("cells/drug/B2.yaml");
    let within = load_buffer(&path, "cells/drug/B2.yaml", &cell("drug", "B2"));
    assert!(within.problems.is_empty() && within.root.is_some(), "{:?}", within.problems);
    let over = "#".repeat(usize::try_from(MAX_FILE_BYTES).unwrap() + 1);
    let loaded = load_buffer(&path, "cells/drug/B2.yaml", &over);
    let (rule, message) = unread(&loaded);
    assert_eq!(rule, "read-error");
    assert!(message.ends_with("for a cell source"), "{message}");
}
