//! What the importer writes is a cell source the engine reads: it loads, it
//! passes the schema, and its tiers, years and titles raise nothing.

use std::path::Path;

use matrixlint_engine::config::Config;
use matrixlint_engine::index::Corpus;
use matrixlint_engine::lint::{Linter, Loaded, RuleFilter};
use matrixlint_engine::registry::Registry;
use matrixlint_import::import_page;

/// A page in the plain layout, every word of it invented for this test.
const PAGE: &str = "Drug Treatment Matrix cell B2: Practitioners; Generic and cross-cutting issues

S Listening before advising keeps clients talking (1999). An invented note about a patient counselling style.

K Ringing ahead fills more appointments (2004). An invented note about reminder calls before a first visit.

R Talking treatments side by side (2011). An invented review note comparing several approaches.
";

#[test]
fn an_imported_page_loads_and_passes_the_schema_and_the_rules() {
    let imported = import_page(PAGE, &Registry::default()).expect("the page imports");
    assert_eq!((imported.matrix.as_str(), imported.cell.as_str()), ("drug", "B2"));
    assert_eq!(imported.diagnostics, Vec::new(), "every paragraph was placed");
    let name = "drug/B2.yaml";
    let loaded = Loaded::from_text(&Path::new("cells").join(name), name, imported.yaml.clone());
    assert!(loaded.root.is_some(), "the YAML loads:\n{}", imported.yaml);
    let corpus = Corpus::new(loaded.record().into_iter().collect());
    let linter = Linter::new(&Config::default(), RuleFilter::default(), jiff::civil::date(2026, 6, 15)).unwrap();
    let found: Vec<_> = linter.lint(&loaded, &corpus).iter().map(|d| (d.rule.name, d.start().line)).collect();
    // The page prints no addresses: one `missing-url` per entry is all there is to say.
    let lines: Vec<usize> = found.iter().map(|(_, line)| *line).collect();
    assert_eq!(found.iter().map(|(rule, _)| *rule).collect::<Vec<_>>(), ["missing-url"; 3], "{found:?}");
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "one per entry, in order: {lines:?}");
}
