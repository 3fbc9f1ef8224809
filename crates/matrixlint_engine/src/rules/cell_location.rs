//! `cell-location`: a file whose path does not match its `matrix` and `cell`.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Checks that a cell source lives at `<matrix>/<CELL>.yaml` (under
    /// `cells/` by default): the folder names the matrix and the file name the
    /// cell it declares. A `matrix` that is not in the registry is
    /// `unknown-matrix`'s finding, not this rule's.
    ///
    /// ## Why is this bad?
    /// Editors find cells by path and the site publishes them by path; a file
    /// at `cells/drug/B3.yaml` that declares B2 overwrites the wrong page.
    ///
    /// ## Example
    /// ```yaml
    /// # cells/drug/B3.yaml
    /// matrix: drug
    /// cell: B2
    /// ```
    /// Use instead: rename the file to `cells/drug/B2.yaml`, or fix `cell`.
    name: "cell-location", code: "ML103", severity: Error, fixable: false,
    summary: "The file's path does not match its `matrix` and `cell`.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(matrix), Some(cell)) = (cx.cell.field("matrix"), cx.cell.field("cell")) else { return };
    let (Some(m), Some(c)) = (matrix.as_str(), cell.as_str()) else { return };
    // A malformed id is the schema's to report, an unknown matrix `unknown-matrix`'s:
    // moving the file to a folder named after a typo would be wrong advice.
    if crate::registry::CellId::parse(c).is_none() || cx.settings.registry.get(m).is_none() {
        return;
    }
    let mut parts = cx.file.name.rsplit('/');
    let file = parts.next().unwrap_or_default();
    let folder = parts.next().unwrap_or_default();
    let stem = file.strip_suffix(".yaml").or_else(|| file.strip_suffix(".yml")).unwrap_or(file);
    let expected = format!("{m}/{c}.yaml");
    let (span, what) = if stem != c {
        (cell.span, format!("file name `{file}` does not match `cell: {c}`"))
    } else if folder != m {
        (matrix.span, format!("folder `{folder}` does not match `matrix: {m}`"))
    } else {
        return;
    };
    out.push(
        cx.report(&INFO, span, what).with_help(format!(
            "move the file to `{expected}` (under the corpus's cells folder), or correct the field"
        )),
    );
}
