//! `matrixlint import` on the command line: where the YAML goes, what is
//! refused, exit codes 0 (all placed), 1 (something not placed), 2 (failed).

use predicates::prelude::*;

use crate::import_support::{matrixlint, page};

fn library_yaml(name: &str) -> String {
    let text = std::fs::read_to_string(page(name)).unwrap();
    matrixlint_import::import_page(&text, &matrixlint_engine::registry::Registry::default()).unwrap().yaml
}

#[test]
fn one_page_prints_its_yaml_and_nothing_else() {
    matrixlint()
        .args(["import"])
        .arg(page("seed-B2.txt"))
        .assert()
        .code(0)
        .stdout(library_yaml("seed-B2.txt"))
        .stderr("");
}

#[test]
fn out_dir_writes_each_cell_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    matrixlint()
        .args(["import", "--out-dir"])
        .arg(dir.path())
        .arg(page("seed-B2.txt"))
        .arg(page("short-name.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("cells/drug/B2.yaml").and(predicate::str::contains("cells/alcohol/C2.yaml")));
    let written = std::fs::read_to_string(dir.path().join("cells/drug/B2.yaml")).unwrap();
    assert_eq!(written, library_yaml("seed-B2.txt"));
    assert!(dir.path().join("cells/alcohol/C2.yaml").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("cells/drug")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn refuses_to_overwrite_without_force_and_writes_the_same_bytes_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("cells/drug/B2.yaml");
    let import = |force: bool| {
        let mut cmd = matrixlint();
        cmd.args(["import", "--out-dir"]).arg(dir.path()).arg(page("seed-B2.txt"));
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
    };
    import(false).code(0);
    let first = std::fs::read(&target).unwrap();

    std::fs::write(&target, "edited by hand\n").unwrap();
    import(false).code(2).stderr(predicate::str::contains("already exists").and(predicate::str::contains("--force")));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "edited by hand\n");

    import(true).code(0);
    assert_eq!(std::fs::read(&target).unwrap(), first, "a second import gives the same bytes");
}

#[test]
fn a_bad_page_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("not-a-cell.txt");
    std::fs::write(&bad, "Just some text.\n\nNo heading here.\n").unwrap();
    let out = dir.path().join("out");
    matrixlint()
        .args(["import", "--out-dir"])
        .arg(&out)
        .arg(page("seed-B2.txt"))
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was written").and(predicate::str::contains("no heading line")));
    assert!(!out.exists());
}

#[test]
fn two_pages_for_one_cell_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    matrixlint()
        .args(["import", "--out-dir"])
        .arg(dir.path())
        .arg(page("seed-B2.txt"))
        .arg(page("seed-B2.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("are both drug/B2"));
}

#[test]
fn several_pages_need_an_out_dir() {
    matrixlint()
        .arg("import")
        .arg(page("seed-B2.txt"))
        .arg(page("short-name.txt"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--out-dir"));
}

#[test]
fn unplaced_text_goes_to_stderr_with_page_and_line_and_exits_1() {
    let unplaced = page("unplaced.txt");
    matrixlint()
        .arg("import")
        .arg(&unplaced)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("# yaml-language-server:"))
        .stderr(predicate::str::contains(format!(
            "{}:3: could not place this text: “A stray line above the heading.”\n",
            unplaced.display()
        )));
}

#[test]
fn pages_that_are_not_utf8_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Drug Matrix cell B2: caf\xe9\n").unwrap();
    matrixlint().arg("import").arg(&latin1).assert().code(2).stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn the_schema_comment_can_be_pointed_elsewhere() {
    matrixlint()
        .args(["import", "--schema", "https://example.org/cell.schema.json"])
        .arg(page("eb-prefix.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# yaml-language-server: $schema=https://example.org/cell.schema.json\n"));
}

#[test]
fn force_without_out_dir_is_a_usage_error() {
    matrixlint().args(["import", "--force"]).arg(page("seed-B2.txt")).assert().code(2);
}

#[test]
fn a_corpus_configuration_in_out_dir_supplies_extra_matrices() {
    let dir = tempfile::tempdir().unwrap();
    let config = "registry:\n  matrices:\n    - id: cannabis\n      name: Cannabis Treatment Matrix\n      short_name: Cannabis Matrix\n      columns: [Interventions]\n      rows: [Reducing harm]\n";
    std::fs::write(dir.path().join("matrixlint.yaml"), config).unwrap();
    let page = dir.path().join("A1.txt");
    std::fs::write(&page, "Cannabis Matrix cell A1: Interventions; Reducing harm\n\nK **T** (2001). Text.\n").unwrap();
    matrixlint().args(["import", "--out-dir"]).arg(dir.path()).arg(&page).assert().code(0);
    let written = std::fs::read_to_string(dir.path().join("cells/cannabis/A1.yaml")).unwrap();
    assert!(written.contains("matrix: cannabis\ncell: A1\n"), "{written}");
    // Without the configuration the matrix is unknown and the run fails.
    matrixlint().arg("import").arg(&page).assert().code(2).stderr(predicate::str::contains("not a matrix"));
}
