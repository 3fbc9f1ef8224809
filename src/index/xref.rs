//! Recognising cross-references in prose: `cell A2`, `cells A3 and A4`,
//! `(cell A5)`, `cell C2 of the Alcohol Treatment Matrix`, `row 2 of the
//! matrix`, `in row 3`, `column D`.
//!
//! Recognition runs on the plain text (link markup and emphasis removed, see
//! [`crate::markdown::plain`]) so that `[cell C2](…) of the Alcohol Treatment
//! Matrix` reads as one phrase; ranges are mapped back to the field's value.
//! A reference needs a grid coordinate right after the word, so "cell
//! phones" and "a row of houses" are ordinary text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// What a reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A cell id as written (`A2`, or an out-of-grid `F2`, `A6`).
    Cell(String),
    /// A row number as written.
    Row(String),
    /// A column letter as written.
    Column(String),
}

/// One coordinate mentioned in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XRef {
    /// What it points at.
    pub target: Target,
    /// The coordinate itself (`F2`) in the field's value.
    pub range: Range<usize>,
    /// The whole phrase (`cells A3 and A4`), for context.
    pub phrase: Range<usize>,
    /// `… of the <name>` naming another matrix: the name as written and its range.
    pub matrix: Option<(String, Range<usize>)>,
}

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(?P<word>[Cc]ells?|[Rr]ows?|[Cc]olumns?)\s+
        (?P<list>
            (?:[A-Z][0-9]{1,2}|[0-9]{1,2}|[A-Z])(?-u:\b)
            (?:\s*(?:,|&|(?-u:\b)and(?-u:\b)|(?-u:\b)or(?-u:\b)|,\s*and(?-u:\b))\s*(?:[A-Z][0-9]{1,2}|[0-9]{1,2}|[A-Z])(?-u:\b))*
        )
        (?P<of>\s+(?:of|in)\s+the\s+(?P<matrix>(?:[A-Z][\p{L}’'-]*\s+){1,4}Matri[a-z]*)(?-u:\b))?
        ",
    )
    .expect("valid reference regex")
});

/// A superset of [`REFERENCE`] on text that still has its markup.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Cc]ells?|[Rr]ows?|[Cc]olumns?)[\s*\[\]]+[A-Z0-9]").expect("valid candidate regex")
});

static COORDINATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[A-Z][0-9]{1,2}|[0-9]{1,2}|[A-Z])(?-u:\b)").expect("valid coordinate regex")
});

/// Every cross-reference in a prose value.
#[must_use]
pub fn scan(text: &str) -> Vec<XRef> {
    // Cheap pre-check on the raw text: most paragraphs have no reference at
    // all, and stripping markup costs more than this search. A link never
    // spans paragraphs, so each paragraph with a candidate is scanned alone.
    let mut out = Vec::new();
    let mut done = 0;
    for candidate in CANDIDATE.find_iter(text) {
        if candidate.start() < done {
            continue;
        }
        let start = text[..candidate.start()].rfind("\n\n").map_or(0, |i| i + 2);
        let end = text[candidate.end()..].find("\n\n").map_or(text.len(), |i| candidate.end() + i);
        scan_paragraph(&text[start..end], start, &mut out);
        done = end;
    }
    out
}

/// Scans one paragraph at byte `offset` of its field.
fn scan_paragraph(text: &str, offset: usize, out: &mut Vec<XRef>) {
    let (plain, map) = crate::markdown::plain(text);
    let back = |r: Range<usize>| {
        offset + map[r.start]..offset + map[r.end - 1] + plain[r.end - 1..].chars().next().map_or(1, char::len_utf8)
    };
    for caps in REFERENCE.captures_iter(&plain) {
        let word = caps["word"].to_ascii_lowercase();
        let list = caps.name("list").expect("list is not optional");
        let matrix =
            caps.name("matrix").map(|m| (m.as_str().split_whitespace().collect::<Vec<_>>().join(" "), back(m.range())));
        let phrase = back(caps.get(0).expect("whole match").range());
        for coord in COORDINATE.find_iter(list.as_str()) {
            let text = coord.as_str().to_owned();
            let is_digit = text.starts_with(|c: char| c.is_ascii_digit());
            let is_letter = text.len() == 1 && !is_digit;
            let target = match (word.as_str(), is_digit, is_letter) {
                ("cell" | "cells", false, false) => Target::Cell(text),
                ("row" | "rows", true, _) => Target::Row(text),
                ("column" | "columns", _, true) => Target::Column(text),
                // "cell 5", "row B": not a grid coordinate of that kind.
                _ => continue,
            };
            let start = list.start() + coord.start();
            out.push(XRef {
                target,
                range: back(start..start + coord.len()),
                phrase: phrase.clone(),
                matrix: matrix.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<(Target, Option<String>)> {
        scan(text).into_iter().map(|x| (x.target, x.matrix.map(|m| m.0))).collect()
    }

    fn cell(id: &str) -> (Target, Option<String>) {
        (Target::Cell(id.into()), None)
    }

    #[test]
    fn every_form_from_the_domain_notes() {
        assert_eq!(targets("dealt with in cell A2."), vec![cell("A2")]);
        assert_eq!(targets("see cells A3 and A4"), vec![cell("A3"), cell("A4")]);
        assert_eq!(targets("cells A3, A4 and B5"), vec![cell("A3"), cell("A4"), cell("B5")]);
        assert_eq!(targets("(cell A5)"), vec![cell("A5")]);
        assert_eq!(targets("Cell B1 on row pages"), vec![cell("B1")]);
        assert_eq!(
            targets("more in [cell C2](https://x.org/C2) of the Alcohol Treatment Matrix."),
            vec![(Target::Cell("C2".into()), Some("Alcohol Treatment Matrix".into()))]
        );
        assert_eq!(targets("row 2 of the matrix"), vec![(Target::Row("2".into()), None)]);
        assert_eq!(targets("in row 3"), vec![(Target::Row("3".into()), None)]);
        assert_eq!(targets("column D"), vec![(Target::Column("D".into()), None)]);
    }

    #[test]
    fn out_of_grid_coordinates_are_still_recognised() {
        assert_eq!(
            targets("cell F2, cell A6, row 7, column G"),
            vec![cell("F2"), cell("A6"), (Target::Row("7".into()), None), (Target::Column("G".into()), None)]
        );
    }

    #[test]
    fn ordinary_text_is_not_a_reference() {
        assert!(targets("cell phones, a row of houses, the cell wall, rows upon rows, in a column").is_empty());
        assert!(targets("cell and row").is_empty());
    }

    #[test]
    fn a_misspelt_matrix_is_still_a_matrix_name() {
        assert_eq!(
            targets("cell C2 of the Alcohol Treatment Matrics"),
            vec![(Target::Cell("C2".into()), Some("Alcohol Treatment Matrics".into()))]
        );
    }

    #[test]
    fn references_in_later_paragraphs_keep_their_offsets() {
        let text = "First paragraph with no reference.\n\nSecond: [cell **B4**](https://x.org) and row 2.";
        let found = scan(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].range.clone()], "B4");
        assert_eq!(&text[found[1].range.clone()], "2");
    }

    #[test]
    fn ranges_point_at_the_coordinate_in_the_original_text() {
        let text = "more in [cell **C2**](https://x.org/C2) of the Alcohol Matrix";
        let x = &scan(text)[0];
        assert_eq!(&text[x.range.clone()], "C2");
        assert_eq!(&text[x.matrix.as_ref().unwrap().1.clone()], "Alcohol Matrix");
    }
}
