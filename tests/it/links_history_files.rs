//! Whose file the link history is (issue 16, item 9): `--offline` and
//! `--dump` write nothing; another program's SQLite database named as the
//! history (`--history`, `links.history`, a symbolic link at `links.db`) is
//! refused and left byte for byte as it was; a history that cannot be used
//! at all fails the run (exit 2) after the report says why.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::links_support::{Server, corpus};
use assert_cmd::Command;
use matrixlint_links::history::History;

const CONFIG: &str = "links:\n  per-host-interval-ms: 0\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn links(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir)
        .env("MATRIXLINT_TODAY", "2026-06-15")
        .arg("links")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A corpus with one link to a server on 127.0.0.1 (kept running by the returned runtime).
fn setup() -> (tokio::runtime::Runtime, Server, tempfile::TempDir) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start());
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![server.url("/ok")])]);
    (rt, server, dir)
}

/// What a file is on disk: its bytes and modification time.
fn state(path: &Path) -> (Vec<u8>, SystemTime) {
    (std::fs::read(path).unwrap(), std::fs::metadata(path).unwrap().modified().unwrap())
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Another program's SQLite database (a table of its own, a user_version of 2).
fn foreign(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada'); PRAGMA user_version = 2;",
    )
    .unwrap();
}

#[test]
fn offline_and_dump_write_nothing() {
    let (_rt, _s, dir) = setup();
    // No history yet: neither creates one (nor its folder).
    for mode in ["--offline", "--dump"] {
        let run = links(dir.path(), &[mode]);
        assert_eq!(run.code, 0, "{mode}: {}{}", run.stdout, run.stderr);
    }
    assert!(!dir.path().join(".matrixlint").exists(), "{:?}", listing(dir.path()));
    // A history from an earlier audit: unchanged, its modification time too, nothing beside it.
    let run = links(dir.path(), &["--allow-private"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let db = dir.path().join(".matrixlint/links.db");
    let before = state(&db);
    for mode in ["--offline", "--dump"] {
        let run = links(dir.path(), &[mode]);
        assert_eq!(run.code, 0, "{mode}: {}{}", run.stdout, run.stderr);
        assert_eq!(state(&db), before, "{mode} changed the history");
        assert_eq!(listing(db.parent().unwrap()), ["links.db"], "{mode} left files beside the history");
    }
    let run = links(dir.path(), &["--offline"]);
    assert!(run.stdout.contains("1 reused from earlier audits"), "the history was read: {}", run.stdout);
}

#[test]
fn another_programs_database_is_refused_untouched_however_it_is_named() {
    let (_rt, _s, dir) = setup();
    let other = dir.path().join("contacts.sqlite");
    foreign(&other);
    let before = state(&other);
    std::fs::create_dir(dir.path().join(".matrixlint")).unwrap();
    let untouched = |how: &str| {
        assert_eq!(state(&other), before, "{how}: the database changed");
        assert_eq!(listing(dir.path()), [".matrixlint", "cells", "contacts.sqlite", "matrixlint.yaml"], "{how}");
    };
    let refused = |run: Run, how: &str| {
        assert_eq!(run.code, 2, "{how}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("is not a matrixlint link history: its tables (contacts)"),
            "{how}: {}",
            run.stderr
        );
        assert!(run.stdout.contains("The link history could not be used"), "{how}: {}", run.stdout);
        untouched(how);
    };
    refused(links(dir.path(), &["--allow-private", "--history", "contacts.sqlite"]), "--history");
    // --offline is a preview: a warning, and nothing written either.
    let run = links(dir.path(), &["--offline", "--history", "contacts.sqlite"]);
    assert!(run.stdout.contains("contacts.sqlite is not a matrixlint link history"), "{}", run.stdout);
    untouched("--offline");
    std::fs::write(dir.path().join("matrixlint.yaml"), format!("{CONFIG}  history: contacts.sqlite\n")).unwrap();
    refused(links(dir.path(), &["--allow-private"]), "links.history");
    std::fs::write(dir.path().join("matrixlint.yaml"), CONFIG).unwrap();
    std::os::unix::fs::symlink(&other, dir.path().join(".matrixlint/links.db")).unwrap();
    refused(links(dir.path(), &["--allow-private"]), "a symbolic link at .matrixlint/links.db");
    assert_eq!(listing(&dir.path().join(".matrixlint")), ["links.db"]);
}

#[test]
fn a_history_that_cannot_be_used_fails_the_run_after_the_report() {
    let (_rt, _s, dir) = setup();
    let unusable: [(&str, PathBuf); 2] = [
        ("a symbolic link to /dev/null", {
            let link = dir.path().join("null.db");
            std::os::unix::fs::symlink("/dev/null", &link).unwrap();
            link
        }),
        ("a path below a file", dir.path().join("matrixlint.yaml/links.db")),
    ];
    for (what, path) in unusable {
        let run = links(dir.path(), &["--allow-private", "--history", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{what}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("all links work. The link history could not be used: every link was checked as if for the first time, so none can be reported dead."),
            "{what}: {}",
            run.stdout
        );
        assert!(run.stderr.starts_with("error: the link history could not be used: "), "{what}: {}", run.stderr);
        assert!(run.stderr.contains("none can be reported dead"), "{what}: {}", run.stderr);
    }
    // --exit-zero does not hide it: it is not a finding.
    let run = links(dir.path(), &["--allow-private", "--exit-zero", "--history", "null.db"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // The same audit with a usable history passes.
    assert_eq!(links(dir.path(), &["--allow-private"]).code, 0);
    assert!(History::open_read_only(&dir.path().join(".matrixlint/links.db")).is_ok());
}
