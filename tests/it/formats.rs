//! The output formats of `check` (concise, GitHub, SARIF, JUnit, statistics),
//! rendered from one small corpus with a fixed "today", and the flags that
//! shape the output (`--statistics`, `--exit-zero`) through the binary.
//!
//! The corpus has one clean file and one with an error (whose label holds
//! `&` and `<`), two fixable-or-not warnings (one with a related location) and
//! a note after non-ASCII text (so character and UTF-16 columns differ).

use std::path::Path;

use assert_cmd::Command;
use matrixlint::app::check::{CheckOutcome, CheckRequest, check};
use matrixlint::report::{self, Summary};
use matrixlint_engine::diagnostic::Severity;
use matrixlint_engine::rules::RULES;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use serde_json::Value;

const CONFIG: &str = "cells: [\"cells/**/*.yaml\"]\nrules:\n  prose-year: info\n";

const B2: &str = r#"matrix: drug
cell: B2
title: "Practitioners: Generic and cross-cutting issues"
entries:
  - tier: "K&<R>"
    title: "Client-receptive treatment"
    year: 1999
    url: "https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt"
  - tier: K
    title: "Best drug workers are non-conformist hedonists"
    year: 2008
    url: "https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt"
    text: "A “US” study (2074), 100% reliable."
  - tier: more
    text: "[This search](https://findings.org.uk/topic_search.php?s=staff) retrieves all relevant analyses."
"#;

const A2: &str = r#"matrix: drug
cell: A2
title: "Interventions; Generic and cross-cutting issues"
entries:
  - tier: K
    title: "Client-receptive treatment"
    year: 1999
    url: "https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt"
  - tier: more
    text: "[This search](https://findings.org.uk/topic_search.php?s=staff) retrieves all relevant analyses."
"#;

/// `--today` for every run: no test depends on the current year.
const TODAY: &str = "2026-06-01";

/// Writes the corpus into `dir`.
fn write_corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("cells/drug")).expect("mkdir");
    std::fs::write(dir.join("matrixlint.yaml"), CONFIG).expect("write config");
    std::fs::write(dir.join("cells/drug/B2.yaml"), B2).expect("write B2");
    std::fs::write(dir.join("cells/drug/A2.yaml"), A2).expect("write A2");
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    dir
}

fn outcome() -> CheckOutcome {
    let dir = corpus();
    let request = CheckRequest::new(dir.path().to_owned(), TODAY.parse().expect("date"));
    let outcome = check(&request).expect("check runs");
    let severities: Vec<Severity> = outcome.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Warning, Severity::Error, Severity::Warning, Severity::Info]);
    assert_eq!(outcome.reported, ["cells/drug/A2.yaml", "cells/drug/B2.yaml"]);
    outcome
}

fn summary(o: &CheckOutcome) -> Summary {
    Summary::new(o.files, &o.diagnostics)
}

#[test]
fn concise() {
    let o = outcome();
    insta::assert_snapshot!(report::concise::render(&o.diagnostics, summary(&o), &report::Names::default()));
}

#[test]
fn github() {
    let o = outcome();
    let out = report::github::render(&o.diagnostics, "");
    assert_eq!(out.lines().count(), o.diagnostics.len());
    insta::assert_snapshot!(out);
}

#[test]
fn github_paths_are_from_the_repository_root() {
    let o = outcome();
    let out = report::github::render(&o.diagnostics, "content/matrices");
    assert!(out.lines().all(|l| l.contains(" file=content/matrices/cells/drug/")), "{out}");
}

#[test]
fn statistics() {
    let o = outcome();
    insta::assert_snapshot!(report::statistics::render(&o.diagnostics, summary(&o)));
    let json: Value = serde_json::from_str(&report::statistics::render_json(&o.diagnostics)).expect("json");
    let total: u64 = json.as_array().expect("array").iter().map(|c| c["count"].as_u64().expect("count")).sum();
    assert_eq!(usize::try_from(total).expect("small"), o.diagnostics.len());
}

/// The SARIF log with what changes by itself (the version, the rule list and
/// indices into it as rules are added) taken out, for the snapshot.
fn sarif_for_snapshot(mut log: Value) -> Value {
    let driver = &mut log["runs"][0]["tool"]["driver"];
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    driver["rules"] = "[every rule, checked above]".into();
    for result in log["runs"][0]["results"].as_array_mut().into_iter().flatten() {
        result["ruleIndex"] = "[index]".into();
    }
    log
}

