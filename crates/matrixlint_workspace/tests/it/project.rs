//! Opening a corpus: the root found upwards, the errors users meet, and
//! named paths turned into cell names.

use std::path::{Path, PathBuf};

use matrixlint_workspace::{Locator, Project, WorkspaceError};

use crate::support::{TempCorpus, cell, today, write};

fn locate(cwd: &Path, paths: &[PathBuf]) -> Result<Project, WorkspaceError> {
    Project::locate(cwd, Locator { paths, ..Locator::default() }, today())
}

#[test]
fn the_root_is_found_upwards_from_a_folder_inside_it() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    corpus.write("cells/alcohol/C2.yaml", &cell("alcohol", "C2"));
    corpus.write("notes/readme.txt", "not a cell source");
    let project = locate(&corpus.root.join("cells/drug"), &[]).unwrap();
    assert_eq!(project.root, corpus.root);
    assert_eq!(project.files, ["cells/alcohol/C2.yaml", "cells/drug/B2.yaml"], "the globs' files, sorted");
    assert!(project.unmatched.is_empty());
    project.require_cells().unwrap();
}

#[test]
fn without_a_configuration_upwards_the_error_names_where_the_search_started() {
    let corpus = TempCorpus::new();
    let elsewhere = corpus.outside.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let err = locate(&elsewhere, &[]).unwrap_err();
    let WorkspaceError::NoConfig { from } = &err else { panic!("expected NoConfig, got {err:?}") };
    assert_eq!(*from, elsewhere);
    assert_eq!(err.to_string(), format!("no matrixlint.yaml found in {} or any parent directory", elsewhere.display()));
}

#[test]
fn a_named_folder_without_a_configuration_is_the_one_the_error_names() {
    let corpus = TempCorpus::new();
    let elsewhere = corpus.outside.join("elsewhere/deeper");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let err = locate(&corpus.outside, &[PathBuf::from("elsewhere/deeper")]).unwrap_err();
    assert!(matches!(&err, WorkspaceError::NoConfig { from } if *from == elsewhere), "{err:?}");
}

#[test]
fn a_named_path_finds_its_own_corpus_from_outside_it() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    let project = locate(&corpus.outside, &[PathBuf::from("corpus/cells/drug/B2.yaml")]).unwrap();
    assert_eq!(project.root, corpus.root);
}

#[test]
fn globs_matching_nothing_are_named_with_the_root() {
    let corpus = TempCorpus::with_config("cells: [\"cells/**/*.yaml\", \"extra/*.yaml\"]\n");
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    let project = locate(&corpus.root, &[]).unwrap();
    assert_eq!(project.unmatched, ["extra/*.yaml"]);
    let err = project.require_cells().unwrap_err();
    assert!(
        matches!(&err, WorkspaceError::NoCells { globs, root } if globs == &["extra/*.yaml"] && *root == corpus.root)
    );
    assert_eq!(err.to_string(), format!("no cell sources match `extra/*.yaml` under {}", corpus.root.display()));
}

#[test]
fn a_configuration_with_problems_lists_each_at_its_place() {
    let corpus = TempCorpus::with_config("cells: [\"cells/**/*.yaml\"]\nno-such-setting: 1\n");
    let err = locate(&corpus.root, &[]).unwrap_err();
    let problems = err.config_problems();
    assert_eq!(problems.len(), 1, "{err:?}");
    let p = &problems[0];
    assert_eq!(p.file_name(), "matrixlint.yaml");
    assert_eq!(&p.text()[p.span().start..p.span().end], "no-such-setting", "{}", p.message());
    assert_eq!(err.to_string(), "the configuration has 1 problem, so nothing was checked");
}

#[test]
fn a_configuration_that_is_a_folder_cannot_be_used() {
    let corpus = TempCorpus::new();
    let folder = corpus.outside.join("other");
    std::fs::create_dir_all(folder.join("matrixlint.yaml")).unwrap();
    let err = locate(&folder, &[]).unwrap_err();
    assert!(matches!(&err, WorkspaceError::ConfigUnusable { .. }), "{err:?}");
    assert!(err.config_problems().is_empty());
}

#[test]
fn named_paths_select_files_and_folders_of_the_corpus() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    corpus.write("cells/drug/B4.yaml", &cell("drug", "B4"));
    corpus.write("cells/alcohol/C2.yaml", &cell("alcohol", "C2"));
    let project = locate(&corpus.root, &[]).unwrap();
    let cwd = &corpus.root;
    assert_eq!(project.select(cwd, &[]).unwrap().len(), 3, "nothing named: every file");
    let named =
        [PathBuf::from("cells/drug"), PathBuf::from("cells/alcohol/C2.yaml"), PathBuf::from("cells/drug/B2.yaml")];
    assert_eq!(
        project.select(cwd, &named).unwrap(),
        ["cells/alcohol/C2.yaml", "cells/drug/B2.yaml", "cells/drug/B4.yaml"],
        "sorted, each once"
    );
}

#[test]
fn named_paths_that_are_not_cells_of_the_corpus_are_refused() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    corpus.write("cells/drug/B3.yml", &cell("drug", "B3"));
    let stray = write(&corpus.outside.join("stray.yaml"), &cell("drug", "B9"));
    let project = locate(&corpus.root, &[]).unwrap();
    let cwd = &corpus.root;

    let err = project.select(cwd, std::slice::from_ref(&stray)).unwrap_err();
    assert!(matches!(&err, WorkspaceError::OutsideCorpus { path, .. } if *path == stray), "{err:?}");

    let err = project.select(cwd, &[PathBuf::from("cells/drug/B3.yml")]).unwrap_err();
    let WorkspaceError::NotACell { help, .. } = &err else { panic!("expected NotACell, got {err:?}") };
    assert!(help.contains("rename it to `.yaml`"), "{help}");

    let err = project.select(cwd, &[PathBuf::from("cells/drug/B5.yaml")]).unwrap_err();
    assert!(matches!(&err, WorkspaceError::Path { path, .. } if path == Path::new("cells/drug/B5.yaml")), "{err:?}");
}

#[test]
fn run_from_a_folder_inside_the_corpus_only_that_folder_is_selected() {
    let corpus = TempCorpus::new();
    corpus.write("cells/drug/B2.yaml", &cell("drug", "B2"));
    corpus.write("cells/alcohol/C2.yaml", &cell("alcohol", "C2"));
    let project = locate(&corpus.root, &[]).unwrap();
    assert_eq!(project.select_here(&corpus.root.join("cells/alcohol"), &[]).unwrap(), ["cells/alcohol/C2.yaml"]);
    assert_eq!(project.select_here(&corpus.root, &[]).unwrap().len(), 2, "from the root: the whole corpus");
    let named = [PathBuf::from("../drug/B2.yaml")];
    assert_eq!(
        project.select_here(&corpus.root.join("cells/alcohol"), &named).unwrap(),
        ["cells/drug/B2.yaml"],
        "a named path wins over the folder"
    );
}
