//! Walks the rule registry: every rule has documentation, unique names and
//! codes; what rules say and fix. Each rule's fixtures have a test of their
//! own, named after the rule (`rule_fixtures`).

use std::path::{Path, PathBuf};

use matrixlint::app::{Project, check::check_files};
use matrixlint_engine::diagnostic::Diagnostic;
use matrixlint_engine::rules::RULES;

/// A fixed "today", so no test depends on the current year.
pub(crate) fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 15)
}

pub(crate) fn fixture(rule: &str, kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(rule).join(kind)
}

fn check(dir: &Path) -> Vec<Diagnostic> {
    let project = Project::open(dir, Some(dir), today()).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    check_files(&project, &project.files).expect("check runs")
}

fn listing(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let (s, e) = (d.start(), d.end());
            format!(
                "{}:{}:{}-{}:{}: {} {}: {}\n",
                d.file.name, s.line, s.column, e.line, e.column, d.rule.code, d.rule.name, d.message
            )
        })
        .collect()
}

#[test]
fn every_rule_has_documentation_with_the_three_headings() {
    for rule in RULES {
        let docs = rule.info.docs;
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(docs.contains(heading), "{} lacks `{heading}`", rule.info.name);
        }
        assert!(!rule.info.summary.is_empty(), "{} has no summary", rule.info.name);
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.info.code).collect();
    let mut names: Vec<&str> = RULES.iter().map(|r| r.info.name).collect();
    for r in RULES {
        let code = r.info.code;
        assert!(code.len() == 5 && code.starts_with("ML") && code[2..].chars().all(|c| c.is_ascii_digit()), "{code}");
        assert!(r.info.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.info.name);
    }
    codes.sort_unstable();
    codes.dedup();
    names.sort_unstable();
    names.dedup();
    assert_eq!(codes.len(), RULES.len(), "duplicate codes");
    assert_eq!(names.len(), RULES.len(), "duplicate names");
}

#[test]
fn the_entry_fields_rules_know_are_the_schemas() {
    let schema: serde_json::Value = serde_json::from_str(matrixlint_engine::schema::CELL_SCHEMA).expect("schema");
    let mut in_schema: Vec<&str> = schema["$defs"]["entry"]["properties"]
        .as_object()
        .expect("entry properties")
        .keys()
        .map(String::as_str)
        .collect();
    let mut known = matrixlint_engine::rules::ENTRY_FIELDS.to_vec();
    in_schema.sort_unstable();
    known.sort_unstable();
    assert_eq!(known, in_schema);
}

/// A corpus of one cell, `cells/drug/B2.yaml`, holding `text`.
fn corpus_of(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("matrixlint.yaml"), "").expect("config");
    std::fs::create_dir_all(dir.path().join("cells/drug")).expect("mkdir");
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), text).expect("cell");
    dir
}

/// `--fix` on a one-cell corpus holding `text`: the fixed text, what is left, how many fixes.
fn fix_one(text: &str) -> (String, Vec<Diagnostic>, usize) {
    let dir = corpus_of(text);
    let project = Project::open(dir.path(), Some(dir.path()), today()).expect("project");
    let fixed = matrixlint::app::fix::fix(&project, &project.files).expect("fix runs");
    let change = fixed.changes.get("cells/drug/B2.yaml");
    let after = change.map_or_else(|| text.to_owned(), |c| c.new.to_string());
    (after, fixed.diagnostics, change.map_or(0, |c| c.fixes))
}

const HEAD: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n";

/// Issue 9, item 6: white space in `url` and `free_source` is reported and fixed.
#[test]
fn white_space_in_addresses_is_fixed() {
    let entry = |url: &str| format!("  - tier: K\n    title: \"T\"\n    year: 1999\n    url: {url}\n");
    let cases = [
        (
            "https://findings.org.uk/PHP/dl.php?file=\n      Joe_GW_3.txt",
            "\"https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt\"",
            "`url` is broken across lines",
            "write the address on one line",
        ),
        (
            "\" https://findings.org.uk/a.txt\t\"",
            "\"https://findings.org.uk/a.txt\"",
            "`url` has white space around the address",
            "remove the white space around the address",
        ),
        (
            "'https://example.org/free text.pdf'",
            "\"https://example.org/free%20text.pdf\"",
            "`url` has a space inside the address",
            "write each space in an address as `%20`, after checking that the address is whole",
        ),
    ];
    for (written, fixed, message, help) in cases {
        let (after, left, applied) = fix_one(&format!("{HEAD}{}", entry(written)));
        assert_eq!(after, format!("{HEAD}{}", entry(fixed)), "{written}");
        assert_eq!((applied, listing(&left)), (1, String::new()), "{written}");
        let found = check(corpus_of(&format!("{HEAD}{}", entry(written))).path());
        assert_eq!(found.len(), 1, "{}", listing(&found));
        assert_eq!((found[0].message.as_str(), found[0].help.as_deref()), (message, Some(help)));
    }
    // Two addresses run together: reported, never joined into one.
    let two = format!("{HEAD}{}", entry("\"https://findings.org.uk/a.txt https://findings.org.uk/b.txt\""));
    let (after, left, applied) = fix_one(&two);
    assert_eq!((after, applied), (two, 0));
    assert_eq!(left[0].help.as_deref(), Some("give `url` one address; the other belongs elsewhere"));
}

