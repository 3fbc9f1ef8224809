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

/// Issue 8, item 2: a symbolic link is written through; the link stays a link.
#[cfg(unix)]
#[test]
fn fix_writes_through_a_symbolic_link() {
    let dir = corpus();
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::rename(dir.path().join("cells/drug/B2.yaml"), shared.join("B2.yaml")).unwrap();
    std::os::unix::fs::symlink(shared.join("B2.yaml"), dir.path().join("cells/drug/B2.yaml")).unwrap();
    matrixlint(dir.path()).args(["check", "--fix"]).assert().code(0);
    let link = std::fs::symlink_metadata(dir.path().join("cells/drug/B2.yaml")).unwrap();
    assert!(link.file_type().is_symlink(), "the cell is still a link");
    assert_eq!(std::fs::read_to_string(shared.join("B2.yaml")).unwrap(), AFTER, "the target got the fixes");
}

/// Issue 8, item 2: hard links and read-only files are reported, not rewritten.
#[cfg(unix)]
#[test]
fn fix_leaves_hard_linked_and_read_only_files_alone_and_says_so() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = corpus();
    let cell_path = dir.path().join("cells/drug/B2.yaml");
    std::fs::hard_link(&cell_path, dir.path().join("B2-copy.yaml")).unwrap();
    matrixlint(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "Could not fix cells/drug/B2.yaml: it has 2 hard links, and replacing it would split them; it was left as it is.\n",
        ))
        // The findings shown are those of the file as it stands.
        .stdout(predicate::str::contains("unknown-tier"));
    assert_eq!(cell(dir.path()), BEFORE);
    assert_eq!(std::fs::read_to_string(dir.path().join("B2-copy.yaml")).unwrap(), BEFORE);

    std::fs::remove_file(dir.path().join("B2-copy.yaml")).unwrap();
    std::fs::set_permissions(&cell_path, std::fs::Permissions::from_mode(0o444)).unwrap();
    matrixlint(dir.path()).args(["check", "--fix", "--exit-zero"]).assert().code(1).stdout(
        predicate::str::starts_with("Could not fix cells/drug/B2.yaml: it is read-only; it was left as it is.\n"),
    );
    assert_eq!(cell(dir.path()), BEFORE);
}

/// Issue 8, item 1: two `--fix` runs on one corpus at once. Each file ends
/// either fixed (as one run alone fixes it) or untouched, never garbled by
/// spans from another read.
#[test]
fn concurrent_fixes_never_garble_a_file() {
    let cells = ["B2", "C1", "C2", "C3", "C4", "C5"];
    let make = || {
        let dir = corpus();
        for id in &cells[1..] {
            std::fs::write(
                dir.path().join(format!("cells/drug/{id}.yaml")),
                BEFORE.replace("cell: B2", &format!("cell: {id}")),
            )
            .unwrap();
        }
        dir
    };
    let reference = make();
    matrixlint(reference.path()).args(["check", "--fix"]).assert().code(0);
    let read = |dir: &Path, id: &str| std::fs::read_to_string(dir.join(format!("cells/drug/{id}.yaml"))).unwrap();
    for round in 0..15 {
        let dir = make();
        let spawn = || {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("matrixlint"))
                .current_dir(dir.path())
                .env("MATRIXLINT_TODAY", "2026-06-15")
                .args(["check", "--fix", "--format", "concise"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn(), spawn());
        a.wait().unwrap();
        b.wait().unwrap();
        for id in cells {
            let text = read(dir.path(), id);
            let before = BEFORE.replace("cell: B2", &format!("cell: {id}"));
            assert!(text == read(reference.path(), id) || text == before, "round {round}: {id} is garbled:\n{text}");
        }
    }
}
