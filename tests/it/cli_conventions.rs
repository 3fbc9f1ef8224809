//! The command-line conventions people expect (issue 9, items 9–15): names
//! from the working directory, every configuration problem at once, colour
//! that follows `--color`, `NO_COLOR` and `CLICOLOR_FORCE` on a real terminal,
//! `-q`/`-v`, standard input, completions, `--config`, `--select`/`--ignore`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::sample_corpus as corpus;

fn matrixlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("matrixlint").unwrap();
    cmd.current_dir(dir)
        .env("MATRIXLINT_TODAY", "2026-06-15")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("COLUMNS");
    cmd
}

fn stdout(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

/// Writes a bad tier label into the corpus's B2 (line 9, `tier: K` → `tier: Key`).
fn break_b2(dir: &Path) {
    let path = dir.join("cells/drug/B2.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replacen("- tier: K\n", "- tier: Key\n", 1);
    std::fs::write(path, text).unwrap();
}

#[test]
fn from_a_subfolder_names_are_openable_and_only_that_folder_is_reported() {
    let dir = corpus();
    break_b2(dir.path());
    let drug = dir.path().join("cells/drug");
    let out = stdout(matrixlint(&drug).args(["check", "--format", "concise"]), 1);
    assert!(out.starts_with("B2.yaml:"), "{out}");
    assert!(out.contains("error[ML201/unknown-tier] unknown tier label `Key`"), "{out}");
    let drug_files = std::fs::read_dir(&drug).unwrap().count();
    assert!(out.ends_with(&format!("Checked {drug_files} files: 1 error, 0 warnings.\n")), "{out}");
    // Beside the folder: a path that can be opened from here.
    let alcohol = dir.path().join("cells/alcohol");
    let out = stdout(matrixlint(&alcohol).args(["check", "--format", "concise", "../drug/B2.yaml"]), 1);
    assert!(out.starts_with("../drug/B2.yaml:"), "{out}");
    // JSON keeps names relative to the corpus root.
    let json = stdout(matrixlint(&drug).args(["check", "--format", "json", "B2.yaml"]), 1);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["diagnostics"][0]["file"], "cells/drug/B2.yaml");
}

#[test]
fn a_cause_is_printed_once() {
    let dir = corpus();
    let out = matrixlint(dir.path()).args(["check", "nothere.yaml"]).assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("No such file or directory").count(), 1, "{stderr}");
    assert!(stderr.contains("cannot read nothere.yaml"), "{stderr}");
}

#[test]
fn every_configuration_problem_is_reported_at_once_without_empty_error_lines() {
    let dir = corpus();
    std::fs::write(
        dir.path().join("matrixlint.yaml"),
        "rules:\n  tier-ordr: error\n  cell-title: warnng\ncolour: red\n",
    )
    .unwrap();
    let out = matrixlint(dir.path()).arg("check").assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let messages: Vec<&str> = stderr.lines().filter_map(|l| l.trim().strip_prefix("× ")).collect();
    assert_eq!(
        messages,
        [
            "unknown rule `tier-ordr`",
            "`warnng` is not one of `error`, `warning`, `info`, `off`",
            "unknown field `colour`"
        ]
    );
    assert!(!stderr.lines().any(|l| l.trim() == "Error:"), "{stderr}");
    assert!(stderr.ends_with("matrixlint: the configuration has 3 problems, so nothing was checked\n"), "{stderr}");
}