/// Issue 9, item 2: `--fix` renames a misspelt key, and what is left is clean.
#[test]
fn fix_renames_misspelt_keys() {
    let before = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n  - tier: K\n    tittle: \"Client-receptive treatment\"  # as published\n    \"yaer\": 1999\n    url: \"https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt\"\n";
    let (after, left, applied) = fix_one(before);
    assert_eq!(after, before.replace("tittle:", "title:").replace("\"yaer\":", "year:"));
    assert_eq!(listing(&left), "");
    assert_eq!(applied, 2);
}

/// The study entries lacking a year or a url: one finding each, at the tier label, saying what to add.
#[test]
fn missing_year_and_url_name_what_to_add() {
    let found = check(corpus_of(&format!("{HEAD}  - tier: [S, G]\n    title: \"T\"\n")).path());
    let said: Vec<(&str, &str, &str)> =
        found.iter().map(|d| (d.rule.name, d.message.as_str(), d.help.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        said,
        [
            (
                "missing-year",
                "`S` entry has no year",
                "add `year:` with the year of publication, such as `year: 2008` (or `[1997, 2000]` for a document in parts)"
            ),
            (
                "missing-url",
                "`S` entry has no `url`",
                "add `url:` with the address of the document or of its analysis, such as `url: \"https://findings.org.uk/PHP/dl.php?file=…\"`"
            ),
        ]
    );
    assert!(found.iter().all(|d| (d.start().line, d.start().column, d.end().column) == (5, 5, 17)));
}

/// Issue 9, item 4: every help line says what to do, starting with what to
/// do (or "did you mean …?"), never with a description.
#[test]
fn every_help_line_says_what_to_do() {
    const STARTS: [&str; 24] = [
        "add ",
        "check ",
        "close ",
        "create ",
        "delete ",
        "did you mean ",
        "end ",
        "give ",
        "indent ",
        "keep ",
        "link ",
        "list ",
        "merge ",
        "move ",
        "name ",
        "point ",
        "put ",
        "remove ",
        "rename ",
        "save ",
        "say ",
        "write ",
        "flatten ",
        "raise ",
    ];
    let mut vague = String::new();
    for rule in RULES {
        for d in check(&fixture(rule.info.name, "bad")) {
            let help = d.help.as_deref().unwrap_or("");
            if !STARTS.iter().any(|s| help.starts_with(s)) {
                vague.push_str(&format!("{}: {} → {help:?}\n", d.rule.name, d.message));
            }
        }
    }
    assert_eq!(vague, "", "help lines that do not say what to do");
}

/// Issue 17, item 13: a file that cannot be parsed, or names its matrix
/// wrongly, gets its finding; the files referring to it get none (each
/// problem is reported once). Its path still declares its cell.
#[test]
fn a_broken_cell_is_reported_once_in_its_own_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("matrixlint.yaml", "");
    let entry = |text: &str, discussion: &str| {
        format!(
            "  - tier: K\n    title: \"T{0}\"\n    year: 1999\n    url: \"https://findings.org.uk/{0}.txt\"\n    text: \"{text}\"\n    discussion: [{discussion}]\n",
            text.len()
        )
    };
    let head = |matrix: &str, cell: &str, title: &str| {
        format!("matrix: {matrix}\ncell: {cell}\ntitle: \"{title}\"\nentries:\n")
    };
    let bite = "bite:\n  about: \"About.\"\n";
    // B4: one bad indentation. A2: a duplicate key.
    write(
        "cells/drug/B4.yaml",
        &format!(
            "{}{}{bite}  start: x\n start: y\n",
            head("drug", "B4", "Practitioners; Psychosocial therapies"),
            entry("x", "about")
        ),
    );
    write(
        "cells/drug/A2.yaml",
        &format!(
            "{}{}{bite}title: again\n",
            head("drug", "A2", "Interventions; Generic and cross-cutting issues"),
            entry("x", "about")
        ),
    );
    // C2: a mistyped matrix, with a correct reference to A2's bite.
    write(
        "cells/drug/C2.yaml",
        &format!(
            "{}{}{bite}",
            head("drugs", "C2", "Management/supervision; Generic and cross-cutting issues"),
            entry("x", "A2")
        ),
    );
    // B2 refers to all three, in prose and in discussion items.
    write(
        "cells/drug/B2.yaml",
        &format!(
            "{}{}{}{bite}",
            head("drug", "B2", "Practitioners; Generic and cross-cutting issues"),
            entry("See cells A2 and B4, and cell C2.", "A2#about"),
            entry("More in cell B4.", "B4#some-issue"),
        ),
    );
    let found = check(dir.path());
    let said: Vec<(&str, &str)> = found.iter().map(|d| (d.file.name.as_str(), d.rule.name)).collect();
    assert_eq!(
        said,
        [
            ("cells/drug/A2.yaml", "yaml-syntax"),
            ("cells/drug/B4.yaml", "yaml-syntax"),
            ("cells/drug/C2.yaml", "unknown-matrix")
        ],
        "{}",
        listing(&found)
    );
}
