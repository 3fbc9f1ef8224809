//! `--fix` and `--diff`: exact edits, comments and formatting elsewhere
//! untouched, nothing written by `--diff`, a second `--fix` changes nothing.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const BEFORE: &str = r#"# A cell with one of each fixable problem. This comment stays.
matrix: drug
cell: B2
title: "Practitioners: Generic and cross-cutting issues"   # kept as published?
entries:
  - tier: k
    title: "Client-receptive treatment"
    year: 1999
    text: "[Free source](https://example.org/joe.pdf) at time of writing. More in cell C2 of the Alcohol Matrix."
  - tier: R
    title: "A review"
    year: 2006
    text: >-
      See [the analysis]( https://findings.org.uk/x.txt ) and the Drug
      Matrix.
  - tier: MORE
    text: "[This search](https://findings.org.uk/s) retrieves all relevant analyses."
"#;

const AFTER: &str = r#"# A cell with one of each fixable problem. This comment stays.
matrix: drug
cell: B2
title: "Practitioners; Generic and cross-cutting issues"   # kept as published?
entries:
  - tier: K
    title: "Client-receptive treatment"
    year: 1999
    free_source: "https://example.org/joe.pdf"
    text: "More in cell C2 of the Alcohol Treatment Matrix."
  - tier: R
    title: "A review"
    year: 2006
    text: >-
      See [the analysis](https://findings.org.uk/x.txt) and the Drug Treatment Matrix.
  - tier: more
    text: "[This search](https://findings.org.uk/s) retrieves all relevant analyses."
"#;

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "rules:\n  missing-cell: off\n  missing-url: off\n").unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), BEFORE).unwrap();
    dir
}

fn matrixlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("matrixlint").unwrap();
    cmd.current_dir(dir).env("MATRIXLINT_TODAY", "2026-06-15");
    cmd
}

fn cell(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("cells/drug/B2.yaml")).unwrap()
}

#[test]
fn fix_applies_every_certain_fix_and_nothing_else() {
    let dir = corpus();
    matrixlint(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Fixed 7 problems in 1 file.\n"))
        .stdout(predicate::str::contains("no problems found"));
    assert_eq!(cell(dir.path()), AFTER);
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path().join("cells/drug")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec!["B2.yaml"], "no temporary file is left behind");
}

#[test]
fn a_second_fix_changes_nothing() {
    let dir = corpus();
    matrixlint(dir.path()).args(["check", "--fix"]).assert().code(0);
    let once = cell(dir.path());
    matrixlint(dir.path()).args(["check", "--fix"]).assert().code(0).stdout("Checked 1 file: no problems found.\n");
    assert_eq!(cell(dir.path()), once);
}

#[test]
fn diff_shows_the_edits_without_writing() {
    let dir = corpus();
    matrixlint(dir.path())
        .args(["check", "--diff"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/cells/drug/B2.yaml\n+++ b/cells/drug/B2.yaml\n"))
        .stdout(predicate::str::contains("-  - tier: k\n+  - tier: K\n"))
        .stdout(predicate::str::contains("+    free_source: \"https://example.org/joe.pdf\"\n"));
    assert_eq!(cell(dir.path()), BEFORE);
}

#[test]
fn fix_with_json_keeps_stdout_parseable() {
    let dir = corpus();
    let out = matrixlint(dir.path()).args(["check", "--fix", "--format", "json"]).assert().code(0).get_output().clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 0);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Fixed 7 problems"));
}