/// Runs matrixlint in a real pseudo-terminal (util-linux `script`) and
/// returns what the terminal showed.
fn in_terminal(dir: &Path, args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("matrixlint");
    let mut cmd = std::process::Command::new("script");
    cmd.current_dir(dir)
        .args(["--quiet", "--return", "--command"])
        .arg(format!("stty cols 100; {} {args}", bin.display()))
        .arg("/dev/null")
        .env("MATRIXLINT_TODAY", "2026-06-15")
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("util-linux `script` runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn colour_follows_the_terminal_the_flag_and_the_environment() {
    let dir = corpus();
    break_b2(dir.path());
    let colored = |s: &str| s.contains("\u{1b}[");
    assert!(colored(&in_terminal(dir.path(), "check", &[])), "a terminal gets colour");
    assert!(!colored(&in_terminal(dir.path(), "check", &[("NO_COLOR", "1")])), "NO_COLOR turns it off");
    assert!(!colored(&in_terminal(dir.path(), "check --color never", &[])), "--color never");
    assert!(colored(&in_terminal(dir.path(), "check --color always", &[("NO_COLOR", "1")])), "--color always wins");
    let piped = |env: (&str, &str)| stdout(matrixlint(dir.path()).arg("check").env(env.0, env.1), 1);
    assert!(colored(&piped(("CLICOLOR_FORCE", "1"))), "CLICOLOR_FORCE colours a pipe");
    assert!(colored(&piped(("FORCE_COLOR", "1"))), "FORCE_COLOR colours a pipe");
    assert!(!colored(&stdout(matrixlint(dir.path()).arg("check"), 1)), "a pipe gets none");
    // The terminal's width, when COLUMNS is not set.
    let shown = in_terminal(dir.path(), "check", &[("NO_COLOR", "1")]);
    assert!(shown.lines().all(|l| l.trim_end().chars().count() <= 100), "{shown}");
}

#[test]
fn quiet_prints_findings_only_and_verbose_says_what_was_loaded() {
    let dir = corpus();
    break_b2(dir.path());
    let quiet = stdout(matrixlint(dir.path()).args(["check", "-q", "--format", "concise"]), 1);
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    assert!(quiet.starts_with("cells/drug/B2.yaml:"), "{quiet}");
    let clean = corpus();
    assert_eq!(stdout(matrixlint(clean.path()).args(["check", "--quiet"]), 0), "");

    let out = matrixlint(dir.path()).args(["check", "-v", "--format", "concise"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let root = dir.path().canonicalize().unwrap();
    assert!(stderr.contains(&format!("matrixlint: corpus root {}\n", root.display())), "{stderr}");
    assert!(
        stderr.contains(&format!("matrixlint: configuration {}\n", root.join("matrixlint.yaml").display())),
        "{stderr}"
    );
    assert!(stderr.contains("cell sources match `cells/**/*.yaml`; reporting on"), "{stderr}");
    assert!(stderr.contains("matrixlint: read, parsed and indexed"), "{stderr}");
    matrixlint(dir.path()).args(["check", "-q", "-v"]).assert().code(2);
}

#[test]
fn standard_input_is_checked_as_the_named_file_and_fixed_to_standard_output() {
    let dir = corpus();
    let path = dir.path().join("cells/drug/B2.yaml");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    let edited = on_disk.replacen("- tier: K\n", "- tier: k\n", 1);
    let out = stdout(
        matrixlint(dir.path())
            .args(["check", "--format", "concise", "--stdin-filename", "cells/drug/B2.yaml", "-"])
            .write_stdin(edited.clone()),
        1,
    );
    assert!(out.contains("cells/drug/B2.yaml:"), "{out}");
    assert!(out.contains("unknown tier label `k`"), "{out}");
    assert!(out.ends_with("Checked 1 file: 1 error, 0 warnings; 1 fixable with `matrixlint check --fix`.\n"), "{out}");
    // --fix: the fixed text on stdout, what is left on stderr, the file untouched.
    let fixed = matrixlint(dir.path())
        .args(["check", "--fix", "--format", "concise", "--stdin-filename", "cells/drug/B2.yaml"])
        .write_stdin(edited)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(String::from_utf8(fixed.stdout).unwrap(), on_disk);
    assert_eq!(String::from_utf8(fixed.stderr).unwrap(), "Checked 1 file: no problems found.\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), on_disk);
    // A new cell that is not on disk yet.
    let new = on_disk.replacen("cell: B2", "cell: B5", 1);
    matrixlint(dir.path()).args(["check", "--stdin-filename", "cells/drug/B5.yaml"]).write_stdin(new).assert().code(0);
    matrixlint(dir.path())
        .args(["check", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs `--stdin-filename PATH`"));
}

#[test]
fn completions_load_in_a_real_bash_and_exist_for_every_shell() {
    let script = stdout(Command::cargo_bin("matrixlint").unwrap().args(["completions", "bash"]), 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("matrixlint.bash");
    std::fs::write(&file, script).unwrap();
    let bash = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p matrixlint", file.display()))
        .output()
        .unwrap();
    assert!(bash.status.success(), "{}", String::from_utf8_lossy(&bash.stderr));
    assert!(String::from_utf8_lossy(&bash.stdout).contains("matrixlint"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = stdout(Command::cargo_bin("matrixlint").unwrap().args(["completions", shell]), 0);
        assert!(script.contains("stdin-filename"), "{shell} completes check's options");
    }
}

#[test]
fn config_names_the_configuration_and_select_ignore_pick_rules() {
    let dir = corpus();
    break_b2(dir.path());
    // With `unknown-tier` off, the schema reports the label: both go.
    std::fs::write(dir.path().join("strict.yaml"), "rules: { unknown-tier: off, schema: off }\n").unwrap();
    let elsewhere: PathBuf = dir.path().join("strict.yaml");
    let out = stdout(matrixlint(dir.path()).args(["check", "--format", "concise", "--config"]).arg(&elsewhere), 0);
    assert_eq!(out, "Checked 5 files: no problems found.\n");
    matrixlint(dir.path())
        .args(["check", "--config", "nothere.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothere.yaml as the configuration: no such file"));

    let ignored = stdout(matrixlint(dir.path()).args(["check", "--format", "concise", "--ignore", "ML201,schema"]), 0);
    assert_eq!(ignored, "Checked 5 files: no problems found.\n");
    let selected =
        stdout(matrixlint(dir.path()).args(["check", "--format", "concise", "--select", "tier-order,unknown-tier"]), 1);
    assert_eq!(selected.lines().count(), 2, "{selected}");
    matrixlint(dir.path())
        .args(["check", "--select", "tier-ordr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule is called tier-ordr"));
}

#[test]
fn a_missing_cell_names_the_file_to_create() {
    let dir = corpus();
    std::fs::remove_file(dir.path().join("cells/alcohol/C2.yaml")).unwrap();
    let json = stdout(matrixlint(dir.path()).args(["check", "--format", "json", "cells/drug/B2.yaml"]), 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let helps: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "missing-cell")
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(!helps.is_empty(), "{json}");
    for help in helps {
        assert_eq!(help, "create `cells/alcohol/C2.yaml`, or point the reference at a cell that has a source");
    }
}

/// Issue 10, item 5: an I/O failure is an I/O error naming the path, with
/// its cause, not an "internal error".
#[test]
fn an_io_failure_names_the_path_and_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let out = matrixlint(dir.path()).args(["init", "a-file/corpus"]).assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write a-file/corpus/cells/drug"), "{stderr}");
    assert_eq!(stderr.matches("Not a directory").count(), 1, "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
}
