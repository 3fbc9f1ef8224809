//! Matrix names with digits and other characters in cross-references (issue
//! 19, item 5): the registry's names are what is recognised, whatever they
//! are made of, before the coordinates (`Bench 17 Treatment Matrix cell B5`)
//! and after them (`cell A1 of the Bench 17 Treatment Matrix`); a name that
//! is not registered is still reported as an unknown matrix. The prose is our
//! own wording.

use std::sync::Arc;

use matrixlint::app::{Project, check::check_files};
use matrixlint_engine::cell::Cell;
use matrixlint_engine::index::Corpus;
use matrixlint_engine::registry::{Matrix, Registry};
use matrixlint_engine::rules::{Context, Settings};
use matrixlint_engine::source::{SourceFile, yaml};
use proptest::prelude::*;

use crate::rules::today;

/// A 5×5 matrix called `name` (short name `short`).
fn matrix(id: &str, name: &str, short: &str) -> Matrix {
    Matrix {
        id: id.to_owned(),
        name: name.to_owned(),
        short_name: short.to_owned(),
        site_path: None,
        columns: ["a", "b", "c", "d", "e"].map(str::to_owned).to_vec(),
        rows: ["1", "2", "3", "4", "5"].map(str::to_owned).to_vec(),
    }
}

/// The shipped matrices and some whose names are more than capitalised words.
fn registry() -> Registry {
    let mut registry = Registry::default();
    registry.extend([
        matrix("m17", "Bench 17 Treatment Matrix", "Bench 17 Matrix"),
        matrix("both", "Drug & Alcohol Treatment Matrix", "D&A Matrix"),
        matrix("tier", "Tier-2 Treatment Matrix", "Tier-2 Matrix"),
        matrix("young", "Young People's Treatment Matrix", "Young People's Matrix"),
        matrix("grid", "Harm reduction grid 2b", "Grid 2b"),
    ]);
    registry
}

/// The references in a drug A1 cell's summary `summary` (a double-quoted
/// scalar), as `matrix cell@written text`.
fn refs_with(registry: Registry, summary: &str) -> Vec<String> {
    let text = format!("matrix: drug\ncell: A1\nsummary: \"{summary}\"\n");
    let file = Arc::new(SourceFile::new("x.yaml", "x.yaml", text.clone()));
    let root = yaml::load(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let settings = Settings::new(registry, 2026);
    let corpus = Corpus::default();
    let cx = Context::new(&file, Cell::new(&root), &corpus, &settings);
    cx.xrefs()
        .iter()
        .map(|found| {
            let matrix = cx.target_matrix(&found.xref).map_or("?", |m| m.id.as_str());
            let span = cx.span_in(&found.prose, found.xref.range.clone());
            format!("{matrix} {:?}@{}", found.xref.target, &text[span.start..span.end])
        })
        .collect()
}

fn refs(summary: &str) -> Vec<String> {
    refs_with(registry(), summary)
}

#[test]
fn a_name_with_digits_is_the_matrix_it_names_not_this_cells() {
    assert_eq!(refs("see cell A1 of the Bench 17 Treatment Matrix."), ["m17 Cell(\"A1\")@A1"]);
    assert_eq!(refs("the Bench 17 Treatment Matrix cell B5 covers it"), ["m17 Cell(\"B5\")@B5"]);
    assert_eq!(refs("(Bench 17 Matrix cells A3 and A4)"), ["m17 Cell(\"A3\")@A3", "m17 Cell(\"A4\")@A4"]);
    // Case and line wrapping as prose has them; a possessive is not part of the name.
    assert_eq!(refs("in cell C2 of the bench 17  treatment matrix’s bite"), ["m17 Cell(\"C2\")@C2"]);
}

#[test]
fn names_with_ampersands_hyphens_and_apostrophes() {
    assert_eq!(refs("cell B2 of the Drug & Alcohol Treatment Matrix"), ["both Cell(\"B2\")@B2"]);
    assert_eq!(refs("D&A Matrix cell C3 says more"), ["both Cell(\"C3\")@C3"]);
    assert_eq!(refs("cell D4 in the Tier-2 Treatment Matrix"), ["tier Cell(\"D4\")@D4"]);
    assert_eq!(refs("row 3 of the Young People's Treatment Matrix"), ["young Row(\"3\")@3"]);
    assert_eq!(refs("the Young People’s Matrix cell A1"), ["young Cell(\"A1\")@A1"], "either apostrophe");
}

#[test]
fn a_registered_name_need_not_end_in_matrix() {
    assert_eq!(refs("cell E5 of the Harm reduction grid 2b."), ["grid Cell(\"E5\")@E5"]);
    assert_eq!(refs("(Grid 2b cell A2)"), ["grid Cell(\"A2\")@A2"]);
}

#[test]
fn the_longest_registered_name_wins() {
    // `Drug Matrix` is registered too; the whole name is `D&A Matrix`'s full name.
    let mut registry = registry();
    registry.extend([matrix("alcohol-two", "Alcohol Treatment Matrix 2", "Alcohol Matrix 2")]);
    assert_eq!(
        refs_with(registry.clone(), "cell B1 of the Alcohol Treatment Matrix 2"),
        ["alcohol-two Cell(\"B1\")@B1"]
    );
    assert_eq!(
        refs_with(registry, "cell B1 of the Alcohol Treatment Matrix, 2 rows down"),
        ["alcohol Cell(\"B1\")@B1"]
    );
}

/// `check` on a corpus registering `Bench 17 Treatment Matrix`, one drug A1
/// cell whose summary is `summary`: each finding as `rule: message`.
fn findings(summary: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("matrixlint.yaml"),
        "registry:\n  matrices:\n    - { id: m17, name: Bench 17 Treatment Matrix, short_name: Bench 17 Matrix, columns: [a, b, c, d, e], rows: [r1, r2, r3, r4, r5] }\n",
    )
    .unwrap();
    let cell = format!("matrix: drug\ncell: A1\nsummary: \"{summary}\"\n");
    std::fs::create_dir_all(root.join("cells/drug")).unwrap();
    std::fs::write(root.join("cells/drug/A1.yaml"), cell).unwrap();
    let project = Project::open(root, Some(root), today()).unwrap();
    let found = check_files(&project, &project.files).unwrap();
    found
        .iter()
        .filter(|d| ["self-reference", "missing-cell", "unknown-matrix"].contains(&d.rule.name))
        .map(|d| format!("{}: {}", d.rule.name, d.message))
        .collect()
}

