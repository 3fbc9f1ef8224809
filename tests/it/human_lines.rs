//! The human format on real prose (issue 9, items 1 and 7): the header's
//! column counts characters, as every other format does, and a line longer
//! than the terminal is shown as a window around the finding.

use matrixlint::app::{Project, check::check_files};
use matrixlint::report::{Names, Summary, concise, human};

/// Checks one cell and renders it in the human format at `width`.
fn render(cell: &str, width: usize) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "rules: { missing-cell: off }\n").unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("cells/drug/B3.yaml"), cell).unwrap();
    let project = Project::open(dir.path(), Some(dir.path()), jiff::civil::date(2026, 6, 15)).unwrap();
    let diagnostics = check_files(&project, &project.files).unwrap();
    let summary = Summary::new(1, &diagnostics);
    let human = human::render(&diagnostics, summary, human::Style { color: false, width, names: &Names::default() });
    (human, concise::render(&diagnostics, summary, &Names::default()))
}

const HEAD: &str = "matrix: drug\ncell: B3\ntitle: \"Practitioners; Medical treatment\"\nentries:\n  - tier: K\n    title: \"T\"\n    year: 2001\n    url: \"https://example.org/t\"\n";

#[test]
fn the_header_column_counts_characters_after_curly_quotes_and_dashes() {
    let cell =
        format!("{HEAD}    text: \"The ‘common factors’ – “relationships” – were examined (2031) in detail.\"\n");
    let (human, concise) = render(&cell, 100);
    let line = cell.lines().nth(8).unwrap();
    let at = line.find("2031").unwrap();
    let column = line[..at].chars().count() + 1;
    assert_eq!((column, at + 1), (68, 80), "characters, not bytes");
    assert!(concise.starts_with("cells/drug/B3.yaml:9:68: warning[ML403/prose-year]"), "{concise}");
    assert!(human.contains("╭─[cells/drug/B3.yaml:9:68]"), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn a_line_longer_than_the_terminal_is_shown_as_a_window_around_the_finding() {
    let before = "Relationships emerge partly from the patient, but of most interest is the therapist’s contribution. "
        .repeat(6);
    let after = " Later studies may fine-tune the conclusions, but generally they remain robust. ".repeat(4);
    let cell = format!("{HEAD}    text: \"{before}A follow-up (2031) agreed.{after}\"\n");
    let (human, concise) = render(&cell, 80);
    let column = format!("    text: \"{before}A follow-up (").chars().count() + 1;
    assert!(concise.starts_with(&format!("cells/drug/B3.yaml:9:{column}: ")), "{concise}");
    assert!(human.contains(&format!("╭─[cells/drug/B3.yaml:9:{column}]")), "{human}");
    for line in human.lines() {
        assert!(line.chars().count() <= 90, "a line wider than the terminal: {line}");
    }
    insta::assert_snapshot!(human);
}

#[test]
fn a_fixable_finding_is_marked_and_the_summary_counts_it() {
    let cell = HEAD.replace("Practitioners; Medical treatment", "Practitioners: Medical treatment");
    let (human, concise) = render(&cell, 100);
    assert!(human.contains("ML208(cell-title) [*]"), "{human}");
    assert!(human.contains("fix: write the canonical title (`matrixlint check --fix`)"), "{human}");
    assert!(
        concise.ends_with("Checked 1 file: 0 errors, 1 warning; 1 fixable with `matrixlint check --fix`.\n"),
        "{concise}"
    );
    insta::assert_snapshot!(human);
}

#[test]
fn the_cli_fits_long_lines_to_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "rules: { missing-cell: off }\n").unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    let prose = "Relationships emerge partly from the patient’s side of things. ".repeat(20);
    let cell = format!("{HEAD}    text: \"{prose}A follow-up (2031) agreed. {prose}\"\n");
    std::fs::write(dir.path().join("cells/drug/B3.yaml"), cell).unwrap();
    for (columns, widest) in [("60", 60), ("120", 120)] {
        let out = assert_cmd::Command::cargo_bin("matrixlint")
            .unwrap()
            .current_dir(dir.path())
            .env("MATRIXLINT_TODAY", "2026-06-15")
            .env("COLUMNS", columns)
            .arg("check")
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest <= widest && longest > widest - 20, "COLUMNS={columns}: longest line {longest}:\n{out}");
        assert!(out.contains("(2031)"), "{out}");
    }
}
