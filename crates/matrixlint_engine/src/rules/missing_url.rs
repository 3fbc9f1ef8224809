//! `missing-url`: an S, K, R or G entry without `url`.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an entry labelled S, K, R or G that has no `url`. Only the
    /// `more` entry goes without one (its link is in its text).
    ///
    /// ## Why is this bad?
    /// Every published entry links its document, or the Effectiveness Bank's
    /// analysis of it: the headline is the link. Without `url` the entry is
    /// published as plain text and the reader cannot reach the study; the
    /// link audit cannot watch a link that is not there. Imported pages whose
    /// links were lost (or never filled in) show up here.
    ///
    /// ## Example
    /// ```yaml
    /// - tier: K
    ///   title: "Client-receptive treatment more important than treatment-receptive clients"
    ///   year: 1999
    /// ```
    /// Use instead:
    /// ```yaml
    /// - tier: K
    ///   title: "Client-receptive treatment more important than treatment-receptive clients"
    ///   year: 1999
    ///   url: "https://findings.org.uk/PHP/dl.php?file=Joe_GW_3.txt"
    /// ```
    name: "missing-url", code: "ML209", severity: Error, fixable: false,
    summary: "An S, K, R or G entry without `url`.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (label, span) in crate::rules::studies_without(cx, "url") {
        out.push(
            cx.report(&INFO, span, format!("`{label}` entry has no `url`"))
                .with_label("this entry needs a `url`")
                .with_help("add `url:` with the address of the document or of its analysis, such as `url: \"https://findings.org.uk/PHP/dl.php?file=…\"`"),
        );
    }
}
