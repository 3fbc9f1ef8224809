//! Hostile files and configuration (issue 8, items 3–6 and 10): nothing hangs,
//! nothing outside the corpus is read or quoted, a configuration that cannot
//! be used stops the run with its reason, and globs that match nothing fail.

#![cfg(unix)]

use std::os::unix::ffi::OsStrExt as _;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

const CELL: &str = "matrix: drug\ncell: A2\ntitle: \"Interventions; Generic and cross-cutting issues\"\nentries:\n  - tier: K\n    title: T\n    year: 2001\n    url: \"https://example.org/t\"\n";

fn corpus(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), config).unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("cells/drug/A2.yaml"), CELL).unwrap();
    dir
}

/// Runs matrixlint in `dir`. The timeout is a safety net for a regression
/// that would hang on a FIFO; nothing here waits on it.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir)
        .env("MATRIXLINT_TODAY", "2026-06-15")
        .env("MATRIXLINT_TEST_SECRET", "hunter2-do-not-print")
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn mkfifo(path: &Path) {
    assert!(std::process::Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn concise_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn special_files_and_links_out_of_the_corpus_are_read_errors_and_never_read() {
    let dir = corpus("# test\n");
    let cells = dir.path().join("cells/drug");
    mkfifo(&cells.join("B1.yaml"));
    std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    mkfifo(&dir.path().join("elsewhere/pipe"));
    std::os::unix::fs::symlink(dir.path().join("elsewhere/pipe"), cells.join("B2.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", cells.join("B3.yaml")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", cells.join("B4.yaml")).unwrap();
    let out = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(
        concise_lines(&out),
        [
            "cells/drug/B1.yaml:1:1: error[ML100/read-error] expected a regular file, found a named pipe (FIFO)",
            "cells/drug/B2.yaml:1:1: error[ML100/read-error] expected a regular file, found a named pipe (FIFO)",
            "cells/drug/B3.yaml:1:1: error[ML100/read-error] the file resolves outside the corpus root, so it was not read",
            "cells/drug/B4.yaml:1:1: error[ML100/read-error] the file resolves outside the corpus root, so it was not read",
            "Checked 5 files: 4 errors, 0 warnings.",
        ]
    );
    // The same when the files are named on the command line (as pre-commit does).
    let named = run(dir.path(), &["check", "--format", "concise", "cells/drug/B2.yaml", "cells/drug/B4.yaml"]);
    assert_eq!(named.status.code(), Some(1), "{}", text(&named));
    assert_eq!(concise_lines(&named)[1], concise_lines(&out)[3]);
    assert!(!text(&named).contains("root:"), "nothing of /etc/passwd is shown");
}

#[test]
fn a_file_name_that_is_not_utf8_is_checked_and_shown_escaped() {
    let dir = corpus("# test\n");
    let name = std::ffi::OsStr::from_bytes(b"A\xff\x1b[31m.yaml");
    std::fs::write(dir.path().join("cells/drug").join(name), "matrix: drug\ncell: A3\ntitle: 5\n").unwrap();
    for format in ["concise", "human", "json", "github", "sarif", "junit"] {
        let out = run(dir.path(), &["check", "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", text(&out));
        assert!(!out.stdout.contains(&0x1b), "{format} echoes a raw escape character");
        // JSON and SARIF escape the backslashes of the shown name once more.
        let shown =
            if matches!(format, "json" | "sarif") { r"A\\xff\\u{1b}[31m.yaml" } else { r"A\xff\u{1b}[31m.yaml" };
        assert!(text(&out).contains(shown), "{format}: {}", text(&out));
    }
    let concise = run(dir.path(), &["check", "--format", "concise"]);
    assert!(
        concise_lines(&concise).contains(
            &"cells/drug/A\\xff\\u{1b}[31m.yaml:3:8: error[ML102/schema] expected a string, found an integer `5`"
                .to_owned()
        ),
        "{}",
        text(&concise)
    );
    // Named on the command line, by its real bytes.
    let mut cmd = Command::cargo_bin("matrixlint").unwrap();
    let named = cmd
        .current_dir(dir.path())
        .env("MATRIXLINT_TODAY", "2026-06-15")
        .args(["check", "--format", "concise"])
        .arg(Path::new("cells/drug").join(name))
        .output()
        .unwrap();
    assert_eq!(named.status.code(), Some(1), "{}", text(&named));
    let lines = concise_lines(&named);
    assert!(lines.last().unwrap().starts_with("Checked 1 file: "), "{}", text(&named));
    assert!(lines.iter().all(|l| l.starts_with("cells/drug/A\\xff") || l.starts_with("Checked")), "{lines:?}");
}

#[test]
fn extend_refuses_files_that_are_not_configuration_without_quoting_them() {
    let cases = [
        ("/proc/self/environ", "cannot extend `/proc/self/environ`: it is not named `*.yaml` or `*.yml`"),
        ("/etc/passwd", "cannot extend `/etc/passwd`: it is not named `*.yaml` or `*.yml`"),
        ("big.yaml", "cannot extend `big.yaml`: file is 1073741824 bytes, larger than the 1 MiB limit"),
        ("pipe.yaml", "cannot extend `pipe.yaml`: expected a regular file, found a named pipe (FIFO)"),
        ("control.yaml", "cannot extend `control.yaml`: it holds a control character (U+001B) at line 2"),
        ("latin1.yaml", "cannot extend `latin1.yaml`: it is not UTF-8 text (at byte 5)"),
        ("missing.yaml", "cannot find `missing.yaml` to extend"),
    ];
    for (target, expected) in cases {
        let dir = corpus(&format!("extend: {target}\n"));
        // A sparse gigabyte: refused by its size before a byte is read.
        std::fs::File::create(dir.path().join("big.yaml")).unwrap().set_len(1 << 30).unwrap();
        mkfifo(&dir.path().join("pipe.yaml"));
        std::fs::write(dir.path().join("control.yaml"), "rules: {}\n# \x1b[2J secret\n").unwrap();
        std::fs::write(dir.path().join("latin1.yaml"), b"# caf\xe9 hunter2\n").unwrap();
        let out = run(dir.path(), &["check"]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{target}: {all}");
        assert!(all.contains(expected), "{target}: expected `{expected}` in:\n{all}");
        for secret in ["hunter2", "root:", "\x1b[2J"] {
            assert!(!all.contains(secret), "{target}: `{secret}` leaked into:\n{all}");
        }
    }
}

#[test]
fn a_root_configuration_that_cannot_be_read_stops_the_run() {
    type Make = fn(&Path);
    let cases: [(&str, Make, &str); 3] = [
        (
            "a dangling link",
            |p| std::os::unix::fs::symlink("nowhere.yaml", p).unwrap(),
            "it is a symbolic link to a file that does not exist",
        ),
        ("a directory", |p| std::fs::create_dir(p).unwrap(), "expected a file, found a directory"),
        ("a FIFO", |p| mkfifo(p), "expected a regular file, found a named pipe (FIFO)"),
    ];
    for (what, make, reason) in cases {
        let dir = corpus("");
        let config = dir.path().join("matrixlint.yaml");
        std::fs::remove_file(&config).unwrap();
        make(&config);
        let root = dir.path().to_str().unwrap();
        let out = run(dir.path(), &["check", "--root", root]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {all}");
        assert!(all.contains(&format!("matrixlint.yaml as the configuration: {reason}")), "{what}: {all}");
    }
}

#[test]
fn cells_globs_that_match_nothing_stop_the_run() {
    let dir = corpus("cells: [\"cells/**/*.yaml\", \"cellz/**/*.yaml\"]\n");
    let out = run(dir.path(), &["check"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    let root = dir.path().canonicalize().unwrap();
    assert!(all.contains(&format!("no cell sources match `cellz/**/*.yaml` under {}", root.display())), "{all}");
    let links = run(dir.path(), &["links", "--format", "json"]);
    assert_eq!(links.status.code(), Some(2), "{}", text(&links));
}

#[test]
fn init_says_what_to_create_before_the_first_check() {
    let dir = tempfile::tempdir().unwrap();
    let init = run(dir.path(), &["init"]);
    assert_eq!(init.status.code(), Some(0));
    assert!(text(&init).contains("Next, create a cell source such as cells/drug/B2.yaml"), "{}", text(&init));
    let check = run(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(2), "an empty corpus is not a passing one");
    assert!(text(&check).contains("no cell sources match `cells/**/*.{yaml,yml}`"));
}

/// Issue 8, item 11: however many files declare one cell, each duplicate is
/// one finding of constant size, naming the first declaration.
#[test]
fn many_duplicates_are_each_reported_once_naming_the_first() {
    let dir = corpus("rules: { cell-location: off }\n");
    std::fs::create_dir_all(dir.path().join("cells/drug/old")).unwrap();
    for i in 0..300 {
        std::fs::write(dir.path().join(format!("cells/drug/old/A2-{i:03}.yaml")), CELL).unwrap();
    }
    let out = run(dir.path(), &["check", "--format", "concise"]);
    let lines = concise_lines(&out);
    assert_eq!(lines.len(), 301, "one finding per duplicate, then the summary");
    for (i, line) in lines[..300].iter().enumerate() {
        assert_eq!(
            line,
            &format!(
                "cells/drug/old/A2-{i:03}.yaml:2:7: error[ML104/duplicate-cell] drug A2 is already declared by \
                 cells/drug/A2.yaml (301 files declare it)"
            )
        );
    }
}

/// Issue 8, item 9: a link whose text holds a control character never
/// reaches the terminal raw from `links` (collection percent-encodes it).
#[test]
fn link_reports_never_echo_a_control_character() {
    let dir = corpus("links: { failures-before-dead: 1 }\n");
    let cell = CELL.replace("https://example.org/t", "http://127.0.0.1:9/\\u001b[2Jgone");
    std::fs::write(dir.path().join("cells/drug/A2.yaml"), cell).unwrap();
    for args in [&["links", "--dump"][..], &["links", "--offline"], &["links", "--format", "markdown"], &["links"]] {
        let out = run(dir.path(), args);
        assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b), "{args:?}: {}", text(&out));
        if args.len() == 2 {
            assert!(text(&out).contains("%1B[2Jgone"), "{args:?}: {}", text(&out));
        }
    }
}
