//! `duplicate-cell`: two files declare the same matrix and cell.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a cell source that declares the same `matrix` and `cell` as
    /// a file before it (in path order). Each duplicate is reported once,
    /// naming the first declaration and how many files declare the cell; the
    /// first file is not reported.
    ///
    /// ## Why is this bad?
    /// Only one of the files can be published; edits to the other are lost.
    ///
    /// ## Example
    /// ```yaml
    /// # cells/drug/B2.yaml and cells/drug/B2-old.yaml
    /// matrix: drug
    /// cell: B2
    /// ```
    /// Use instead: merge the two files and delete one.
    name: "duplicate-cell", code: "ML104", severity: Error, fixable: false,
    summary: "Two files declare the same matrix and cell.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(m), Some(c), Some(cell)) = (cx.cell.matrix(), cx.cell.cell(), cx.cell.field("cell")) else { return };
    // One finding per duplicate, whatever their number: the report grows
    // linearly even when thousands of files declare one cell.
    // Files that declare the cell in their fields: one found by its path alone is no duplicate.
    let count = cx.corpus.declaring(m, c).count();
    let mut declarations = cx.corpus.declaring(m, c);
    let Some(first) = declarations.next().filter(|first| count > 1 && first.file != cx.file.name) else { return };
    out.push(
        cx.report(
            &INFO,
            cell.span,
            format!("{m} {c} is already declared by {} ({count} files declare it)", first.file),
        )
        .with_label("declared again")
        .with_help("keep one file per cell: merge the files and delete the others"),
    );
}
