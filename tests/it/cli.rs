//! The binary's contract: exit codes 0/1/2, the JSON document, paths.

use std::path::Path;

use crate::common::copy_tree;
use assert_cmd::Command;
use predicates::prelude::*;

fn matrixlint() -> Command {
    let mut cmd = Command::cargo_bin("matrixlint").expect("binary builds");
    cmd.env("MATRIXLINT_TODAY", "2026-06-15").env_remove("CLICOLOR_FORCE");
    cmd
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
}

#[test]
fn the_bundled_corpus_checks_clean_with_exit_0() {
    matrixlint()
        .args(["check", "--root"])
        .arg(fixtures().join("corpus"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no problems found"));
}

#[test]
fn the_root_is_found_upwards_from_the_working_directory() {
    matrixlint()
        .current_dir(fixtures().join("corpus/cells/drug"))
        .args(["check", "B2.yaml"])
        .assert()
        .code(0)
        .stdout("Checked 1 file: no problems found.\n");
}

#[test]
fn errors_exit_1_and_warnings_only_with_deny_warnings() {
    let bad = fixtures().join("rules/tier-order/bad");
    matrixlint().args(["check", "--root"]).arg(&bad).assert().code(1);
    let warnings_only = fixtures().join("rules/self-reference/bad");
    matrixlint().args(["check", "--root"]).arg(&warnings_only).assert().code(0);
    matrixlint().args(["check", "--deny-warnings", "--root"]).arg(&warnings_only).assert().code(1);
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = fixtures().join("rules/unknown-tier/bad");
    let out =
        matrixlint().args(["check", "--format", "json", "--root"]).arg(&dir).assert().code(1).get_output().clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"], serde_json::json!({"files": 1, "errors": 3, "warnings": 0}));
    let first = &doc["diagnostics"][0];
    assert_eq!(
        first,
        &serde_json::json!({
            "file": "cells/drug/B2.yaml", "line": 5, "column": 11, "end_line": 5, "end_column": 14,
            "rule": "unknown-tier", "code": "ML201", "severity": "error",
            "message": "unknown tier label `Key`",
            "help": "did you mean `K`? Write one of S (seminal study), K (key study), R (review), G (guidance) or `more`",
            "fixable": false, "fix": null
        })
    );
}

#[test]
fn named_paths_limit_reporting_but_references_resolve_against_the_corpus() {
    // B2 refers to A2 and alcohol C2; naming only B2 must not report them missing.
    let corpus = fixtures().join("corpus");
    matrixlint()
        .current_dir(&corpus)
        .args(["check", "--format", "json", "cells/drug/B2.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""files": 1"#));
}

#[test]
fn a_path_outside_the_corpus_is_an_error_not_a_skip() {
    matrixlint()
        .args(["check", "--root"])
        .arg(fixtures().join("corpus"))
        .arg(fixtures().join("rules/tier-order/bad/cells/drug/B2.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("B2.yaml is outside the corpus at"));
}

#[test]
fn a_missing_path_and_a_non_cell_are_errors() {
    let corpus = fixtures().join("corpus");
    matrixlint().current_dir(&corpus).args(["check", "cells/drug/Z9.yaml"]).assert().code(2);
    matrixlint()
        .current_dir(&corpus)
        .args(["check", "matrixlint.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a cell source"));
}

#[test]
fn no_configuration_and_bad_arguments_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    matrixlint()
        .current_dir(empty.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no matrixlint.yaml found"));
    matrixlint().args(["check", "--format", "xml"]).assert().code(2);
}

#[test]
fn a_bad_configuration_exits_2_naming_each_problem_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "years:\n  mni: 1950\nrules:\n  tier-ordr: off\n").unwrap();
    matrixlint()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `mni`").and(predicate::str::contains("matrixlint.yaml:2:3")))
        .stderr(predicate::str::contains("did you mean `min`?"));
}

#[test]
fn rule_levels_from_configuration_apply() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/tier-order/bad"), dir.path());
    std::fs::write(dir.path().join("matrixlint.yaml"), "rules:\n  tier-order: warning\n").unwrap();
    matrixlint().current_dir(dir.path()).arg("check").assert().code(0).stdout(predicate::str::contains("2 warnings"));
    std::fs::write(dir.path().join("matrixlint.yaml"), "rules:\n  ML202: off\n").unwrap();
    matrixlint().current_dir(dir.path()).arg("check").assert().code(0).stdout(predicate::str::contains("no problems"));
}

/// Issue 17, item 14: `check DIR` finds the configuration in DIR itself, and
/// without one names the folder given, not the working directory.
#[test]
fn check_a_folder_holding_the_configuration() {
    let repo = fixtures().parent().unwrap().to_owned();
    matrixlint()
        .current_dir(&repo)
        .args(["check", "fixtures/corpus"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Checked 5 files: no problems found."));
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(outside.path().join("no-corpus")).unwrap();
    let empty = tempfile::tempdir().unwrap();
    matrixlint()
        .current_dir(empty.path())
        .arg("check")
        .arg(outside.path().join("no-corpus"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-corpus or any parent directory"));
}

/// Issue 17, item 14: a `.yml` cell, as the pre-commit hook matches, is a
/// cell source by default; under a configuration matching only `.yaml`,
/// the refusal says to rename it.
#[test]
fn yml_cells_are_checked_or_the_refusal_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "").unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    let cell = std::fs::read_to_string(fixtures().join("corpus/cells/drug/B2.yaml")).unwrap();
    std::fs::write(dir.path().join("cells/drug/B2.yml"), cell.replacen("- tier: K\n", "- tier: k\n", 1)).unwrap();
    matrixlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "cells/drug/B2.yml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("cells/drug/B2.yml:").and(predicate::str::contains("unknown tier label `k`")));
    std::fs::write(dir.path().join("cells/drug/A2.yaml"), "matrix: drug\ncell: A2\n").unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "cells: [\"cells/**/*.yaml\"]\n").unwrap();
    matrixlint()
        .current_dir(dir.path())
        .args(["check", "cells/drug/B2.yml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rename it to `.yaml`"));
}
