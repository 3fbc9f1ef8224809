//! `matrixlint evidence` as a user runs it: `--dump`, formats, exit codes,
//! levels and suppressions, the HTML report, `explain`.

use std::path::Path;

use crate::evidence_support::{Services, corpus};
use assert_cmd::Command;

fn setup() -> (tokio::runtime::Runtime, Services, tempfile::TempDir) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Services::start());
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), &s, true);
    // The binary resolves names itself: every service at 127.0.0.1.
    std::fs::write(dir.path().join("matrixlint.yaml"), s.config_as(true, ["127.0.0.1"; 4])).unwrap();
    let cell = dir.path().join("cells/drug/B2.yaml");
    let text = std::fs::read_to_string(&cell).unwrap().replace("publisher.test", "127.0.0.1");
    std::fs::write(cell, text).unwrap();
    (rt, s, dir)
}

fn evidence(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("evidence")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
fn dump_lists_every_entry_with_its_identifiers_and_sends_nothing() {
    let (_rt, s, dir) = setup();
    let (code, out, _) = evidence(dir.path(), &["--dump"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "cells/drug/B2.yaml:5: Retracted, says Retraction Watch — doi 10.5555/rw-retracted (written on the entry)"
        ),
        "{out}"
    );
    assert!(out.contains("Under a cloud — doi 10.5555/concern (read from url)"), "{out}");
    assert!(out.contains("Updated in PubMed — pmid 22222222 (read from url)"), "{out}");
    assert!(out.contains("In PubMed Central — pmcid PMC1234567 (read from free_source)"), "{out}");
    assert!(out.contains("No identifier — no identifier"), "{out}");
    assert!(out.ends_with("16 entries in 1 files: 15 with an identifier, 1 without\n"), "{out}");
    let (_, json, _) = evidence(dir.path(), &["--dump", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["without_identifier"], 1);
    assert_eq!(doc["entries"][2]["doi"]["source"], "url");
    // Markdown, for the action's job summary.
    let (code, md, err) = evidence(dir.path(), &["--dump", "--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.starts_with("# Evidence identifiers\n\n16 entries in 1 files: 15 with an identifier, 1 without"),
        "{md}"
    );
    assert!(
        md.contains("| [cells/drug/B2.yaml:5](cells/drug/B2.yaml#L5) | Retracted, says Retraction Watch | 10.5555/rw-retracted (written on the entry) |  |  |"),
        "{md}"
    );
    let (code, _, err) = evidence(dir.path(), &["--dump", "--format", "sarif"]);
    assert_eq!(code, 2);
    assert!(err.contains("--dump prints the human, concise, json or markdown format"), "{err}");
    assert_eq!(s.seen.requests.lock().unwrap().len(), 0);
}

#[test]
fn findings_fail_the_run_and_levels_and_suppressions_apply() {
    let (_rt, _s, dir) = setup();
    let (code, out, _) = evidence(dir.path(), &["--allow-private", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cells/drug/B2.yaml:8:10: error[ML501/retracted] the work was retracted"), "{out}");
    assert!(out.contains("unknown (not checked, so not known to be clean): 3 entries"), "{out}");
    assert!(out.contains("requests: crossref 17"), "{out}");

    // A suppression on the line, with its reason, and `retracted` made a warning.
    let cell = dir.path().join("cells/drug/B2.yaml");
    let text = std::fs::read_to_string(&cell).unwrap();
    let text = text.replacen(
        "doi: \"10.5555/rw-retracted\"",
        "doi: \"10.5555/rw-retracted\"  # matrixlint: ignore[retracted] kept to explain the retraction",
        1,
    );
    std::fs::write(&cell, text).unwrap();
    let (code, out, _) = evidence(dir.path(), &["--allow-private", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(!out.contains("B2.yaml:8:10"), "suppressed: {out}");
    assert!(out.contains("B2.yaml:12:10: error[ML501/retracted]"), "{out}");
    let config = std::fs::read_to_string(dir.path().join("matrixlint.yaml")).unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), format!("rules:\n  retracted: warning\n{config}")).unwrap();
    let (code, out, _) = evidence(dir.path(), &["--allow-private", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("B2.yaml:12:10: warning[ML501/retracted]"), "{out}");

    // `check` does not call the suppression unused.
    let check = Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&check.stdout).contains("unused-suppression"));
}

#[test]
fn sarif_json_and_html_reports() {
    let (_rt, _s, dir) = setup();
    let (_, sarif, _) = evidence(dir.path(), &["--allow-private", "--format", "sarif", "--html", "report.html"]);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let rules: Vec<&str> =
        doc["runs"][0]["results"].as_array().unwrap().iter().filter_map(|r| r["ruleId"].as_str()).collect();
    assert!(rules.contains(&"ML501") && rules.contains(&"ML504"), "retracted and superseded: {rules:?}");
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script"), "self-contained, no script");
    assert!(html.contains("<a href=\"#cell-drug-B2\">"), "the B2 square links to its section");
    assert!(html.contains("fill=\"#c62828\""), "B2 is coloured by its worst problem, a retraction");
    assert!(html.contains("<h2 id=\"cell-drug-B2\">drug B2</h2>"));
    let (_, json, _) = evidence(dir.path(), &["--allow-private", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fails = doc["entries"].as_array().unwrap().iter().find(|e| e["title"] == "Crossref fails").unwrap();
    assert_eq!(fails["clean"], false, "a failed service is never clean");
    assert_eq!(fails["status"]["unknown"][0], "Crossref answered 500");
    assert!(doc["findings"]["diagnostics"].as_array().is_some_and(|d| !d.is_empty()), "{}", doc["findings"]);
}

#[test]
fn explain_and_rules_list_the_evidence_rules() {
    let out = Command::cargo_bin("matrixlint").unwrap().args(["explain", "superseded"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Cochrane reviews keep their number"), "{text}");
}

#[test]
fn the_guide_evidence_configuration_is_valid() {
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands/evidence.md")).unwrap();
    let section = &page[page.find("# Evidence audit").expect("the guide has an Evidence audit page")..];
    let start = section.find("```yaml\n").unwrap() + 8;
    let block = &section[start..start + section[start..].find("```").unwrap()];
    let names: Vec<&str> = matrixlint_engine::rules::RULES.iter().map(|r| r.info.name).collect();
    let config = matrixlint::config::parse_text(block, &names)
        .unwrap_or_else(|p| panic!("{:?}", p.iter().map(|p| &p.message).collect::<Vec<_>>()));
    assert!(config.evidence.in_check);
    assert_eq!(config.evidence.email.as_deref(), Some("editor@example.org"));
}

#[test]
fn the_evidence_configuration_is_checked_at_load_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("matrixlint.yaml"),
        "evidence:\n  email: nobody\n  crossref: ftp://mirror.example\n  ncbi-per-second: 50\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(
        dir.path().join("cells/drug/B2.yaml"),
        "matrix: drug\ncell: B2\nentries:\n  - tier: more\n    text: x\n",
    )
    .unwrap();
    let out = Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for (message, line) in [
        ("`nobody` is not an email address", "matrixlint.yaml:2:10"),
        ("`ftp://mirror.example` is not an http(s) URL", "matrixlint.yaml:3:13"),
        ("50 requests a second is outside NCBI's limits", "matrixlint.yaml:4:20"),
    ] {
        assert!(err.contains(message), "{message}: {err}");
        assert!(err.contains(line), "{line}: {err}");
    }
}

#[test]
fn markdown_and_github_formats_carry_findings_and_what_stayed_unknown() {
    let (_rt, _s, dir) = setup();
    let (code, md, _) = evidence(dir.path(), &["--allow-private", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(
        md.starts_with(
            "# Evidence audit\n\n16 entries in 1 files; 15 with an identifier; 9 findings; 3 entries not fully checked."
        ),
        "{md}"
    );
    assert!(md.contains("| [8](cells/drug/B2.yaml#L8) | error | `retracted` |"), "{md}");
    assert!(md.contains("## Not fully checked"), "{md}");
    assert!(md.contains("| cells/drug/B2.yaml:46 | Crossref answered 500 |"), "{md}");
    let (_, gh, _) = evidence(dir.path(), &["--allow-private", "--format", "github"]);
    assert!(gh.contains("::error file=cells/drug/B2.yaml,line=8"), "{gh}");
    assert!(gh.contains("::notice file=cells/drug/B2.yaml,line=46::evidence unknown: Crossref answered 500"), "{gh}");
}
