//! `dead-link` findings go through the same levels and suppressions as
//! `check`'s (issue 10, item 3): `rules`, `overrides`, and
//! `# matrixlint: ignore[dead-link] reason` on the URL's line, which `check`
//! does not call unused.

use crate::links_support::{Server, audit};
use matrixlint::config::links::Action;
use matrixlint_links::audit::Audit;

/// Three audits apart enough to make a 404 dead.
const WHEN: [&str; 2] = ["2026-11-01T06:00:00Z", "2026-11-08T06:00:00Z"];

fn start() -> (tokio::runtime::Runtime, Server, tempfile::TempDir) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start());
    (rt, server, tempfile::tempdir().unwrap())
}

/// A corpus of two cells linking to `url`, the drug one with `comment` on
/// its `url:` line; audited twice so that a 404 is dead.
fn dead_twice(dir: &std::path::Path, config: &str, url: &str, comment: &str) -> Audit {
    std::fs::write(dir.join("matrixlint.yaml"), format!("links: {{ per-host-interval-ms: 0 }}\n{config}")).unwrap();
    for (matrix, note) in [("drug", comment), ("alcohol", "")] {
        let path = dir.join(format!("cells/{matrix}/B2.yaml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = format!(
            "matrix: {matrix}\ncell: B2\nentries:\n  - tier: K\n    title: \"T\"\n    year: 2001\n    url: \"{url}\"{note}\n"
        );
        std::fs::write(path, text).unwrap();
    }
    audit(dir, WHEN[0], false);
    audit(dir, WHEN[1], false).0
}

fn files(audit: &Audit) -> Vec<String> {
    audit.results[0].target.places.iter().map(|p| p.file.name.clone()).collect()
}

#[test]
fn without_configuration_a_dead_link_fails_in_every_file() {
    let (_rt, s, dir) = start();
    let audit = dead_twice(dir.path(), "", &s.url("/missing"), "");
    assert_eq!(audit.results[0].action, Action::Fail);
    assert_eq!(files(&audit), ["cells/alcohol/B2.yaml", "cells/drug/B2.yaml"]);
    assert!(audit.fails());
}

#[test]
fn a_configured_level_applies_to_dead_links() {
    let (_rt, s, dir) = start();
    let audit = dead_twice(dir.path(), "rules: { dead-link: warning }\n", &s.url("/missing"), "");
    assert_eq!(audit.results[0].action, Action::Warn);
    assert!(!audit.fails(), "a warning does not fail the audit");
}

#[test]
fn overrides_apply_per_file() {
    let (_rt, s, dir) = start();
    let config = "overrides:\n  - files: [\"cells/alcohol/**\"]\n    rules: { dead-link: off }\n";
    let audit = dead_twice(dir.path(), config, &s.url("/missing"), "");
    assert_eq!(files(&audit), ["cells/drug/B2.yaml"], "the alcohol place is off");
    assert_eq!(audit.results[0].action, Action::Fail);
}

#[test]
fn a_suppression_on_the_url_line_applies_in_links_and_is_not_unused_in_check() {
    let (_rt, s, dir) = start();
    let comment = "   # matrixlint: ignore[dead-link] the publisher moves it back each term";
    let config = "overrides:\n  - files: [\"cells/alcohol/**\"]\n    rules: { dead-link: off }\n";
    let audit = dead_twice(dir.path(), config, &s.url("/missing"), comment);
    assert!(files(&audit).is_empty(), "both places gone: {:?}", files(&audit));
    assert_eq!(audit.results[0].action, Action::Ignore);
    assert!(!audit.fails());
    // `check` cannot tell whether a dead-link suppression is used: it says nothing.
    let out = assert_cmd::Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir.path())
        .env("MATRIXLINT_TODAY", "2026-11-08")
        .args(["check", "--format", "concise", "--select", "unused-suppression"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("unused"), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
}

/// Issue 9, item 12: `-q` and `-v` for `links` as for `check`.
#[test]
fn links_takes_quiet_and_verbose() {
    let (_rt, s, dir) = start();
    dead_twice(dir.path(), "", &s.url("/missing"), "");
    let run = |flag: &str| {
        assert_cmd::Command::cargo_bin("matrixlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["links", "--allow-private", "--format", "concise", flag])
            .output()
            .unwrap()
    };
    let quiet = run("-q");
    let stdout = String::from_utf8_lossy(&quiet.stdout);
    assert_eq!(stdout.lines().count(), 2, "one line per place, no summary: {stdout}");
    assert!(stdout.lines().all(|l| l.contains("error[ML500/dead-link]")), "{stdout}");
    let verbose = run("-v");
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    let root = dir.path().canonicalize().unwrap();
    assert!(stderr.contains(&format!("matrixlint: corpus root {}\n", root.display())), "{stderr}");
    assert!(stderr.contains("matrixlint: 1 links in 2 places in 2 files\n"), "{stderr}");
    assert!(String::from_utf8_lossy(&verbose.stdout).lines().last().unwrap().starts_with("Audited"), "summary kept");
}
