//! `unknown-tier`: a tier label outside S, K, R, G and `more`.

use crate::cell::Tier;
use crate::diagnostic::{Diagnostic, Edit};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a tier label that is not one of `S` (seminal study), `K` (key
    /// study), `R` (review), `G` (guidance) or `more` (a search for more),
    /// whether written alone (`tier: K`) or in a list (`tier: [S, G]`). The
    /// help names the closest label.
    ///
    /// ## Why is this bad?
    /// The site places and styles entries by tier; an unknown label drops
    /// the entry from the published cell.
    ///
    /// ## Example
    /// ```yaml
    /// - tier: Key
    /// ```
    /// Use instead:
    /// ```yaml
    /// - tier: K
    /// ```
    /// A label that differs only in case (`k`, `MORE`) is fixed by `--fix`.
    name: "unknown-tier", code: "ML201", severity: Error, fixable: true,
    summary: "A tier label outside S, K, R, G and `more`.",
    check: Some(check),
}

/// Whether `label` is a tier label.
#[must_use]
pub(crate) fn is_known(label: &str) -> bool {
    Tier::parse(label).is_some()
}

/// The label `written` most likely meant: the same letters in another case,
/// a word editors write for it, or a word close to one.
#[must_use]
pub fn closest(written: &str) -> Option<&'static str> {
    let lower = written.trim().to_lowercase();
    let lower = lower.as_str();
    let exact = Tier::ALL.into_iter().find(|t| t.label().to_lowercase() == lower || t.aliases().contains(&lower));
    exact
        .or_else(|| {
            Tier::ALL
                .into_iter()
                .flat_map(|t| t.aliases().iter().map(move |w| (strsim::jaro_winkler(lower, w), t)))
                .filter(|(score, _)| *score >= 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, t)| t)
        })
        .map(Tier::label)
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in cx.cell.entries() {
        for tier in entry.tiers() {
            let Some(label) = tier.as_str() else { continue };
            if is_known(label) {
                continue;
            }
            let mut d =
                cx.report(&INFO, tier.span, format!("unknown tier label `{label}`")).with_label("not a tier label");
            let known = "S (seminal study), K (key study), R (review), G (guidance) or `more`";
            match closest(label) {
                Some(best) => {
                    d = d.with_help(format!("did you mean `{best}`? Write one of {known}"));
                    if best.eq_ignore_ascii_case(label.trim()) {
                        d = d.with_fix(
                            format!("write `{best}`"),
                            vec![Edit { span: tier.span, replacement: best.to_owned() }],
                        );
                    }
                }
                None => d = d.with_help(format!("write one of {known}")),
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn closest_labels() {
        assert_eq!(closest("MORE"), Some("more"));
        assert_eq!(closest("k"), Some("K"));
        assert_eq!(closest("Seminal"), Some("S"));
        assert_eq!(closest("reveiw"), Some("R"));
        assert_eq!(closest("X"), None);
    }
}
