//! What `matrixlint links` prints (issue 9, item 16; items 1 and 7 for
//! `links`): `--dump`, `--offline`, `--format concise`, an audit of no links,
//! columns in characters that agree between formats, places named without
//! quoting paragraphs, and per-host settings checked with positions.

use std::path::Path;

use crate::links_support::Server;
use assert_cmd::Command;

const CONFIG: &str = "links:\n  per-host-interval-ms: 0\n  failure-interval-hours: 0\n";

/// A cell whose prose paragraph (one long line) has curly quotes and dashes
/// before its link, so byte and character columns differ.
fn cell(s: &Server) -> String {
    let filler = "An editor’s note — “kept as published” — ".repeat(20);
    format!(
        "matrix: drug\ncell: B2\ntitle: \"Practitioners\"\nentries:\n  - tier: K\n    title: \"Study\"\n    year: 2001\n    url: \"{}\"\n    text: \"{filler}see [the report]({}) and more.\"\n",
        s.url("/ok"),
        s.url("/missing")
    )
}

fn setup(s: &Server) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), cell(s)).unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), CONFIG).unwrap();
    dir
}

fn links(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("matrixlint").unwrap().current_dir(dir).arg("links").args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn server() -> (tokio::runtime::Runtime, Server) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start());
    (rt, server)
}

/// The line and column (in characters) of the prose link in the cell.
fn prose_place(dir: &Path) -> (usize, usize) {
    let text = std::fs::read_to_string(dir.join("cells/drug/B2.yaml")).unwrap();
    let line = text.lines().position(|l| l.contains("/missing")).unwrap();
    let l = text.lines().nth(line).unwrap();
    let byte = l.find("http://127.0.0.1").unwrap();
    (line + 1, l[..byte].chars().count() + 1)
}

#[test]
fn dump_lists_every_url_with_its_places_and_sends_nothing() {
    let (_rt, s) = server();
    let dir = setup(&s);
    let (line, column) = prose_place(dir.path());
    let (code, out, _) = links(dir.path(), &["--dump"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        format!(
            "{missing}\n    cells/drug/B2.yaml:{line}:{column} (prose link)\n{ok}\n    cells/drug/B2.yaml:8:11 (url)\n2 links in 2 places in 1 file.\n",
            ok = s.url("/ok"),
            missing = s.url("/missing")
        )
    );
    let (_, concise, _) = links(dir.path(), &["--dump", "--format", "concise"]);
    assert_eq!(
        concise.lines().next(),
        Some(format!("cells/drug/B2.yaml:{line}:{column}: {} (prose link)", s.url("/missing")).as_str())
    );
    let (_, json, _) = links(dir.path(), &["--dump", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["links"][0]["places"][0]["column"], column);
    assert_eq!(s.total(), 0, "--dump sends no request");
    let (code, _, err) = links(dir.path(), &["--dump", "--format", "markdown"]);
    assert_eq!(code, 2);
    assert!(err.contains("--dump prints the human, concise or json format"), "{err}");
}

#[test]
fn offline_says_what_would_be_fetched_reused_and_skipped_without_a_request() {
    let (_rt, s) = server();
    let dir = setup(&s);
    std::fs::write(dir.path().join("matrixlint.yaml"), format!("{CONFIG}  exclude: [\"/missing$\"]\n")).unwrap();
    let (code, out, _) = links(dir.path(), &["--offline", "--allow-private"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "Would fetch (1):\n  {}  (127.0.0.1:{}; cells/drug/B2.yaml:8:11)\n",
            s.url("/ok"),
            s.addr.port()
        )),
        "{out}"
    );
    assert!(out.contains("Not fetched (1):"), "{out}");
    assert!(out.ends_with("Offline: 2 links found; would fetch 1 from 1 host, with up to 1 soft-404 probe; 0 reused from earlier audits, 1 not fetched. No request was sent.\n"), "{out}");
    assert_eq!(s.total(), 0);
    // After a real audit, the success is reused.
    let (code, _, _) = links(dir.path(), &["--allow-private"]);
    assert_eq!(code, 0);
    let before = s.total();
    let (_, json, _) = links(dir.path(), &["--offline", "--allow-private", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["links"][0]["action"], "excluded", "{json}");
    assert_eq!(doc["links"][1]["action"], "reuse", "{json}");
    assert_eq!(s.total(), before);
}

#[test]
fn human_concise_and_markdown_agree_on_places_and_quote_no_paragraph() {
    let (_rt, s) = server();
    let dir = setup(&s);
    let (line, column) = prose_place(dir.path());
    links(dir.path(), &["--allow-private"]);
    let (code, human, _) = links(dir.path(), &["--allow-private"]);
    assert_eq!(code, 1, "{human}");
    let place = format!("cells/drug/B2.yaml:{line}:{column}");
    assert!(human.contains(&format!("  --> {place}: prose link: broken\n")), "{human}");
    assert!(!human.contains("kept as published"), "the paragraph is not quoted: {human}");
    assert!(human.lines().all(|l| l.chars().count() < 200), "{human}");
    let (_, md, _) = links(dir.path(), &["--allow-private", "--format", "markdown"]);
    assert!(md.contains(&format!("- `{place}` (prose link)")), "{md}");
    let (_, concise, _) = links(dir.path(), &["--allow-private", "--format", "concise", "--html", "report.html"]);
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains(&format!(">{place}</a> (prose link)")), "{page}");
    assert_eq!(
        concise,
        format!(
            "{place}: error[ML500/dead-link] dead link {} (404 Not Found), failing in 4 consecutive audits since {}\nAudited 2 links (2 places in 1 file; 1 reused from earlier audits): 1 dead.\n",
            s.url("/missing"),
            concise.split(" since ").nth(1).unwrap_or("").lines().next().unwrap_or("")
        )
    );
}

#[test]
fn an_audit_of_no_links_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), "matrix: drug\ncell: B2\ntitle: \"Practitioners\"\n")
        .unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), CONFIG).unwrap();
    let (code, out, _) = links(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(out, "Audited 0 links (0 places in 1 file; 0 reused from earlier audits): no links to check.\n");
}

#[test]
fn per_host_settings_are_checked_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("matrixlint.yaml"),
        "links:\n  hosts:\n    \"https://findings.org.uk/\":\n      method: get\n    doi.org:\n      concurrency: 0\n      soft-404: maybe\n",
    )
    .unwrap();
    let (code, _, err) = links(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("matrixlint.yaml:6:20"), "concurrency 0: {err}");
    assert!(err.contains("matrixlint.yaml:7:"), "soft-404 maybe: {err}");
    std::fs::write(
        dir.path().join("matrixlint.yaml"),
        "links:\n  hosts:\n    \"https://findings.org.uk/\":\n      method: get\n",
    )
    .unwrap();
    let (code, _, err) = links(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`https://findings.org.uk/` is not a host name"), "{err}");
    assert!(err.contains("matrixlint.yaml:3:5"), "{err}");
    assert!(err.contains("write the host alone, without scheme, port or path: `findings.org.uk`"), "{err}");
}
