//! Cross-references as the published matrices write them (issue 17, items
//! 1–6): each form in every scalar style, with the exact references the rules
//! read (the matrix they resolve to, the target, and the text each stands
//! at), and the findings a whole check gives. The prose is our own wording.

use std::sync::Arc;

use matrixlint_engine::cell::Cell;
use matrixlint_engine::index::Corpus;
use matrixlint_engine::index::xref::Target;
use matrixlint_engine::rules::{Context, Settings};
use matrixlint_engine::source::{SourceFile, yaml};

/// The references of `cells/<matrix>/<cell>.yaml` whose summary is `summary`
/// (written as given: a YAML scalar in any style), as
/// `matrix target@written text`, an implied range item marked `…`.
fn refs_in(matrix: &str, cell: &str, summary: &str) -> Vec<String> {
    let text = format!("matrix: {matrix}\ncell: {cell}\nsummary: {summary}\n");
    let file = Arc::new(SourceFile::new("x.yaml", "x.yaml", text.clone()));
    let root = yaml::load(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let settings = Settings::new(matrixlint_engine::registry::Registry::default(), 2026);
    let corpus = Corpus::default();
    let cx = Context::new(&file, Cell::new(&root), &corpus, &settings);
    cx.xrefs()
        .iter()
        .map(|found| {
            let x = &found.xref;
            let matrix = cx.target_matrix(x).map_or("?", |m| m.id.as_str());
            let target = match &x.target {
                Target::Cell(id) => format!("cell {id}"),
                Target::Row(n) => format!("row {n}"),
                Target::Column(c) => format!("column {c}"),
            };
            let span = cx.span_in(&found.prose, x.range.clone());
            let mark = if x.implied { "…" } else { "" };
            format!("{matrix} {target}@{mark}{}", &text[span.start..span.end])
        })
        .collect()
}

fn refs(summary: &str) -> Vec<String> {
    refs_in("drug", "B2", summary)
}

#[test]
fn ranges_name_every_row_column_and_cell_they_span() {
    assert_eq!(
        refs("\"Rows 2–4 of the matrix take up the theme.\""),
        ["drug row 2@2", "drug row 3@…–", "drug row 4@4"]
    );
    assert_eq!(refs("\"as rows 1-3 show\""), ["drug row 1@1", "drug row 2@…-", "drug row 3@3"]);
    assert_eq!(refs("\"Cells A3–A5 are about treatment.\""), ["drug cell A3@A3", "drug cell A4@…–", "drug cell A5@A5"]);
    assert_eq!(
        refs("\"the first row (cells A1–E1) screens\""),
        ["drug cell A1@A1", "drug cell B1@…–", "drug cell C1@…–", "drug cell D1@…–", "drug cell E1@E1"]
    );
    assert_eq!(refs("'in rows 2 to 4'"), ["drug row 2@2", "drug row 3@…to", "drug row 4@4"]);
    // Across rows and columns a range is ambiguous: only its written ends.
    assert_eq!(refs("\"cells A1–B3\""), ["drug cell A1@A1", "drug cell B3@B3"]);
}

#[test]
fn levels_are_columns() {
    assert_eq!(refs("\"at levels A, B and C\""), ["drug column A@A", "drug column B@B", "drug column C@C"]);
    assert_eq!(refs("\"levels D and E\""), ["drug column D@D", "drug column E@E"]);
    assert_eq!(refs("\"work at level B\""), ["drug column B@B"]);
}

#[test]
fn a_matrix_named_first_decides_the_matrix() {
    assert_eq!(refs("\"The Alcohol Treatment Matrix cell B5 covers it.\""), ["alcohol cell B5@B5"]);
    assert_eq!(
        refs("\"Effectiveness Bank Alcohol Treatment Matrix Cell D2: Organisational functioning\""),
        ["alcohol cell D2@D2"]
    );
    assert_eq!(refs("\"See Alcohol Matrix cells A3–A4.\""), ["alcohol cell A3@A3", "alcohol cell A4@A4"]);
    // Named after, as before.
    assert_eq!(refs("\"cell C2 of the Alcohol Treatment Matrix\""), ["alcohol cell C2@C2"]);
}

/// A paragraph break between the word and a coordinate, in every style.
#[test]
fn never_across_a_paragraph_break_in_any_style() {
    let styles = [
        ">-\n  data were spread across five cells\n\n  B12 levels were low in rows\n\n  14 services",
        "|-\n  data were spread across five cells\n\n  B12 levels were low in rows\n  \n  14 services",
        "\"data were spread across five cells\\n\\nB12 levels were low in rows\\n\\n14 services\"",
        "\"data were spread across five cells\n\n  B12 levels were low in rows\n\n  14 services\"",
        "'data were spread across five cells\n\n  B12 levels were low in rows\n\n  14 services'",
        "data were spread across five cells\n\n  B12 levels were low in rows\n\n  14 services",
    ];
    for style in styles {
        assert_eq!(refs(style), Vec::<String>::new(), "{style}");
    }
    // Wrapped lines are one paragraph: a literal block's line break, a folded line break.
    assert_eq!(refs("|-\n  more in cell\n  A2 here"), ["drug cell A2@A2"]);
    assert_eq!(refs(">-\n  more in cell\n  A2 here"), ["drug cell A2@A2"]);
}

#[test]
fn upper_case_headings_and_bare_labels() {
    assert_eq!(refs("\"ROW 2 Generic and cross-cutting issues\""), ["drug row 2@2"]);
    let block = |text: &str| format!("|-\n  Some opening words.\n\n  {text}");
    assert_eq!(refs(&block("C4. Management: psychosocial therapies")), ["drug cell C4@C4"]);
    assert_eq!(refs(&block("**D3: medical treatment at the level of the organisation**")), ["drug cell D3@D3"]);
    assert_eq!(refs(&block("D1. Organisations: what is a service for?")), ["drug cell D1@D1"]);
    // Not the column's name: a sentence, not a label.
    assert_eq!(refs(&block("C4. Monitoring: was it done?")), Vec::<String>::new());
    assert_eq!(refs(&block("B12 levels were low.")), Vec::<String>::new());
}

#[test]
fn forms_that_worked_before_keep_working() {
    assert_eq!(refs("\"cell A1's bite\""), ["drug cell A1@A1"]);
    assert_eq!(refs("\"(on which see “Where should I start?” in cell A4)\""), ["drug cell A4@A4"]);
    assert_eq!(refs("\"cells A3 and A4\""), ["drug cell A3@A3", "drug cell A4@A4"]);
    assert_eq!(refs("\"rows 2 and 5\""), ["drug row 2@2", "drug row 5@5"]);
    assert_eq!(refs("\"columns A and B\""), ["drug column A@A", "drug column B@B"]);
    assert_eq!(refs("\"Discussion in Cell A4.\""), ["drug cell A4@A4"]);
    assert_eq!(refs("\"[cell **C2**](https://x.org) of the Drug Treatment Matrix\""), ["drug cell C2@C2"]);
}

#[test]
fn ordinary_text_is_not_a_reference() {
    for text in [
        "\"cell phones, a row of houses, a high level of need, level 3 evidence, the column inches\"",
        "\"rows upon rows; levels fell; the cell wall\"",
        "\"Vitamin B12. Management: none needed\"",
    ] {
        assert_eq!(refs(text), Vec::<String>::new(), "{text}");
    }
}

/// Each target of a range is linked in the editor: the written ends at their
/// coordinates, the items between at the dash (one link, to the first item
/// with a source, its tooltip naming them all).
#[test]
fn the_editor_links_every_target_of_a_range() {
    use crate::server_support::{Server, find, range, sample_corpus, uri};
    use serde_json::json;
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let a2 = root.join("cells/drug/A2.yaml");
    let text = std::fs::read_to_string(&a2).unwrap().replacen(
        "entries:",
        "summary: \"Compare columns A–C, and the Alcohol Treatment Matrix cell B2.\"\nentries:",
        1,
    );
    let opened = server.open(&a2, &text);
    let links = server.request("textDocument/documentLink", json!({ "textDocument": { "uri": opened } }));
    let link_at = |needle: &str, len: u64| {
        let (line, column) = find(&text, needle, 0);
        let at = (line, column, line, column + len);
        let found: Vec<_> = links.as_array().unwrap().iter().filter(|l| range(&l["range"]) == at).collect();
        assert_eq!(found.len(), 1, "links at {needle:?}: {found:?}");
        (found[0]["target"].as_str().unwrap().to_owned(), found[0]["tooltip"].as_str().unwrap_or("").to_owned())
    };
    let (target, tooltip) = link_at("–C, and", 1);
    assert_eq!(target, uri(&root.join("cells/drug/B2.yaml")), "column B's first cell with a source");
    assert!(tooltip.contains("cell B2"), "{tooltip}");
    assert_eq!(link_at("A–C", 1).0, uri(&root.join("cells/drug/A2.yaml")));
    assert_eq!(link_at("B2.\"", 2).0, uri(&root.join("cells/alcohol/B2.yaml")), "the matrix named first");
    assert!(server.stop().success());
}
