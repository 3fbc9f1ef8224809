//! What every engine test needs: a linter as of a fixed day, and a text loaded
//! as a cell source.

use std::path::Path;

use matrixlint_engine::config::Config;
use matrixlint_engine::diagnostic::Diagnostic;
use matrixlint_engine::index::Corpus;
use matrixlint_engine::lint::{Linter, Loaded, RuleFilter};

/// The day the tests treat as today.
pub(crate) fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 15)
}

/// The default configuration's linter.
pub(crate) fn linter() -> Linter {
    Linter::new(&Config::default(), RuleFilter::default(), today()).expect("the default configuration lints")
}

/// `text` loaded as the cell source `name` (under `cells/`).
pub(crate) fn load(name: &str, text: &str) -> Loaded {
    Loaded::from_text(&Path::new("cells").join(name), name, text.to_owned())
}

/// A corpus of the records of `cells`, each `(name, text)`.
pub(crate) fn corpus(cells: &[(&str, &str)]) -> Corpus {
    Corpus::new(cells.iter().filter_map(|(name, text)| load(name, text).record()).collect())
}

/// The rule codes of `found`, in order.
pub(crate) fn codes(found: &[Diagnostic]) -> Vec<&'static str> {
    found.iter().map(|d| d.rule.code).collect()
}

/// A cell of the drug matrix at A4 whose one entry's text ends `text`.
pub(crate) fn cell(tier: &str, text: &str) -> String {
    format!(
        "matrix: drug\ncell: A4\ntitle: \"Interventions; Psychosocial therapies\"\nentries:\n  - tier: {tier}\n    title: \"A study\"\n    year: 2001\n    url: \"https://example.org/a\"\n    text: \"{text}\"\n"
    )
}
