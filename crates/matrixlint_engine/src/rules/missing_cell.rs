//! `missing-cell`: a reference to a valid cell that has no source in the corpus.

use crate::diagnostic::Diagnostic;
use crate::index::xref::Target;
use crate::registry::CellId;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a cross-reference to a cell that exists in the grid but has no
    /// source file in the corpus. References are resolved against the whole
    /// corpus even when only some files are being checked.
    ///
    /// ## Why is this bad?
    /// The link on the published page will lead nowhere until the cell is
    /// written. During a migration this is expected, so the rule is a
    /// warning and can be set to `info` or `off` in `matrixlint.yaml`, or
    /// silenced for some cells with `missing-cell: { ignore: ["alcohol/*"] }`.
    ///
    /// ## Example
    /// ```yaml
    /// text: "more in cell D4."    # no cells/drug/D4.yaml yet
    /// ```
    /// Add `cells/drug/D4.yaml`, or point the reference at an existing cell.
    name: "missing-cell", code: "ML303", severity: Warning, fixable: false,
    summary: "A reference to a valid cell that has no source in the corpus.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // An index still being built knows what exists, not what is missing.
    if !cx.corpus.is_complete() {
        return;
    }
    for found in cx.xrefs() {
        let Target::Cell(id) = &found.xref.target else { continue };
        let Some(matrix) = cx.target_matrix(&found.xref) else { continue };
        let Some(cell) = CellId::parse(id).filter(|c| matrix.has_cell(*c)) else { continue };
        let is_self = Some(matrix.id.as_str()) == cx.cell.matrix() && Some(cell) == cx.cell_id();
        let ignored = cx.settings.missing_cell_ignore.is_match(format!("{}/{id}", matrix.id));
        if is_self || ignored || cx.corpus.contains(&matrix.id, id) {
            continue;
        }
        out.push(
            cx.report(
                &INFO,
                cx.span_in(&found.prose, found.xref.range.clone()),
                format!("{} cell {id} has no source in this corpus", matrix.name),
            )
            .with_label(if found.xref.implied { "no such file (named by this range)" } else { "no such file" })
            .with_help(format!(
                "create `{}`, or point the reference at a cell that has a source",
                cx.corpus.path_for(&matrix.id, id, &cx.file.name)
            )),
        );
    }
}
