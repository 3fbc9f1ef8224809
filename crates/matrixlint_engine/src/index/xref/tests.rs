use super::*;

fn targets(text: &str) -> Vec<(Target, Option<String>)> {
    scan(text).into_iter().map(|x| (x.target, x.matrix.map(|m| m.0))).collect()
}

fn cell(id: &str) -> (Target, Option<String>) {
    (Target::Cell(id.into()), None)
}

fn row(n: &str) -> (Target, Option<String>) {
    (Target::Row(n.into()), None)
}

fn column(c: &str) -> (Target, Option<String>) {
    (Target::Column(c.into()), None)
}

/// Each reference as `(target, written text at its range, implied)`.
fn written(text: &str) -> Vec<(Target, &str, bool)> {
    scan(text).into_iter().map(|x| (x.target, &text[x.range], x.implied)).collect()
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
    assert_eq!(targets("row 2 of the matrix"), vec![row("2")]);
    assert_eq!(targets("in row 3"), vec![row("3")]);
    assert_eq!(targets("column D"), vec![column("D")]);
}

/// Issue 17, item 6: the forms that worked before ranges and levels keep working.
#[test]
fn forms_that_worked_before_still_work() {
    assert_eq!(targets("in cell A1's bite"), vec![cell("A1")]);
    assert_eq!(targets("in cell E3’s bite"), vec![cell("E3")]);
    assert_eq!(targets("(on which see \"Where should I start?\" in cell A4)"), vec![cell("A4")]);
    assert_eq!(targets("rows 2 and 5"), vec![row("2"), row("5")]);
    assert_eq!(targets("columns A and B"), vec![column("A"), column("B")]);
    assert_eq!(targets("Discussion in Cell A4."), vec![cell("A4")]);
    assert_eq!(targets("a 2-year follow-up in row 2-year olds"), vec![row("2")]);
}

/// Issue 17, item 1: a range names every row, column or cell it spans.
#[test]
fn ranges_name_everything_they_span() {
    assert_eq!(
        written("Rows 2–4 of the matrix"),
        vec![
            (Target::Row("2".into()), "2", false),
            (Target::Row("3".into()), "–", true),
            (Target::Row("4".into()), "4", false)
        ]
    );
    assert_eq!(targets("across rows 1-3."), vec![row("1"), row("2"), row("3")]);
    assert_eq!(targets("Cells A3–A5 deal with it"), vec![cell("A3"), cell("A4"), cell("A5")]);
    assert_eq!(
        targets("the top row (cells A1–E1) screens"),
        vec![cell("A1"), cell("B1"), cell("C1"), cell("D1"), cell("E1")]
    );
    assert_eq!(
        written("in rows 2 to 4"),
        vec![
            (Target::Row("2".into()), "2", false),
            (Target::Row("3".into()), "to", true),
            (Target::Row("4".into()), "4", false)
        ]
    );
    assert_eq!(targets("columns B–D and row 5"), vec![column("B"), column("C"), column("D"), row("5")]);
    assert_eq!(targets("rows 4–2"), vec![row("4"), row("3"), row("2")], "written order");
    assert_eq!(targets("cells A2-A3 and C4"), vec![cell("A2"), cell("A3"), cell("C4")]);
}

#[test]
fn a_range_across_rows_and_columns_names_only_its_ends() {
    assert_eq!(targets("cells A1–B3"), vec![cell("A1"), cell("B3")]);
}

#[test]
fn a_spaced_dash_is_a_parenthetical_dash_not_a_range() {
    assert_eq!(targets("as in row 2 – 14 services replied"), vec![row("2")]);
}

#[test]
fn a_very_wide_range_names_only_its_ends() {
    assert_eq!(targets("rows 1–99"), vec![row("1"), row("99")]);
}

/// Issue 17, item 2: the matrices call their columns levels.
#[test]
fn levels_are_columns() {
    assert_eq!(targets("at levels A, B and C"), vec![column("A"), column("B"), column("C")]);
    assert_eq!(targets("levels D and E"), vec![column("D"), column("E")]);
    assert_eq!(targets("at level B the practitioner"), vec![column("B")]);
    assert!(scan("level B").iter().all(|x| x.loose));
    assert!(scan("column B").iter().all(|x| !x.loose));
    assert!(targets("a high level of need, level 3 evidence, sea level").is_empty());
}

