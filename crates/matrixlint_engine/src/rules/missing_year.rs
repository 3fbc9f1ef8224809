//! `missing-year`: an S, K, R or G entry without a year.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an entry labelled S, K, R or G that has no `year`. Only the
    /// `more` entry goes without one.
    ///
    /// ## Why is this bad?
    /// Every published study, review and guidance document shows its year
    /// after the headline; readers use it to judge how current the evidence
    /// is.
    ///
    /// ## Example
    /// ```yaml
    /// - tier: K
    ///   title: "Client-receptive treatment more important than treatment-receptive clients"
    /// ```
    /// Use instead:
    /// ```yaml
    /// - tier: K
    ///   title: "Client-receptive treatment more important than treatment-receptive clients"
    ///   year: 1999
    /// ```
    name: "missing-year", code: "ML204", severity: Error, fixable: false,
    summary: "An S, K, R or G entry without a year.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (label, span) in crate::rules::studies_without(cx, "year") {
        out.push(
            cx.report(&INFO, span, format!("`{label}` entry has no year"))
                .with_label("this entry needs a `year`")
                .with_help("add `year:` with the year of publication, such as `year: 2008` (or `[1997, 2000]` for a document in parts)"),
        );
    }
}
