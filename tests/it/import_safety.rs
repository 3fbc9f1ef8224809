//! `import` writes only inside `--out-dir`, wherever it is given from, with
//! the permissions any new file gets (issue 16, items 12 and 14).

use std::process::Command as Process;

use predicates::prelude::*;

use crate::import_support::{matrixlint, page};

/// A configuration registering a matrix whose id climbs out of the corpus.
const ESCAPING: &str = "cells: [\"cells/**/*.yaml\"]\nregistry:\n  matrices:\n    - id: ../../../escape\n      name: Escape Treatment Matrix\n      short_name: Escape Matrix\n      columns: [Interventions]\n      rows: [Harm reduction]\n";

#[test]
fn a_matrix_id_that_is_not_a_slug_is_refused_at_its_place() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("a/b/c");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("matrixlint.yaml"), ESCAPING).unwrap();
    let page_path = root.path().join("page.txt");
    std::fs::write(&page_path, "Escape Treatment Matrix cell A1: x\n\nS **An invented study** (1999). Text.\n")
        .unwrap();
    matrixlint()
        .args(["import", "--out-dir"])
        .arg(&out)
        .arg(&page_path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a matrix id").and(predicate::str::contains("matrixlint.yaml:4:")));
    // Nothing was written anywhere: not where `cells/../../../escape` leads, not in the corpus.
    assert!(!root.path().join("a/escape").exists());
    assert!(!out.join("cells").exists());
    // `check` reports it too, at the same place.
    matrixlint()
        .current_dir(&out)
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a matrix id").and(predicate::str::contains("matrixlint.yaml:4:")));
}

#[cfg(unix)]
#[test]
fn a_cells_folder_linking_outside_the_out_dir_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("corpus");
    let elsewhere = root.path().join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("cells")).unwrap();
    matrixlint()
        .args(["import", "--out-dir"])
        .arg(&out)
        .arg(page("seed-B2.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would be outside"));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written through the link");
}

#[test]
fn a_relative_out_dir_after_init_works() {
    let cwd = tempfile::tempdir().unwrap();
    matrixlint().current_dir(cwd.path()).args(["init", "corpus"]).assert().code(0);
    matrixlint()
        .current_dir(cwd.path())
        .args(["import", "--out-dir", "corpus"])
        .arg(page("seed-B2.txt"))
        .assert()
        .code(0)
        .stdout("wrote corpus/cells/drug/B2.yaml\n");
    assert!(cwd.path().join("corpus/cells/drug/B2.yaml").is_file());
    matrixlint().current_dir(cwd.path().join("corpus")).arg("check").assert().code(predicate::in_iter([0, 1]));
}

/// Imports the seed page under `umask` and returns the new file's mode.
#[cfg(unix)]
fn mode_under(umask: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("matrixlint");
    let status = Process::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" import --out-dir \"$1\" \"$2\" >/dev/null"))
        .arg(&bin)
        .arg(dir.path())
        .arg(page("seed-B2.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::metadata(dir.path().join("cells/drug/B2.yaml")).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn new_cells_follow_the_umask() {
    assert_eq!(mode_under("022"), 0o644, "as `init` and any editor create files");
    assert_eq!(mode_under("077"), 0o600);
    assert_eq!(mode_under("002"), 0o664);
}