/// Issue 17, item 3: a matrix name directly before the word decides the matrix.
#[test]
fn the_matrix_named_first() {
    assert_eq!(
        targets("Alcohol Treatment Matrix cell B5 deals with it"),
        vec![(Target::Cell("B5".into()), Some("Alcohol Treatment Matrix".into()))]
    );
    assert_eq!(
        targets("Effectiveness Bank Alcohol Treatment Matrix Cell D2: Organisational functioning"),
        vec![(Target::Cell("D2".into()), Some("Effectiveness Bank Alcohol Treatment Matrix".into()))]
    );
    let text = "see the [Drug Matrix cell **A4**](https://x.org) too";
    let x = &scan(text)[0];
    assert_eq!((&text[x.range.clone()], &text[x.matrix.as_ref().unwrap().1.clone()]), ("A4", "Drug Matrix"));
}

/// Issue 17, item 4: never across a paragraph break, in any style's value.
#[test]
fn never_across_a_paragraph_break() {
    let markdown = "spread across five cells\n\nB12 levels were low";
    assert!(scan(markdown).is_empty());
    assert!(scan("tabulated in rows\n  \n14 services").is_empty());
    // A folded or quoted value keeps a blank line as one line break.
    assert!(scan_in("spread across five cells\nB12 levels were low", Breaks::LineBreak).is_empty());
    assert!(scan_in("tabulated in rows\n14 services", Breaks::LineBreak).is_empty());
    // In a literal block a single line break is the author's wrapping.
    assert_eq!(scan_in("more in cell\nA2 of it", Breaks::BlankLine).len(), 1);
}

/// Issue 17, item 5: upper-case headings and bare labels starting a paragraph.
#[test]
fn headings_and_bare_labels() {
    assert_eq!(targets("ROW 2 Generic and cross-cutting issues"), vec![row("2")]);
    assert_eq!(targets("CELLS A3 AND A4"), vec![cell("A3")], "upper-case lists join with lower-case words");
    fn label(text: &str) -> Vec<(Target, Option<&str>)> {
        scan(text).into_iter().map(|x| (x.target, x.label.map(|r| &text[r]))).collect()
    }
    assert_eq!(label("C4. Management: psychosocial therapies"), vec![(Target::Cell("C4".into()), Some("Management"))]);
    assert_eq!(label("**C4: psychosocial therapies**"), vec![(Target::Cell("C4".into()), None)]);
    assert_eq!(label("> A2. Interventions; Generic"), vec![(Target::Cell("A2".into()), Some("Interventions"))]);
    // A sentence starting with a cell id, or a label in mid-paragraph, is text.
    assert!(scan("B12 levels were low.").is_empty());
    assert!(scan("A2. The rest").is_empty());
    assert!(scan("Vitamin B12. Management: none").is_empty());
}

#[test]
fn out_of_grid_coordinates_are_still_recognised() {
    assert_eq!(targets("cell F2, cell A6, row 7, column G"), vec![cell("F2"), cell("A6"), row("7"), column("G")]);
}

#[test]
fn ordinary_text_is_not_a_reference() {
    assert!(targets("cell phones, a row of houses, the cell wall, rows upon rows, in a column").is_empty());
    assert!(targets("cell and row").is_empty());
    assert!(targets("levels of care, at a level where, Level up").is_empty());
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
    let text = "One.\nTwo: cell B4.";
    assert_eq!(&text[scan_in(text, Breaks::LineBreak)[0].range.clone()], "B4");
}

#[test]
fn ranges_point_at_the_coordinate_in_the_original_text() {
    let text = "more in [cell **C2**](https://x.org/C2) of the Alcohol Matrix";
    let x = &scan(text)[0];
    assert_eq!(&text[x.range.clone()], "C2");
    assert_eq!(&text[x.matrix.as_ref().unwrap().1.clone()], "Alcohol Matrix");
}
