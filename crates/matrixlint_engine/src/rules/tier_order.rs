//! `tier-order`: entries not in S, K, R, G order.

use crate::cell::Tier;
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

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // `more` entries are more-entry's business.
    let mut highest: Option<(Tier, crate::source::Span)> = None;
    for entry in cx.cell.entries() {
        let Some(first) = entry.tiers().into_iter().next() else { continue };
        let Some(tier) = first.as_str().and_then(Tier::parse).filter(|t| t.is_document()) else { continue };
        match highest {
            Some((top, top_span)) if tier < top => {
                let (label, top_label) = (tier.label(), top.label());
                out.push(
                    cx.report(
                        &INFO,
                        first.span,
                        format!("`{label}` entry after {} `{top_label}` entry", top.article()),
                    )
                    .with_label(format!("`{label}` belongs above every `{top_label}` entry"))
                    .with_secondary(top_span, format!("the first `{top_label}` entry"))
                    .with_help("move this entry up: entries go S, K, R, G, then `more`"),
                );
            }
            Some((top, _)) if tier == top => {}
            _ => highest = Some((tier, first.span)),
        }
    }
}
