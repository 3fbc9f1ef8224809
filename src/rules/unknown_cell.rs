//! `unknown-cell`: a cross-reference to a cell, row or column outside the grid.

use crate::diagnostic::Diagnostic;
use crate::index::xref::Target;
use crate::registry::CellId;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a cross-reference in any prose field to a cell, row or column
    /// that the matrix does not have: `cell F2` or `cell A6` in a five-by-five
    /// grid, `row 7`, `column G`. References to another matrix (`cell C2 of
    /// the Alcohol Treatment Matrix`, `Alcohol Treatment Matrix cell B5`) are
    /// checked against that matrix's grid. A range (`rows 4–7`) is reported
    /// at the end that lies outside. `level` has other meanings (`level I
    /// evidence`), so a level outside the grid is not a reference. A file's
    /// own `cell:` outside the grid is reported too.
    ///
    /// ## Why is this bad?
    /// The reference cannot be followed; it is usually a typo for a nearby
    /// cell.
    ///
    /// ## Example
    /// ```yaml
    /// text: "common factors are dealt with in cell A7."
    /// ```
    /// Use instead:
    /// ```yaml
    /// text: "common factors are dealt with in cell A2."
    /// ```
    name: "unknown-cell", code: "ML301", severity: Error, fixable: false,
    summary: "A cross-reference to a cell, row or column outside the grid.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    check_own_cell(cx, out);
    for found in cx.xrefs() {
        // A range runs outside the grid only through an end, which is reported.
        if found.xref.implied {
            continue;
        }
        let Some(matrix) = cx.target_matrix(&found.xref) else { continue };
        let grid = format!("columns A–{}, rows 1–{}", matrix.last_column(), matrix.rows.len());
        let problem = match &found.xref.target {
            Target::Cell(id) => match CellId::parse(id) {
                Some(c) if matrix.has_cell(c) => None,
                _ => Some(format!("cell {id} is not in the {} ({grid})", matrix.name)),
            },
            Target::Row(n) => match n.parse::<usize>() {
                Ok(r) if matrix.has_row(r) => None,
                _ => Some(format!("row {n} is not in the {} ({grid})", matrix.name)),
            },
            Target::Column(c) => match c.chars().next() {
                Some(ch) if matrix.has_column(ch) => None,
                _ => Some(format!("column {c} is not in the {} ({grid})", matrix.name)),
            },
        };
        // `level I evidence`: "level" outside the grid is ordinary text.
        if let Some(message) = problem.filter(|_| !found.xref.loose) {
            out.push(
                cx.report(&INFO, cx.span_in(&found.prose, found.xref.range.clone()), message)
                    .with_label("outside the grid")
                    .with_help("check the reference for a typo; cells are a column letter and a row number, like `B2`"),
            );
        }
    }
}

/// The file's own `cell` must be in its matrix's grid too.
fn check_own_cell(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(matrix), Some(node)) = (cx.matrix(), cx.cell.field("cell")) else { return };
    let Some(id) = node.as_str() else { return };
    // A malformed id is the schema's to report.
    if let Some(c) = CellId::parse(id).filter(|c| !matrix.has_cell(*c)) {
        out.push(
            cx.report(
                &INFO,
                node.span,
                format!(
                    "cell {c} is not in the {} (columns A–{}, rows 1–{})",
                    matrix.name,
                    matrix.last_column(),
                    matrix.rows.len()
                ),
            )
            .with_label("outside the grid")
            .with_help(format!(
                "write a cell inside the grid: a column letter A–{} and a row number 1–{}, such as `cell: B2`",
                matrix.last_column(),
                matrix.rows.len()
            )),
        );
    }
}
