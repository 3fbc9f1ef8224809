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

/// The human output for one cell written as `text` (alone in a corpus), on
/// a terminal 80 columns wide, without colour.
fn render_text(text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("matrixlint.yaml"), "").expect("write config");
    std::fs::create_dir_all(dir.path().join("cells/drug")).expect("mkdir");
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), text).expect("write cell");
    let project = Project::open(dir.path(), Some(dir.path()), jiff::civil::date(2026, 6, 15)).expect("project");
    let diagnostics = check_files(&project, &project.files).expect("check");
    let summary = Summary::new(1, &diagnostics);
    human::render(&diagnostics, summary, human::Style { color: false, width: 80, names: &Names::default() })
}

const HEAD: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n";
const URL: &str = "    url: \"https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt\"\n";

// Issue 9, item 2: one mistake, one finding.

#[test]
fn a_misspelt_key_is_one_finding_naming_the_field() {
    let entry = format!("  - tier: K\n    tittle: \"Client-receptive treatment\"\n    yaer: 1999\n{URL}");
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entry}")));
}

#[test]
fn an_unknown_matrix_id_is_not_also_a_wrong_folder() {
    let text = format!("{}  - tier: K\n    title: \"T\"\n    year: 1999\n{URL}", HEAD.replace("drug", "durg"));
    insta::assert_snapshot!(render_text(&text));
}

// Issue 9, item 3: YAML syntax errors in plain words, at the line of the mistake.

#[test]
fn a_value_holding_a_colon() {
    let entry = format!("  - tier: K\n    title: Note: drug workers are hedonists\n    year: 2008\n{URL}");
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entry}")));
}

#[test]
fn a_key_moved_to_column_1() {
    let entry = format!("  - tier: K\n    title: \"Client-receptive treatment\"\nyear: 1999\n{URL}");
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entry}")));
}

#[test]
fn an_under_indented_line_of_folded_text() {
    let entry = format!(
        "  - tier: K\n    title: \"T\"\n    year: 1999\n{URL}    text: >-\n      A by-product of a randomised trial\n    of different therapies.\n"
    );
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entry}")));
}

#[test]
fn an_unclosed_bracket_points_where_it_opened() {
    let entry = format!("  - tier: [S, G\n    title: \"T\"\n    year: 1999\n{URL}");
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entry}")));
}

#[test]
fn a_tab_after_a_colon() {
    let entry = format!("  - tier: K\n    title:\tClient-receptive treatment\n    year: 1999\n{URL}");
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entry}")));
}

// Issue 9, item 4: help that says what to do.

#[test]
fn help_says_what_to_write() {
    let url = |n: u8| URL.replace("_3", &format!("_{n}"));
    let entries = format!(
        "  - tier: S\n    year: 1985\n{}  - tier: K\n    title: \"Quoted year\"\n    year: \"2008\"\n{}  - tier: K\n    title: \"A digit typed twice\"\n    year: 20011\n{}  - tier: K\n    title: \"Swapped digits\"\n    year: 2102\n{}",
        url(1),
        url(2),
        url(3),
        url(4)
    );
    insta::assert_snapshot!(render_text(&format!("{HEAD}{entries}")));
}
