//! `tier-order`: entries not in S, K, R, G order.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports an entry whose tier comes before the tier of an entry above it.
    /// Entries go S, then K, R and G; an entry with two labels (`[S, G]`)
    /// sorts by its first. Entries inside one tier may be in any order, and a
    /// cell need not have every tier. The `more` entry's place is checked by
    /// `more-entry`.
    ///
    /// ## Why is this bad?
    /// Readers rely on the fixed order to find seminal and key studies first;
    /// the site renders the entries in file order.
    ///
    /// ## Example
    /// ```yaml
    /// entries:
    ///   - tier: R
    ///     title: "Some therapists are just better than others"
    ///   - tier: K     # a key study after a review
    ///     title: "Client-receptive treatment"
    /// ```
    /// Use instead: move the `K` entry above the `R` entry.
    name: "tier-order", code: "ML202", severity: Error, fixable: false,
    summary: "Entries not in S, K, R, G, `more` order.",
    check: Some(check),
}

/// Position of a tier label in the published order.
#[must_use]
pub fn rank(label: &str) -> Option<usize> {
    ["S", "K", "R", "G", "more"].iter().position(|l| *l == label)
}

/// "an `R`", "a `K`": the article for a tier letter read aloud.
fn article(label: &str) -> &'static str {
    if matches!(label, "S" | "R") { "an" } else { "a" }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut highest: Option<(usize, &str, crate::source::Span)> = None;
    for entry in cx.cell.entries() {
        let Some(first) = entry.tiers().into_iter().next() else { continue };
        let Some(label) = first.as_str() else { continue };
        let Some(r) = rank(label) else { continue };
        if label == "more" {
            continue;
        }
        match highest {
            Some((top, top_label, top_span)) if r < top => out.push(
                cx.report(
                    &INFO,
                    first.span,
                    format!("`{label}` entry after {} `{top_label}` entry", article(top_label)),
                )
                .with_label(format!("`{label}` belongs above every `{top_label}` entry"))
                .with_secondary(top_span, format!("the first `{top_label}` entry"))
                .with_help("move this entry up: entries go S, K, R, G, then `more`"),
            ),
            Some((top, ..)) if r == top => {}
            _ => highest = Some((r, label, first.span)),
        }
    }
}
