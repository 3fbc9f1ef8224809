//! `doi-syntax`: an entry's `doi:` that is not a bare DOI.

use crate::diagnostic::{Diagnostic, Edit};
use crate::identifiers::{DoiProblem, check_doi};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Checks an entry's `doi:`: a bare DOI, `10.` then 4 to 9 digits, `/`
    /// and a suffix without spaces. A resolver address or `doi:` before it
    /// (`https://doi.org/10.…`) and punctuation after it (the sentence's full
    /// stop, a closing bracket that opens nowhere in the DOI) are removed by
    /// `--fix`; anything else is reported without a fix.
    ///
    /// ## Why is this bad?
    /// `matrixlint evidence` asks Crossref, PubMed and Unpaywall about the
    /// DOI as written: a prefixed or punctuated DOI is unknown to all of them,
    /// so a retraction of the work would go unseen.
    ///
    /// ## Example
    /// ```yaml
    /// doi: "https://doi.org/10.1111/add.12345."
    /// ```
    /// Use instead:
    /// ```yaml
    /// doi: "10.1111/add.12345"
    /// ```
    name: "doi-syntax", code: "ML404", severity: Error, fixable: true,
    summary: "An entry's `doi` that is not a bare DOI (a resolver prefix, trailing punctuation, or no DOI).",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in cx.cell.entries() {
        let Some(node) = entry.get("doi") else { continue };
        let Some(value) = node.as_str() else { continue };
        match check_doi(value) {
            Ok(()) => {}
            Err(DoiProblem::Fixable { clean, what }) => {
                let mut d = cx
                    .report(&INFO, node.span, format!("`doi` has {what}: the DOI is `{clean}`"))
                    .with_help("write the bare DOI, starting with `10.`");
                if !node.is_block_scalar()
                    && let Ok(quoted) = serde_json::to_string(&clean)
                {
                    d = d.with_fix(
                        format!("write the DOI as `{clean}`"),
                        vec![Edit { span: node.span, replacement: quoted }],
                    );
                }
                out.push(d);
            }
            Err(DoiProblem::Invalid) => out.push(
                cx.report(&INFO, node.span, format!("`{}` is not a DOI", value.trim()))
                    .with_label("not a DOI")
                    .with_help(
                        "write the bare DOI: `10.`, 4 to 9 digits, `/` and a suffix, such as `10.1111/add.12345`",
                    ),
            ),
        }
    }
}
