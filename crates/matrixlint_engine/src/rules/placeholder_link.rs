//! `placeholder-link`: a link to `#`, to nothing, or to white space.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a Markdown link in prose whose target is `#`, empty or only
    /// white space (`[here](#)`, `[here]()`), and a `url` or `free_source`
    /// field holding the same.
    ///
    /// ## Why is this bad?
    /// Placeholders are left over from drafting or from copying a published
    /// page; the reader clicks and goes nowhere.
    ///
    /// ## Example
    /// ```yaml
    /// text: "For discussion [click here](#) and scroll down."
    /// ```
    /// Use instead:
    /// ```yaml
    /// text: "For discussion [click here](https://findings.org.uk/…) and scroll down."
    /// ```
    name: "placeholder-link", code: "ML401", severity: Error, fixable: false,
    summary: "A link to `#`, to nothing, or to white space.",
    check: Some(check),
}

/// Whether a link target is a placeholder.
#[must_use]
pub(crate) fn is_placeholder(target: &str) -> bool {
    matches!(target.trim(), "" | "#")
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for found in cx.links() {
        for link in &found.scan.links {
            let target = &found.prose.text[link.target.clone()];
            if is_placeholder(target) {
                let text = &found.prose.text[link.text.clone()];
                out.push(
                    cx.report(
                        &INFO,
                        cx.span_in(&found.prose, link.whole.clone()),
                        format!("link `{text}` has no target"),
                    )
                    .with_label(if target.trim().is_empty() {
                        "empty target".to_owned()
                    } else {
                        format!("target `{}`", target.trim())
                    })
                    .with_help("give the link the document's absolute https:// address, or remove the link markup"),
                );
            }
        }
    }
    for entry in cx.cell.entries() {
        for key in ["url", "free_source"] {
            let Some(node) = entry.get(key) else { continue };
            if node.as_str().is_some_and(is_placeholder) {
                // An S, K, R or G entry needs its `url`: removing it would only
                // trade this finding for `missing-url`.
                let required = key == "url" && entry.tier().is_some_and(|t| t.is_document());
                let help = if required {
                    "give `url` the address of the document or of its analysis, such as \
                     `url: \"https://findings.org.uk/PHP/dl.php?file=…\"`"
                        .to_owned()
                } else {
                    format!("give `{key}` the document's absolute https:// address, or remove the field")
                };
                out.push(cx.report(&INFO, node.span, format!("`{key}` is a placeholder")).with_help(help));
            }
        }
    }
}
