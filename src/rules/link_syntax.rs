//! `link-syntax`: a malformed Markdown link, or a target that is not absolute http(s).

use crate::diagnostic::{Diagnostic, Edit};
use crate::markdown::is_absolute_http;
use crate::rules::Context;
use crate::rules::placeholder_link::is_placeholder;

declare_rule! {
    /// ## What it does
    /// Reports near misses of Markdown links in prose (`[text] (https://…)`,
    /// `[text](https://…` without `)`, `[text(https://…)`), link targets that
    /// are not absolute http(s) URLs (`[here](findings.org.uk/x)`,
    /// `[here](/relative)`), targets padded with white space (fixed by
    /// `--fix`), and a `url` field that is not an absolute http(s) URL.
    /// Placeholder targets (`#`, empty) are `placeholder-link`'s.
    ///
    /// ## Why is this bad?
    /// A malformed link is published as literal brackets; a relative or
    /// scheme-less target resolves against the wrong page.
    ///
    /// ## Example
    /// ```yaml
    /// text: "For discussion [click here] (https://findings.org.uk/x) …"
    /// ```
    /// Use instead:
    /// ```yaml
    /// text: "For discussion [click here](https://findings.org.uk/x) …"
    /// ```
    name: "link-syntax", code: "ML402", severity: Error, fixable: true,
    summary: "A malformed Markdown link, or a link target that is not absolute http(s).",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for found in cx.links() {
        for bad in &found.scan.malformed {
            out.push(
                cx.report(&INFO, cx.span_in(&found.prose, bad.range.clone()), bad.problem.message())
                    .with_help("write links as `[text](https://…)`"),
            );
        }
        for link in &found.scan.links {
            let target = &found.prose.text[link.target.clone()];
            if is_placeholder(target) {
                continue;
            }
            let trimmed = target.trim();
            if !is_absolute_http(trimmed) {
                out.push(
                    cx.report(
                        &INFO,
                        cx.span_in(&found.prose, link.target.clone()),
                        format!("link target `{trimmed}` is not an absolute http(s) URL"),
                    )
                    .with_help("write the full address, starting with https://"),
                );
            } else if trimmed.len() != target.len() {
                let span = cx.span_in(&found.prose, link.target.clone());
                let mut d = cx
                    .report(&INFO, span, "link target has white space around it")
                    .with_help("remove the spaces inside the parentheses");
                if cx.file.text[span.start..span.end] == *target {
                    d = d.with_fix("trim the link target", vec![Edit { span, replacement: trimmed.to_owned() }]);
                }
                out.push(d);
            }
        }
    }
    for entry in cx.cell.entries() {
        let Some(url) = entry.get("url") else { continue };
        let Some(u) = url.as_str() else { continue };
        if !is_placeholder(u) && !is_absolute_http(u.trim()) {
            out.push(
                cx.report(&INFO, url.span, format!("`url` is not an absolute http(s) URL: `{u}`"))
                    .with_help("write the full address, starting with https://"),
            );
        }
    }
}
