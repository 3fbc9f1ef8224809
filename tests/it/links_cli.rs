//! `matrixlint links` as a user runs it: the dead-link rule's fixture
//! corpora (their findings.org.uk links pointed at a local server), every
//! output format, exit codes and the address guard.

use std::path::Path;

use crate::links_support::Server;
use assert_cmd::Command;

/// Copies `fixtures/rules/dead-link/{kind}` to a temporary directory, its
/// links pointed at `server`, with no per-host interval (one host serves all)
/// and no failure interval (audits a moment apart count as if a week apart).
/// Soft-404 probing is off: these tests count status-code behaviour and
/// requests; `tests/links_soft404.rs` covers the probes.
fn fixture(kind: &str, server: &Server) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/dead-link").join(kind);
    let dir = tempfile::tempdir().unwrap();
    let cell = std::fs::read_to_string(from.join("cells/drug/B2.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(
        dir.path().join("cells/drug/B2.yaml"),
        cell.replace("https://findings.org.uk/", &server.url("/site/")),
    )
    .unwrap();
    let config = std::fs::read_to_string(from.join("matrixlint.yaml")).unwrap();
    std::fs::write(
        dir.path().join("matrixlint.yaml"),
        format!("{config}links:\n  per-host-interval-ms: 0\n  failure-interval-hours: 0\n  soft-404: off\n"),
    )
    .unwrap();
    dir
}

fn links(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("matrixlint").unwrap().current_dir(dir).arg("links").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

fn server() -> (tokio::runtime::Runtime, Server) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start());
    (rt, server)
}

#[test]
fn the_good_fixture_audits_clean() {
    let (_rt, s) = server();
    let dir = fixture("good", &s);
    let (code, out) = links(dir.path(), &["--allow-private"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("Audited 4 links (4 places in 1 file; 0 reused from earlier audits): all links work.\n"),
        "{out}"
    );
}

#[test]
fn the_bad_fixture_warns_first_then_fails_with_every_place() {
    let (_rt, s) = server();
    let dir = fixture("bad", &s);
    let (code, out) = links(dir.path(), &["--allow-private", "--format", "json"]);
    assert_eq!(code, 0, "newly broken links are warnings: {out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["newly_broken"], 2);
    assert_eq!(doc["summary"]["classes"]["redirected"], 1);

    let (code, out) = links(dir.path(), &["--allow-private"]);
    assert_eq!(code, 1, "{out}");
    let gone = s.url("/site/gone/baldwin-2012.pdf");
    assert!(out.contains(&format!("dead link {gone} (410 Gone), failing in 2")), "{out}");
    assert!(out.contains("free_source: broken"), "{out}");
    assert!(out.contains("also used here (prose link)"), "both places of the URL are labelled: {out}");
    assert!(out.contains(&format!("help: update the link to {}", s.url("/site/Wampold_BE_1.txt"))), "{out}");
    assert!(out.ends_with("(6 places in 1 file; 3 reused from earlier audits): 2 dead, 1 redirected.\n"), "{out}");
}

#[test]
fn markdown_and_github_formats() {
    let (_rt, s) = server();
    let dir = fixture("bad", &s);
    links(dir.path(), &["--allow-private", "--format", "json"]);
    let (code, md) = links(dir.path(), &["--allow-private", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(md.starts_with("# Link audit\n"), "{md}");
    assert!(md.contains("| broken | 2 |"), "{md}");
    assert!(md.contains("## Dead links (2)"), "{md}");
    assert!(md.contains("- `cells/drug/B2.yaml:9:19` (free_source)"), "{md}");
    assert!(md.contains("less than a day, 2 consecutive audits"), "{md}");
    assert!(md.contains("## Redirects to update (1)"), "{md}");

    let (code, gh) = links(dir.path(), &["--allow-private", "--format", "github"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = gh.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 3, "one annotation per place of each dead link: {gh}");
    assert!(errors[0].starts_with("::error file=cells/drug/B2.yaml,line="), "{gh}");
    assert!(gh.contains("title=ML500 (dead-link)::dead link"), "{gh}");
    assert_eq!(gh.lines().filter(|l| l.starts_with("::warning ")).count(), 1, "the redirect: {gh}");
}

#[test]
fn without_allow_private_nothing_is_sent_to_loopback() {
    let (_rt, s) = server();
    let dir = fixture("bad", &s);
    let (code, out) = links(dir.path(), &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["classes"]["excluded"], 5, "{out}");
    assert!(doc["links"][0]["detail"].as_str().unwrap().contains("loopback address"), "{out}");
    assert_eq!(s.total(), 0, "the guard refuses before connecting");
}

#[test]
fn named_paths_limit_the_audit_to_their_files() {
    let (_rt, s) = server();
    let dir = fixture("good", &s);
    std::fs::create_dir_all(dir.path().join("cells/alcohol")).unwrap();
    let other = format!("entries:\n  - url: \"{}\"\n", s.url("/site/elsewhere.pdf"));
    std::fs::write(dir.path().join("cells/alcohol/C2.yaml"), other).unwrap();
    let (code, out) = links(dir.path(), &["--allow-private", "--format", "json", "cells/alcohol"]);
    assert_eq!(code, 0, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["urls"], 1, "{out}");
    assert_eq!(s.total(), 1);
}

#[test]
fn a_run_that_cannot_happen_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("matrixlint").unwrap().current_dir(dir.path()).arg("links").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(dir.path().join("matrixlint.yaml"), "links:\n  exclude: [\"(\"]\n").unwrap();
    let out = Command::cargo_bin("matrixlint").unwrap().current_dir(dir.path()).arg("links").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("regex") && stderr.contains("matrixlint.yaml:2:13"), "{stderr}");
}