#[test]
fn sarif() {
    let o = outcome();
    let log: Value = serde_json::from_str(&report::sarif::render(&o.diagnostics, "")).expect("sarif is json");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), RULES.len(), "every rule is described");
    for (descriptor, rule) in rules.iter().zip(RULES) {
        assert_eq!(descriptor["id"], rule.info.code);
        assert_eq!(descriptor["name"], rule.info.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.info.summary);
        let help = descriptor["help"]["markdown"].as_str().expect("help");
        assert!(help.starts_with("## What it does\n"), "{}: {help}", rule.info.name);
        assert!(!help.contains("\n ## "), "{}: doc-comment indentation kept", rule.info.name);
        assert!(!descriptor["fullDescription"]["text"].as_str().expect("full").is_empty());
    }
    for result in run["results"].as_array().expect("results") {
        let index = usize::try_from(result["ruleIndex"].as_u64().expect("index")).expect("small");
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    insta::assert_json_snapshot!(sarif_for_snapshot(log));
}

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("schema json");
    jsonschema::draft4::options().should_validate_formats(true).build(&schema).expect("schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator.iter_errors(log).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_validator();
    let o = outcome();
    for (diagnostics, base) in [(&o.diagnostics[..], ""), (&o.diagnostics[..], "content dir"), (&[][..], "")] {
        let log: Value = serde_json::from_str(&report::sarif::render(diagnostics, base)).expect("json");
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // The validator is not vacuous: an unknown level is rejected.
    let mut log: Value = serde_json::from_str(&report::sarif::render(&o.diagnostics, "")).expect("json");
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&validator, &log).is_empty());
}

#[test]
fn junit() {
    let o = outcome();
    let options = report::junit::Options { base: "", deny_warnings: false };
    let xml = report::junit::render(&o.reported, &o.diagnostics, options);
    let parsed = parse_junit(&xml);
    assert_eq!(parsed.cases, ["cells/drug/A2.yaml", "cells/drug/B2.yaml"]);
    assert_eq!(parsed.failure_messages, ["unknown tier label `K&<R>`"], "only the error fails");
    assert_eq!(parsed.system_out.len(), 1, "the warnings and the note are listed, not failed");
    assert!(parsed.system_out[0].contains("warning[ML208/cell-title]"), "{}", parsed.system_out[0]);
    assert!(parsed.system_out[0].contains("info[ML403/prose-year]"), "{}", parsed.system_out[0]);
    insta::assert_snapshot!(xml);
}

#[test]
fn junit_with_deny_warnings_fails_warnings_too() {
    let o = outcome();
    let options = report::junit::Options { base: "corpus", deny_warnings: true };
    let parsed = parse_junit(&report::junit::render(&o.reported, &o.diagnostics, options));
    assert_eq!(parsed.cases, ["corpus/cells/drug/A2.yaml", "corpus/cells/drug/B2.yaml"]);
    assert_eq!(parsed.failure_messages.len(), 3);
    assert_eq!(parsed.suite_failures, "1", "failures count failing test cases");
}

#[test]
fn junit_without_files_is_an_empty_suite() {
    let parsed =
        parse_junit(&report::junit::render(&[], &[], report::junit::Options { base: "", deny_warnings: false }));
    assert!(parsed.cases.is_empty());
    assert_eq!(parsed.suite_tests, "0");
}

/// What the JUnit document says, read back with an XML parser (which fails on
/// anything malformed: unbalanced tags, bad escapes).
#[derive(Default)]
struct Junit {
    cases: Vec<String>,
    failure_messages: Vec<String>,
    system_out: Vec<String>,
    suite_tests: String,
    suite_failures: String,
}

fn parse_junit(xml: &str) -> Junit {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut parsed = Junit::default();
    let mut system_out: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .expect("attribute")
                        .map(|a| a.normalized_value(XmlVersion::Implicit1_0).expect("escaped").into_owned())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    "testsuite" => (parsed.suite_tests, parsed.suite_failures) = (attr("tests"), attr("failures")),
                    "testcase" => parsed.cases.push(attr("name")),
                    "failure" => parsed.failure_messages.push(attr("message")),
                    "system-out" => system_out = Some(String::new()),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(out) = &mut system_out {
                    out.push_str(&t.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(out) = &mut system_out {
                    match r.resolve_char_ref().expect("character reference") {
                        Some(c) => out.push(c),
                        None => out.push_str(resolve_predefined_entity(&r.xml10_content()).expect("known entity")),
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "system-out" => {
                parsed.system_out.extend(system_out.take());
            }
            _ => {}
        }
    }
    parsed
}

fn matrixlint(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("matrixlint"));
    cmd.current_dir(dir).env("MATRIXLINT_TODAY", TODAY).env_remove("NO_COLOR");
    cmd
}

#[test]
fn cli_statistics_counts_per_rule_and_keeps_the_exit_code() {
    let dir = corpus();
    let out = matrixlint(dir.path()).args(["check", "--statistics"]).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.starts_with("1\tML201\t    unknown-tier\n"), "{stdout}");
    assert!(stdout.contains("\tML208\t[*] cell-title\n"), "{stdout}");
    assert!(
        stdout.ends_with("Checked 2 files: 1 error, 2 warnings, 1 note; 1 fixable with `matrixlint check --fix`.\n"),
        "{stdout}"
    );
    let json = matrixlint(dir.path()).args(["check", "--statistics", "--format", "json"]).assert().code(1);
    let json: Value = serde_json::from_slice(&json.get_output().stdout).expect("json statistics");
    assert_eq!(json.as_array().map(Vec::len), Some(4));
}

