//! What each tier label means, for hovers, completion and the outline, from
//! the one vocabulary ([`Tier`]).

use crate::cell::Tier;

/// "S — Seminal studies": a label with what it stands for.
pub(crate) fn title(tier: Tier) -> String {
    format!("{} — {}", tier.label(), tier.name())
}

/// The meaning of `label` in Markdown, or `None` for a label outside the set.
pub(crate) fn describe(label: &str) -> Option<String> {
    let tier = Tier::parse(label)?;
    Some(format!(
        "**{}** — {}: {}.\n\nEntries go in the order S, K, R, G, `more`; a document can carry two labels, such as `[S, G]`.",
        tier.label(),
        tier.name(),
        tier.meaning()
    ))
}
