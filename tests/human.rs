//! Snapshots of the human (miette) output: labels at the exact place, in
//! single-line, block-scalar and multi-label cases. No colour, fixed width.

use std::path::Path;

use matrixlint::app::{Project, check::check_files};
use matrixlint::report::{Names, Summary, human};

fn render(fixture: &str, rule: &str) -> String {
    render_from(fixture, rule, 0)
}

fn render_from(fixture: &str, rule: &str, skip: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(fixture).join("bad");
    let project = Project::open(&dir, Some(&dir), jiff::civil::date(2026, 6, 15)).unwrap();
    let diagnostics: Vec<_> = check_files(&project, &project.files)
        .unwrap()
        .into_iter()
        .filter(|d| d.rule.name == rule)
        .skip(skip)
        .take(2)
        .collect();
    let summary = Summary::new(1, &diagnostics);
    human::render(&diagnostics, summary, human::Style { color: false, width: 80, names: &Names::default() })
}

#[test]
fn unknown_tier_with_its_help() {
    insta::assert_snapshot!(render("unknown-tier", "unknown-tier"));
}

#[test]
fn a_phrase_inside_a_literal_block_scalar() {
    insta::assert_snapshot!(render_from("prose-year", "prose-year", 2));
}

#[test]
fn tier_order_labels_both_entries() {
    insta::assert_snapshot!(render("tier-order", "tier-order"));
}

#[test]
fn duplicate_key_labels_both_keys() {
    insta::assert_snapshot!(render("yaml-syntax", "yaml-syntax"));
}