#[test]
fn cli_statistics_refuses_formats_without_a_table() {
    let dir = corpus();
    for format in ["github", "sarif", "junit"] {
        let out = matrixlint(dir.path()).args(["check", "--statistics", "--format", format]).assert().code(2);
        assert!(out.get_output().stdout.is_empty());
    }
}

#[test]
fn cli_exit_zero() {
    let dir = corpus();
    matrixlint(dir.path()).args(["check", "--format", "concise"]).assert().code(1);
    matrixlint(dir.path()).args(["check", "--format", "concise", "--exit-zero"]).assert().code(0);
    matrixlint(dir.path()).args(["check", "--deny-warnings", "--exit-zero", "cells/drug/A2.yaml"]).assert().code(0);
    // A run that cannot happen still exits 2.
    matrixlint(dir.path()).args(["check", "--exit-zero", "cells/missing.yaml"]).assert().code(2);
}

#[test]
fn cli_ci_formats_name_files_from_the_working_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(&dir.path().join("content"));
    let github = matrixlint(dir.path()).args(["check", "--root", "content", "--format", "github"]).assert().code(1);
    let github = String::from_utf8_lossy(&github.get_output().stdout).into_owned();
    assert!(github.contains("::error file=content/cells/drug/B2.yaml,line=5,col=11,"), "{github}");
    let sarif = matrixlint(dir.path()).args(["check", "--root", "content", "--format", "sarif"]).assert().code(1);
    let log: Value = serde_json::from_slice(&sarif.get_output().stdout).expect("sarif");
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(errors.is_empty(), "{errors:#?}");
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "content/cells/drug/B2.yaml");
    let junit = matrixlint(dir.path()).args(["check", "--root", "content", "--format", "junit"]).assert().code(1);
    let parsed = parse_junit(&String::from_utf8_lossy(&junit.get_output().stdout));
    assert_eq!(parsed.cases, ["content/cells/drug/A2.yaml", "content/cells/drug/B2.yaml"]);
}

/// A corpus whose cells try to send escape sequences to the terminal: decoded
/// from YAML escapes in a tier label, written raw into a title, and in a file name.
fn hostile_corpus() -> (tempfile::TempDir, CheckOutcome) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("cells/drug")).expect("mkdir");
    std::fs::write(dir.path().join("matrixlint.yaml"), CONFIG).expect("write config");
    let escaped = "matrix: drug\ncell: B2\nentries:\n  - tier: \"\\e[2J\\e]0;pwned\\aK\\x7f\\u009b31m\"\n    title: \"T\"\n    year: 1999\n    url: \"https://x.org/a\"\n";
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), escaped).expect("write B2");
    let raw = "matrix: drug\ncell: B3\nentries:\n  - tier: K\n    title: \"\u{1b}[31mred\u{1b}[0m\r\u{7f}\"\n";
    std::fs::write(dir.path().join("cells/drug/B3.yaml"), raw).expect("write B3");
    let named = "matrix: drug\ncell: B4\nentries:\n  - tier: K\n    title: \"T\"\n    year: 1999\n    url: \"https://x.org/b\"\n";
    std::fs::write(dir.path().join("cells/drug/\u{1b}[41mB4.yaml"), named).expect("write the named file");
    let request = CheckRequest::new(dir.path().to_owned(), TODAY.parse().expect("date"));
    let outcome = check(&request).expect("check runs");
    (dir, outcome)
}

/// Issue 8, item 9: no format echoes a control character (tabs and line feeds aside).
#[test]
fn no_format_echoes_a_control_character() {
    let (_dir, o) = hostile_corpus();
    let rules: Vec<&str> = o.diagnostics.iter().map(|d| d.rule.name).collect();
    assert!(rules.contains(&"unknown-tier") && rules.contains(&"yaml-syntax"), "{rules:?}");
    assert!(rules.contains(&"cell-location"), "{rules:?}");
    assert!(o.diagnostics.iter().any(|d| d.message.contains('\u{1b}')), "the hostile text reaches the messages");
    let s = summary(&o);
    let outputs = [
        (
            "human",
            report::human::render(
                &o.diagnostics,
                s,
                report::human::Style { color: false, width: 100, names: &report::Names::default() },
            ),
        ),
        ("concise", report::concise::render(&o.diagnostics, s, &report::Names::default())),
        ("json", report::json::render(&o.diagnostics, s)),
        ("github", report::github::render(&o.diagnostics, "")),
        ("sarif", report::sarif::render(&o.diagnostics, "")),
        (
            "junit",
            report::junit::render(
                &o.reported,
                &o.diagnostics,
                report::junit::Options { base: "", deny_warnings: false },
            ),
        ),
    ];
    for (format, out) in outputs {
        let raw: Vec<char> = out.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t')).collect();
        assert_eq!(raw, Vec::<char>::new(), "{format} echoes control characters:\n{out}");
        assert!(!out.contains("\\u001b") && !out.contains("\\u001B"), "{format} passes ESC on escaped:\n{out}");
        assert!(out.contains('␛'), "{format} shows ESC as a picture:\n{out}");
    }
}
