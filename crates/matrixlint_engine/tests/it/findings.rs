//! Linting a text: which findings, and where (1-based lines, columns in
//! characters, spans in bytes).

use crate::support::{cell, codes, corpus, linter, load};

#[test]
fn a_clean_cell_has_no_findings() {
    let text = cell("S", "A sentence about nothing in particular.");
    let file = load("drug/A4.yaml", &text);
    let found = linter().lint(&file, &corpus(&[("drug/A4.yaml", &text)]));
    assert_eq!(codes(&found), Vec::<&str>::new(), "{found:#?}");
}

#[test]
fn a_reference_outside_the_grid_is_found_at_its_place() {
    // Characters outside the BMP and curly quotes before the reference: the
    // column counts characters, the span bytes.
    let text = cell("S", "Emoji 😀 and “quotes” — see cell F2 here");
    let file = load("drug/A4.yaml", &text);
    let found = linter().lint(&file, &corpus(&[("drug/A4.yaml", &text)]));
    assert_eq!(codes(&found), ["ML301"], "{found:#?}");
    let d = &found[0];
    assert_eq!(d.rule.name, "unknown-cell");
    assert_eq!(&text[d.primary.span.start..d.primary.span.end], "F2");
    let line = text.lines().position(|l| l.contains("F2")).unwrap() + 1;
    let line_text = text.lines().nth(line - 1).unwrap();
    let column = line_text[..line_text.find("F2").unwrap()].chars().count() + 1;
    assert_eq!((d.start().line, d.start().column), (line, column));
    assert_eq!((d.end().line, d.end().column), (line, column + 2));
    assert!(column < line_text.find("F2").unwrap() + 1, "multi-byte characters come before it");
}

#[test]
fn text_that_is_not_yaml_is_one_finding_not_a_panic() {
    let file = load("drug/A4.yaml", "matrix: drug\ncell: [A4\n");
    let found = linter().lint(&file, &corpus(&[]));
    assert_eq!(codes(&found), ["ML101"], "{found:#?}");
    let at = found[0].start();
    assert_eq!((at.line, at.column), (2, 7), "at the list that is never closed");
}
