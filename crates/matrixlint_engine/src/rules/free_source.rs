//! `free-source`: the free-source flag, as a field and in prose.

use std::sync::LazyLock;

use regex::Regex;

use std::ops::Range;

use crate::cell::Prose;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::markdown::is_absolute_http;
use crate::rules::Context;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Checks `free_source`, the link to a free full text that was available
    /// when the entry was written: it must be an absolute http(s) URL and
    /// differ from the entry's `url`. It also warns (at warning severity) when
    /// an annotation opens with "Free source at (the) time of writing" but the
    /// entry has no `free_source` field; the flag on a secondary document
    /// later in the annotation is left alone. When the sentence links the free
    /// text (`[Free source](https://…) at time of writing.`), `--fix` moves
    /// the link into `free_source` and deletes the sentence.
    ///
    /// ## Why is this bad?
    /// The site shows a "free source" badge only from the field, and the
    /// link audit watches that link: a flag left in prose is invisible to both,
    /// so a free link that dies goes unnoticed.
    ///
    /// ## Example
    /// ```yaml
    /// - tier: R
    ///   title: "Some therapists are just better than others"
    ///   year: 2012
    ///   text: "[Free source](https://example.org/free.pdf) at time of writing. Ingenious analysis…"
    /// ```
    /// Use instead:
    /// ```yaml
    /// - tier: R
    ///   title: "Some therapists are just better than others"
    ///   year: 2012
    ///   free_source: "https://example.org/free.pdf"
    ///   text: "Ingenious analysis…"
    /// ```
    name: "free-source", code: "ML206", severity: Error, fixable: true,
    summary: "`free_source` not an absolute http(s) URL or equal to `url`; a prose flag without the field.",
    check: Some(check),
}

/// "free source at (the) time of writing", opening the annotation (after
/// optional emphasis or link markup), as a sentence of its own.
static OPENING_FLAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[\*\[]*\s*free source\s*[\*\]]*(?:\([^)]*\))?\s*at (?:the )?time of writing\s*\.?")
        .expect("valid free-source regex")
});

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in cx.cell.entries() {
        match entry.get("free_source") {
            Some(free) => {
                let Some(target) = free.as_str() else { continue };
                let trimmed = target.trim();
                if trimmed.is_empty() || trimmed == "#" {
                    continue; // placeholder-link reports it
                }
                if trimmed.contains(char::is_whitespace) {
                    continue; // link-syntax reports the white space, and fixes it
                }
                if !is_absolute_http(trimmed) {
                    out.push(
                        cx.report(
                            &INFO,
                            free.span,
                            format!("`free_source` is not an absolute http(s) URL: `{target}`"),
                        )
                        .with_help("give the full address of the free text, starting with https://"),
                    );
                } else if let Some(url) = entry.get("url").filter(|u| u.as_str().map(str::trim) == Some(trimmed)) {
                    out.push(
                        cx.report(&INFO, free.span, "`free_source` is the same as `url`")
                            .with_secondary(url.span, "the entry's `url`")
                            .with_help("remove `free_source`, or give it the address of a free full text other than the one `url` links"),
                    );
                }
            }
            None => {
                let Some(text) = entry.get("text") else { continue };
                let Some(value) = text.as_str() else { continue };
                if let Some(m) = OPENING_FLAG.find(value) {
                    let prose = Prose { node: text, text: value };
                    let phrase = m.as_str().trim_end();
                    let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
                    let mut d = cx
                        .report(
                            &INFO,
                            cx.span_in(&prose, start..m.start() + phrase.len()),
                            "the annotation says there is a free source, but `free_source` is missing",
                        )
                        .with_help(
                            "move the free text's link into `free_source: \"https://…\"` and delete this sentence",
                        );
                    d.severity = Severity::Warning;
                    if let Some(edits) = move_into_field(cx, entry.node, &prose, m.range()) {
                        d = d.with_fix("move the free source's link into `free_source`", edits);
                    }
                    out.push(d);
                }
            }
        }
    }
}

/// The edits turning `[Free source](URL) at time of writing.` into a
/// `free_source:` field, when the URL is unambiguous and the sentence is
/// written as is on one line of the source.
fn move_into_field(cx: &Context<'_>, entry: &Node, prose: &Prose<'_>, flag: Range<usize>) -> Option<Vec<Edit>> {
    let value = prose.text;
    let links = crate::markdown::scan(&value[flag.clone()]).links;
    let [link] = links.as_slice() else { return None };
    let url = value[flag.start..][link.target.clone()].trim();
    if !is_absolute_http(url) {
        return None;
    }
    let end = flag.end + (value[flag.end..].len() - value[flag.end..].trim_start_matches(' ').len());
    let sentence = cx.span_in(prose, flag.start..end);
    if cx.file.text.get(sentence.start..sentence.end)? != &value[flag.start..end] {
        return None;
    }
    let (text_key, _) = entry.entry("text")?;
    let indent = cx.file.line_col(text_key.span.start).column - 1;
    let field = format!("free_source: {}\n{}", serde_json::to_string(url).ok()?, " ".repeat(indent));
    Some(vec![
        Edit { span: crate::source::Span::point(text_key.span.start), replacement: field },
        Edit { span: sentence, replacement: String::new() },
    ])
}

#[cfg(test)]
mod tests {
    use super::OPENING_FLAG;

    #[test]
    fn opening_flag_forms() {
        for s in [
            "Free source at time of writing. Text",
            "**Free source** at the time of writing. Text",
            "[Free source](https://x.org/a.pdf) at time of writing. Text",
        ] {
            assert!(OPENING_FLAG.is_match(s), "{s}");
        }
        assert!(!OPENING_FLAG.is_match("A [US study](https://x.org) (1974; free source at time of writing)"));
    }
}
