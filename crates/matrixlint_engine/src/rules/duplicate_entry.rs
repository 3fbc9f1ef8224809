//! `duplicate-entry`: the same document listed twice in one cell.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports an entry with the same `url` as an earlier entry of the cell,
    /// or the same title and year. The same study may appear in several
    /// cells, but only once in each.
    ///
    /// ## Why is this bad?
    /// A document listed twice is usually a copy-paste left over from an
    /// edit, and one of the two annotations is stale.
    ///
    /// ## Example
    /// ```yaml
    /// - tier: K
    ///   title: "Clients who feel positive about their counsellors stay longer"
    ///   year: 2002
    /// - tier: R
    ///   title: "Clients who feel positive about their counsellors stay longer"
    ///   year: 2002
    /// ```
    /// Use instead: keep one of the two entries.
    name: "duplicate-entry", code: "ML207", severity: Warning, fixable: false,
    summary: "The same `url`, or the same title and year, twice in a cell.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut urls: HashMap<&str, Span> = HashMap::new();
    let mut titles: HashMap<(String, String), Span> = HashMap::new();
    for entry in cx.cell.entries() {
        if let Some(url) = entry.get("url")
            && let Some(u) = url.as_str().map(str::trim).filter(|u| !u.is_empty() && *u != "#")
        {
            if let Some(first) = urls.get(u) {
                out.push(
                    cx.report(&INFO, url.span, "this `url` is already used by an earlier entry")
                        .with_secondary(*first, "first used here")
                        .with_help("list each document once per cell; merge the two entries"),
                );
                continue;
            }
            urls.insert(u, url.span);
        }
        let (Some(title), Some(year)) = (entry.get("title"), entry.get("year")) else { continue };
        let Some(t) = title.as_str() else { continue };
        let key = (normalise(t), year.to_json().to_string());
        if let Some(first) = titles.get(&key) {
            out.push(
                cx.report(&INFO, title.span, "an earlier entry has the same title and year")
                    .with_secondary(*first, "first listed here")
                    .with_help("list each document once per cell; merge the two entries"),
            );
        } else {
            titles.insert(key, title.span);
        }
    }
}

/// Titles compare without case, spacing and trailing punctuation.
fn normalise(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(['.', ' ']).to_lowercase()
}
