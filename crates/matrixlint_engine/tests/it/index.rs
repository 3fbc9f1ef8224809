//! The corpus index resolving a cross-reference, updated one file at a time.

use crate::support::{cell, codes, corpus, linter, load};

const A5: &str = "matrix: drug\ncell: A5\ntitle: \"Interventions; Safeguarding the community\"\nentries: []\n";

#[test]
fn a_reference_resolves_once_the_corpus_holds_the_cell() {
    let text = cell("S", "See cell A5 for more.");
    let file = load("drug/A4.yaml", &text);
    let linter = linter();
    let mut corpus = corpus(&[("drug/A4.yaml", &text)]);
    assert_eq!(codes(&linter.lint(&file, &corpus)), ["ML303"], "A5 has no source yet");
    corpus.update("drug/A5.yaml", load("drug/A5.yaml", A5).record());
    assert!(corpus.contains("drug", "A5"));
    assert_eq!(codes(&linter.lint(&file, &corpus)), Vec::<&str>::new());
    corpus.update("drug/A5.yaml", None);
    assert_eq!(codes(&linter.lint(&file, &corpus)), ["ML303"], "gone again");
}
