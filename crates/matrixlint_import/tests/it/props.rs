//! The importer never panics: arbitrary text, and text assembled from the
//! pieces of real pages (so that the deeper paths run), either import to YAML
//! that loads back with notes inside the page, or fail with a typed error.

use matrixlint_engine::registry::Registry;
use matrixlint_engine::source::yaml::load;
use matrixlint_import::import_page;
use proptest::prelude::*;

/// Fragments of the published layout, including broken ones.
const PIECES: &[&str] = &[
    "Drug Treatment Matrix cell B2: Practitioners: Generic",
    "Alcohol Matrix cell C2:",
    "Effectiveness Bank Drug Matrix cell Z9",
    "S ",
    "K ",
    "S G ",
    "MORE ",
    "more ",
    "**",
    "[",
    "](#)",
    "](https://x.org/a#b)",
    "(",
    ")",
    "(1985)",
    "(American Psychological Association, 2011)",
    "(1997 and 2000)",
    "(2012; free source at time of writing)",
    ". ",
    "Free source at the time of writing.",
    "[Free source](#) at time of writing.",
    "For discussion [click here](#) and scroll down to highlighted heading.",
    "For discussions [click here](#ab) and [here](https://findings.org.uk/Matrix/Alcohol/C2.htm#x) and scroll down to highlighted headings.",
    "Discussion in bite’s Issues section.",
    "Discussion in cell C2 of the Alcohol Treatment Matrix.",
    "What is this cell about? ",
    "Where should I start? ",
    "Highlighted study ",
    "Issues to consider and discuss",
    "► **",
    "► ",
    " **Close Matrix Bite** ",
    "therapist empathy retention",
    "“quoted” ‘text’ – £ … ",
    "\u{85}\u{2028}\t\r",
    "\n",
    "\n\n",
];

fn page_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|parts| parts.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    if let Ok(imported) = import_page(text, &Registry::default()) {
        prop_assert!(load(&imported.yaml).is_ok(), "YAML does not load:\n{}", imported.yaml);
        let lines = text.split('\n').count();
        for d in &imported.diagnostics {
            prop_assert!((1..=lines).contains(&d.line), "line {} outside the page ({lines} lines)", d.line);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn page_like_text_never_panics(text in page_like()) {
        check(&text)?;
    }

    #[test]
    fn a_heading_then_anything_never_panics(body in page_like()) {
        check(&format!("Drug Treatment Matrix cell B2: Practitioners\n\nK **T** (2000). x\n\n{body}"))?;
    }
}
