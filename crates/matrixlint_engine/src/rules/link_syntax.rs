//! `link-syntax`: a malformed Markdown link, or a target that is not absolute http(s).

use std::ops::Range;

use crate::cell::Prose;
use crate::diagnostic::{Diagnostic, Edit};
use crate::markdown::is_absolute_http;
use crate::rules::Context;
use crate::rules::placeholder_link::is_placeholder;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports near misses of Markdown links in prose (`[text] (https://…)`,
    /// `[text](https://…` without `)`, `[text(https://…)`), link targets that
    /// are not absolute http(s) URLs (`[here](findings.org.uk/x)`,
    /// `[here](/relative)`), targets padded with white space (fixed by
    /// `--fix`), a `url` field that is not an absolute http(s) URL, and white
    /// space inside a `url` or `free_source` value: a line break where the
    /// address was wrapped (`--fix` joins it), a space within a line
    /// (`--fix` writes it `%20`, unless a second address follows), white
    /// space around it (`--fix` trims it). Placeholder targets (`#`, empty)
    /// are `placeholder-link`'s.
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
        for key in ["url", "free_source"] {
            if let Some(node) = entry.get(key) {
                check_address(cx, key, node, out);
            }
        }
    }
}

/// An entry's `url` or `free_source`: white space in it (a wrapped line, a
/// space, padding), else (for `url`; `free-source` checks its own) a target
/// that is not absolute http(s).
fn check_address(cx: &Context<'_>, key: &str, node: &Node, out: &mut Vec<Diagnostic>) {
    let Some(value) = node.as_str() else { return };
    if is_placeholder(value) {
        return;
    }
    if value.contains(char::is_whitespace) {
        out.push(white_space(cx, key, node, value));
    } else if key == "url" && !is_absolute_http(value) {
        out.push(
            cx.report(&INFO, node.span, format!("`url` is not an absolute http(s) URL: `{value}`"))
                .with_help("write the full address, starting with https://"),
        );
    }
}

/// Where the white space in an address came from, worst first.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    /// A line break inside the address: it was wrapped.
    Wrapped,
    /// A space inside the address, within a line.
    Inside,
    /// White space before or after the address.
    Around,
}

fn white_space(cx: &Context<'_>, key: &str, node: &Node, value: &str) -> Diagnostic {
    let prose = Prose { node, text: value };
    let trimmed = value.trim();
    let lead = value.len() - value.trim_start().len();
    // Each run of white space: its range in the value, and what it is.
    let mut gaps: Vec<(Range<usize>, Gap)> = Vec::new();
    let mut chars = value.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some((i, n)) = chars.peek().copied().filter(|(_, n)| n.is_whitespace()) {
            end = i + n.len_utf8();
            chars.next();
        }
        let source = cx.span_in(&prose, start..end);
        let gap = if start < lead || end > lead + trimmed.len() {
            Gap::Around
        } else if value[start..end].contains('\n') || cx.file.text[source.start..source.end].contains('\n') {
            Gap::Wrapped
        } else {
            Gap::Inside
        };
        gaps.push((start..end, gap));
    }
    let worst = gaps.iter().map(|(_, g)| g).min().unwrap_or(&Gap::Around);
    let (message, help, title) = match worst {
        Gap::Wrapped => (
            format!("`{key}` is broken across lines"),
            "write the address on one line".to_owned(),
            format!("join `{key}` on one line"),
        ),
        Gap::Inside => (
            format!("`{key}` has a space inside the address"),
            "write each space in an address as `%20`, after checking that the address is whole".to_owned(),
            format!("write the space in `{key}` as `%20`"),
        ),
        Gap::Around => (
            format!("`{key}` has white space around the address"),
            "remove the white space around the address".to_owned(),
            format!("trim `{key}`"),
        ),
    };
    let second_address = gaps.iter().any(|(r, g)| *g != Gap::Around && value[r.end..].starts_with("http"));
    let help = if second_address { format!("give `{key}` one address; the other belongs elsewhere") } else { help };
    let first = gaps.iter().find(|(_, g)| g == worst).map_or(0..0, |(r, _)| r.clone());
    let mut d = cx.report(&INFO, cx.span_in(&prose, first), message).with_label("white space").with_help(help);
    // Rewritten as one quoted line; not for a `|`/`>` block (its span holds only
    // the content lines), nor where a second address may follow a space.
    let mut fixed = String::with_capacity(value.len());
    let mut last = 0;
    for (range, gap) in &gaps {
        fixed.push_str(&value[last..range.start]);
        if *gap == Gap::Inside {
            fixed.push_str(&value[range.clone()].chars().map(percent).collect::<String>());
        }
        last = range.end;
    }
    fixed.push_str(&value[last..]);
    if !node.is_block_scalar()
        && !second_address
        && let Ok(quoted) = serde_json::to_string(&fixed)
    {
        d = d.with_fix(title, vec![Edit { span: node.span, replacement: quoted }]);
    }
    d
}

/// `c` percent-encoded (its UTF-8 bytes).
fn percent(c: char) -> String {
    let mut buf = [0; 4];
    c.encode_utf8(&mut buf).bytes().map(|b| format!("%{b:02X}")).collect()
}
