//! A cell that cannot be parsed does not vanish from the link audit (issue
//! 16, item 10): `links` reports it with the finding `check` makes, at the
//! same file, line and column, in every format (`--dump` and `--offline`
//! too), still audits the other cells, and fails the run unless `--exit-zero`.

mod links_support;

use std::path::Path;

use assert_cmd::Command;
use links_support::{Server, corpus};

const CONFIG: &str = "links:\n  per-host-interval-ms: 0\n  failure-interval-hours: 0\n  soft-404: off\n";

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir)
        .env("MATRIXLINT_TODAY", "2026-06-15")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

/// Two cells, each with a dead link; B3's second title has an unclosed quote.
fn setup() -> (tokio::runtime::Runtime, Server, tempfile::TempDir) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start());
    let dir = tempfile::tempdir().unwrap();
    corpus(
        dir.path(),
        CONFIG,
        &[
            ("cells/drug/B2.yaml", vec![server.url("/missing")]),
            ("cells/drug/B3.yaml", vec![server.url("/gone"), server.url("/ok")]),
        ],
    );
    let b3 = dir.path().join("cells/drug/B3.yaml");
    let text = std::fs::read_to_string(&b3).unwrap().replacen("title: \"Study 1\"", "title: \"Study 1", 1);
    std::fs::write(&b3, text).unwrap();
    (rt, server, dir)
}

/// `check --format concise`'s line for the broken cell: the finding `links` must repeat.
fn check_line(dir: &Path) -> String {
    let (code, out) = run(dir, &["check", "--format", "concise", "cells/drug/B3.yaml"]);
    assert_eq!(code, 1, "{out}");
    let line = out.lines().find(|l| l.contains("[ML101/yaml-syntax]")).unwrap_or_else(|| panic!("{out}"));
    line.to_owned()
}

#[test]
fn a_cell_with_a_yaml_error_is_reported_and_the_others_are_audited() {
    let (_rt, s, dir) = setup();
    let finding = check_line(dir.path());
    let place = finding.split(": ").next().unwrap().to_owned();
    assert!(place.starts_with("cells/drug/B3.yaml:"), "{finding}");
    let (line, column) = {
        let mut parts = place.rsplitn(3, ':');
        let column: usize = parts.next().unwrap().parse().unwrap();
        (parts.next().unwrap().parse::<usize>().unwrap(), column)
    };

    for format in ["human", "concise"] {
        let (code, out) = run(dir.path(), &["links", "--allow-private", "--format", format]);
        assert_eq!(code, 1, "{format}: {out}");
        assert!(out.contains(&format!("{finding} (the links of this file were not audited)")), "{format}: {out}");
        assert!(out.contains(&s.url("/missing")), "{format}: the other cell is still audited: {out}");
        assert!(!out.contains(&s.url("/gone")), "{format}: the broken cell's links were not read: {out}");
        assert!(out.contains("1 file could not be read or parsed: its links were not audited."), "{format}: {out}");
    }
    let (code, out) = run(dir.path(), &["links", "--allow-private", "--format", "github"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("::error file=cells/drug/B3.yaml,line={line},col={column},")), "{out}");
    assert!(out.contains("/missing"), "{out}");

    let (code, out) = run(dir.path(), &["links", "--allow-private", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let problem = &doc["problems"][0];
    assert_eq!(
        (problem["file"].as_str(), problem["line"].as_u64(), problem["column"].as_u64(), problem["rule"].as_str()),
        (Some("cells/drug/B3.yaml"), Some(line as u64), Some(column as u64), Some("yaml-syntax")),
        "{out}"
    );
    assert_eq!(doc["summary"]["fails"], true);
    assert_eq!(doc["summary"]["urls"], 1, "only the readable cell's link: {out}");

    let (_, out) = run(dir.path(), &["links", "--allow-private", "--format", "markdown"]);
    assert!(out.contains("## Files not audited (1)"), "{out}");
    assert!(out.contains(&format!("- `cells/drug/B3.yaml:{line}:{column}` error[ML101/yaml-syntax]")), "{out}");
    let (_, out) = run(dir.path(), &["links", "--allow-private", "--format", "html"]);
    assert!(
        out.contains(&format!("<code>cells/drug/B3.yaml:{line}:{column}</code> error[ML101/yaml-syntax]")),
        "{out}"
    );

    // Told otherwise: the report is the same, the exit code 0.
    let (code, out) = run(dir.path(), &["links", "--allow-private", "--format", "concise", "--exit-zero"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&finding), "{out}");
}

#[test]
fn dump_and_offline_report_the_cell_too() {
    let (_rt, s, dir) = setup();
    let finding = check_line(dir.path());
    for mode in ["--dump", "--offline"] {
        for format in ["human", "concise"] {
            let (code, out) = run(dir.path(), &["links", mode, "--format", format]);
            assert_eq!(code, 1, "{mode} {format}: {out}");
            assert!(out.contains(&finding), "{mode} {format}: {out}");
            assert!(out.contains(&s.url("/missing")), "{mode} {format}: {out}");
        }
        let (code, out) = run(dir.path(), &["links", mode, "--format", "json"]);
        assert_eq!(code, 1, "{mode}: {out}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["problems"][0]["rule"], "yaml-syntax", "{mode}: {out}");
        let (code, _) = run(dir.path(), &["links", mode, "--exit-zero"]);
        assert_eq!(code, 0, "{mode} --exit-zero");
    }
}

#[test]
fn an_unreadable_cell_is_a_read_error() {
    let (_rt, _s, dir) = setup();
    let b3 = dir.path().join("cells/drug/B3.yaml");
    std::fs::remove_file(&b3).unwrap();
    // A symbolic link out of the corpus: `check` refuses to read it, and so does `links`.
    std::os::unix::fs::symlink("/etc/hostname", &b3).unwrap();
    let (code, out) = run(dir.path(), &["links", "--dump", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cells/drug/B3.yaml:1:1: error[ML100/read-error]"), "{out}");
}
