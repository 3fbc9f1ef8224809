//! `cell-title`: a title other than the registry's `<column>; <row>`.

use crate::diagnostic::{Diagnostic, Edit};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Compares `title` with the canonical title the registry gives for the
    /// cell, `<column>; <row>` (for Drug B2, `Practitioners; Generic and
    /// cross-cutting issues`). A colon in place of the semicolon, as some
    /// published pages have, is reported too. `--fix` writes the canonical
    /// title.
    ///
    /// ## Why is this bad?
    /// The title is generated into navigation and the page heading; a
    /// hand-written variant drifts from the grid's names.
    ///
    /// ## Example
    /// ```yaml
    /// matrix: drug
    /// cell: B2
    /// title: "Practitioners: Generic and cross-cutting issues"
    /// ```
    /// Use instead:
    /// ```yaml
    /// title: "Practitioners; Generic and cross-cutting issues"
    /// ```
    name: "cell-title", code: "ML208", severity: Warning, fixable: true,
    summary: "`title` differs from the registry's `<column>; <row>`.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(title), Some(matrix), Some(id)) = (cx.cell.field("title"), cx.matrix(), cx.cell_id()) else {
        return;
    };
    let (Some(written), Some(canonical)) = (title.as_str(), matrix.cell_title(id)) else { return };
    if written == canonical {
        return;
    }
    let message = if written.replacen(": ", "; ", 1) == canonical {
        "title uses a colon where house style has a semicolon".to_owned()
    } else {
        format!("title differs from the registry's title for {} {id}", matrix.name)
    };
    let replacement = serde_json::to_string(&canonical).unwrap_or_default();
    let mut d = cx
        .report(&INFO, title.span, message)
        .with_label(format!("expected `{canonical}`"))
        .with_help(format!("write `title: {replacement}`"));
    if !title.is_block_scalar() {
        d = d.with_fix("write the canonical title", vec![Edit { span: title.span, replacement }]);
    }
    out.push(d);
}
