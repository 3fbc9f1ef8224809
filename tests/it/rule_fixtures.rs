//! One named test per rule fixture (as ruff's `test_case`s), so that the
//! first failing rule does not hide the others: each rule's `good/` corpus
//! checks clean, and its `bad/` corpus, checked with only that rule
//! selected, gives exactly its one expected output, the snapshot
//! `snapshots/rule@<rule>.snap` (every field: place, severity, message,
//! labels, help, the fix as a diff). With every rule on, the rule reports the
//! same there: nothing drops its findings (but for `unused-suppression`). `cargo insta review` (or
//! `INSTA_UPDATE=always`) accepts an intended change; review it.

use std::path::Path;

use matrixlint::app::{Project, RuleFilter, check::check_files};
use matrixlint_engine::diagnostic::Diagnostic;
use matrixlint_engine::rules::{RULES, Rule};

use crate::rule_snapshots::describe;
use crate::rules::{fixture, today};

/// `check` on `dir`, with only `rule` selected when given.
fn check(dir: &Path, rule: Option<&Rule>) -> Vec<Diagnostic> {
    let mut project = Project::open(dir, Some(dir), today()).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    if let Some(rule) = rule {
        project.set_filter(RuleFilter::new(&[rule.info.name.to_owned()], &[]).unwrap()).unwrap();
    }
    check_files(&project, &project.files).expect("check runs")
}

fn rule(name: &str) -> &'static Rule {
    RULES.iter().copied().find(|r| r.info.name == name).unwrap_or_else(|| panic!("no rule `{name}`"))
}

/// The test of the fixtures of the rule called `name`.
fn fixtures_of(name: &str) {
    let rule = rule(name);
    let good = fixture(name, "good");
    assert!(good.is_dir(), "missing {}", good.display());
    let found: String = check(&good, None).iter().map(describe).collect();
    assert_eq!(found, "", "fixtures/rules/{name}/good has findings");
    let bad = fixture(name, "bad");
    assert!(bad.is_dir(), "missing {}", bad.display());
    // A rule that `check` never reports (dead-link comes from `matrixlint links`)
    // says in its fixture folder's README.md which tests exercise its corpora.
    if rule.check.is_none() && bad.parent().is_some_and(|d| d.join("README.md").is_file()) {
        return;
    }
    let alone = check(&bad, Some(rule));
    assert!(!alone.is_empty(), "fixtures/rules/{name}/bad yields no `{name}` finding");
    let text: String = alone.iter().map(describe).collect();
    insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("rule", text);
    });
    // Whether a suppression is used depends on which other rules run: that rule alone is exempt.
    if name != "unused-suppression" {
        let with_all: String = check(&bad, None).iter().filter(|d| d.rule.name == name).map(describe).collect();
        assert_eq!(with_all, text, "fixtures/rules/{name}/bad: with every rule on, `{name}` reports otherwise");
    }
}

/// One test per rule, named after it; the list is every rule (checked below).
macro_rules! rule_fixture_tests {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                fixtures_of($name);
            }
        )*

        /// The rules the tests above cover.
        const TESTED: &[&str] = &[$($name),*];
    };
}

rule_fixture_tests! {
    read_error => "read-error",
    yaml_syntax => "yaml-syntax",
    schema => "schema",
    cell_location => "cell-location",
    duplicate_cell => "duplicate-cell",
    unknown_tier => "unknown-tier",
    tier_order => "tier-order",
    more_entry => "more-entry",
    missing_year => "missing-year",
    year_range => "year-range",
    free_source => "free-source",
    duplicate_entry => "duplicate-entry",
    cell_title => "cell-title",
    missing_url => "missing-url",
    unknown_cell => "unknown-cell",
    unknown_matrix => "unknown-matrix",
    missing_cell => "missing-cell",
    self_reference => "self-reference",
    matrix_name => "matrix-name",
    discussion_target => "discussion-target",
    placeholder_link => "placeholder-link",
    link_syntax => "link-syntax",
    doi_syntax => "doi-syntax",
    prose_year => "prose-year",
    dead_link => "dead-link",
    retracted => "retracted",
    expression_of_concern => "expression-of-concern",
    corrected => "corrected",
    superseded => "superseded",
    year_mismatch => "year-mismatch",
    free_source_closed => "free-source-closed",
    free_source_available => "free-source-available",
    unused_suppression => "unused-suppression",
}

#[test]
fn every_rule_has_its_fixture_test() {
    let names: Vec<&str> = RULES.iter().map(|r| r.info.name).collect();
    assert_eq!(TESTED, names.as_slice(), "add the new rule to `rule_fixture_tests!`, in RULES' order");
}
