//! `self-reference`: a cell referring to itself.

use crate::diagnostic::Diagnostic;
use crate::index::xref::Target;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a cross-reference from a cell to itself (`cell B2` in drug
    /// B2, or `cell B2 of the Drug Treatment Matrix`).
    ///
    /// ## Why is this bad?
    /// The reader is already there; it is usually a typo for a neighbouring
    /// cell, or text copied from another cell. To point within the cell, say
    /// "below" or "above".
    ///
    /// ## Example
    /// ```yaml
    /// # cells/drug/B2.yaml
    /// text: "common factors are dealt with in cell B2."
    /// ```
    /// Use instead:
    /// ```yaml
    /// text: "common factors are dealt with in cell A2."
    /// ```
    name: "self-reference", code: "ML304", severity: Warning, fixable: false,
    summary: "A cell referring to itself.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(own), Some(own_matrix)) = (cx.cell_id(), cx.cell.matrix()) else { return };
    for found in cx.xrefs() {
        let Target::Cell(id) = &found.xref.target else { continue };
        // A range naming a row or column this cell is part of (`cells A1–E1` in C1) is no slip.
        if found.xref.ranged {
            continue;
        }
        let Some(matrix) = cx.target_matrix(&found.xref) else { continue };
        if matrix.id == own_matrix && *id == own.to_string() {
            out.push(
                cx.report(
                    &INFO,
                    cx.span_in(&found.prose, found.xref.range.clone()),
                    format!("cell {id} refers to itself"),
                )
                .with_label("this cell")
                .with_help("point at another cell, or say \"above\" or \"below\" for entries in this cell"),
            );
        }
    }
}
