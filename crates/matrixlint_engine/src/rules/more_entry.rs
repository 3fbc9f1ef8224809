//! `more-entry`: the `more` entry is single, last, and links to a search.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Checks the `more` entry (the search for more studies): a cell has at
    /// most one, it is the last entry, its text holds a link, and it has no
    /// `url` of its own (the link belongs in the text).
    ///
    /// ## Why is this bad?
    /// The published cell closes with one "MORE" line whose link runs the
    /// search; a second one, one in the middle, or one without a link is
    /// broken navigation.
    ///
    /// ## Example
    /// ```yaml
    /// - tier: more
    ///   text: "This search retrieves all relevant analyses."
    /// ```
    /// Use instead:
    /// ```yaml
    /// - tier: more
    ///   text: "[This search](https://findings.org.uk/…) retrieves all relevant analyses."
    /// ```
    name: "more-entry", code: "ML203", severity: Error, fixable: false,
    summary: "More than one `more` entry, one that is not last, or one without a link.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let entries = cx.cell.entries();
    let last = entries.iter().map(|e| e.index).max();
    let mut first_more = None;
    for entry in entries.iter().filter(|e| e.is_more()) {
        let tier = entry.get("tier").map_or_else(|| entry.head_span(), |t| t.span);
        if let Some(first) = first_more {
            out.push(
                cx.report(&INFO, tier, "a second `more` entry")
                    .with_secondary(first, "the first `more` entry")
                    .with_help(
                        "merge this entry's link into the first `more` entry and remove this one: a cell has one",
                    ),
            );
        } else {
            first_more = Some(tier);
        }
        if Some(entry.index) != last {
            out.push(
                cx.report(&INFO, tier, "the `more` entry is not the last entry")
                    .with_label("entries follow this one")
                    .with_help("move the `more` entry to the end of `entries`"),
            );
        }
        if let Some(url) = entry.get("url") {
            out.push(
                cx.report(&INFO, url.span, "a `more` entry has no `url`")
                    .with_help("put the search link in the entry's text: `[This search](https://…) retrieves…`"),
            );
        }
        let has_link = entry.str("text").is_some_and(|t| !crate::markdown::scan(t).links.is_empty());
        if !has_link {
            let span = entry.get("text").map_or(tier, |t| t.span);
            out.push(
                cx.report(&INFO, span, "the `more` entry has no link").with_help(
                    "link the search in the text: `[This search](https://…) retrieves all relevant analyses.`",
                ),
            );
        }
    }
}