#[test]
fn no_false_self_reference_for_a_registered_name_with_digits() {
    assert_eq!(
        findings("more in cell A1 of the Bench 17 Treatment Matrix."),
        ["missing-cell: Bench 17 Treatment Matrix cell A1 has no source in this corpus"]
    );
}

#[test]
fn an_unregistered_name_is_still_an_unknown_matrix() {
    assert_eq!(
        findings("more in cell B1 of the Cannabis Treatment Matrix."),
        ["unknown-matrix: no matrix is called `Cannabis Treatment Matrix`"]
    );
    // With digits too, and never read as this cell's own matrix.
    assert_eq!(
        findings("more in cell A1 of the Bench 18 Treatment Matrix."),
        ["unknown-matrix: no matrix is called `Bench 18 Treatment Matrix`"]
    );
}

/// A word of a generated name: letters, digits, `-`, `'`, `&`.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[0-9]{1,3}",
        "[A-Z][a-z]{0,4}-[0-9A-Za-z]{1,3}",
        "[A-Z]&[A-Z]",
        "&",
        "[A-Z][a-z]{1,5}'s",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Whatever words a registered name is made of, a reference naming it
    /// before or after the coordinates points into that matrix.
    #[test]
    fn any_registered_name_is_recognised(words in prop::collection::vec(word(), 1..5), suffix: bool) {
        // A name holding `Row 3` or `Cell 12` holds a reference of its own.
        let words_of_references = ["Cell", "Cells", "Row", "Rows", "Column", "Columns", "Level", "Levels"];
        prop_assume!(!words.iter().any(|w| words_of_references.contains(&w.as_str())));
        let mut name = words.join(" ");
        if suffix {
            name.push_str(" Matrix");
        }
        let mut registry = Registry::default();
        registry.extend([matrix("named", &name, "Named Matrix")]);
        prop_assert_eq!(refs_with(registry.clone(), &format!("see cell C3 of the {name}.")), ["named Cell(\"C3\")@C3"]);
        prop_assert_eq!(refs_with(registry, &format!("the {name} cell C3 says")), ["named Cell(\"C3\")@C3"]);
    }
}
