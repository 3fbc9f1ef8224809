//! A fix applied: the engine rewrites only what its finding covers.

use matrixlint_engine::lint::apply;

use crate::support::{cell, codes, corpus, linter, load};

#[test]
fn a_lower_case_tier_is_fixed_and_nothing_else_changes() {
    let text = cell("k", "Nothing to see.");
    let file = load("drug/A4.yaml", &text);
    let corpus = corpus(&[("drug/A4.yaml", &text)]);
    let found = linter().lint(&file, &corpus);
    let fixable: Vec<_> = found.iter().filter_map(|d| d.fix.as_ref()).collect();
    assert_eq!(fixable.len(), 1, "{found:#?}");
    let (fixed, applied) = apply(&text, fixable);
    assert_eq!(applied, 1);
    assert_eq!(fixed, cell("K", "Nothing to see."));
    // The linter's own loop reaches the same text and leaves no finding.
    let result = linter().fix(load("drug/A4.yaml", &text), &corpus);
    assert_eq!(&*result.loaded.file.text, fixed.as_str());
    assert_eq!((result.fixes, codes(&result.diagnostics)), (1, Vec::<&str>::new()));
}
