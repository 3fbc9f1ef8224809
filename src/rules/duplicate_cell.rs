//! `duplicate-cell`: two files declare the same matrix and cell.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a cell source that declares the same `matrix` and `cell` as
    /// another file of the corpus. Each file involved is reported, naming the
    /// others.
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
    let others: Vec<&str> =
        cx.corpus.lookup(m, c).into_iter().map(|r| r.file.as_str()).filter(|f| *f != cx.file.name).collect();
    if others.is_empty() {
        return;
    }
    out.push(
        cx.report(&INFO, cell.span, format!("{m} {c} is also declared by {}", others.join(", ")))
            .with_label("declared more than once")
            .with_help("keep one file per cell: merge the files and delete the others"),
    );
}
