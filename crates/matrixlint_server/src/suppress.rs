//! Where a suppression of a finding can be written, so that `check` honours
//! it: a comment at the end of the finding's line; else alone on the line
//! before it; else, when the finding lies inside a multi-line text (where a
//! `#` is text, not a comment), one for the whole file. A line that already
//! has a suppression gets the rule added to its list.

use crate::diagnostic::{Diagnostic, Edit};
use crate::position::Positions as _;
use crate::source::LineIndex;
use crate::source::comments::comments;
use crate::source::{Node, Scalar, Span};
use matrixlint_engine::lint::Loaded;
use matrixlint_engine::suppression;

/// A suppression to insert, and where the reason is to be typed afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Suppression {
    pub title: String,
    pub edit: Edit,
    /// The byte offset, in the text after the edit, where the reason goes.
    pub cursor: usize,
}

/// How to suppress `d` in `loaded`.
pub(crate) fn suppression(loaded: &Loaded, d: &Diagnostic) -> Suppression {
    let text = &*loaded.file.text;
    let index = loaded.file.lines();
    let rule = d.rule.name;
    let line = index.line_of(d.primary.span.start.min(text.len()));
    let scalars = loaded.root.as_ref().map(scalars).unwrap_or_default();
    let start = index.line_start(text, line);
    let eol = index.content_end(text, line);
    let on_line = comments(&loaded.file, loaded.root.as_ref()).into_iter().find(|c| c.line == line + 1);
    if let Some(comment) = &on_line
        && let Some(close) = suppression::rule_list_end(&text[comment.span.start..comment.span.end])
    {
        let at = comment.span.start + close;
        let replacement = suppression::added_rule(rule);
        let cursor = eol + replacement.len();
        return Suppression {
            title: title(rule, "on this line"),
            cursor,
            edit: Edit { span: Span::point(at), replacement },
        };
    }
    let line_text = &text[start..eol];
    if on_line.is_none() && !inside(&scalars, index, eol, line, true) {
        let gap = if line_text.ends_with([' ', '\t']) { "" } else { "  " };
        let insert = format!("{gap}{}", suppression::line_comment(rule));
        let cursor = eol + insert.len();
        return Suppression {
            title: title(rule, "on this line"),
            edit: Edit { span: Span::point(eol), replacement: insert },
            cursor,
        };
    }
    if !inside(&scalars, index, start, line, false) {
        let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
        let insert = format!("{indent}{}\n", suppression::line_comment(rule));
        let cursor = start + insert.len() - 1;
        return Suppression {
            title: title(rule, "on this line"),
            edit: Edit { span: Span::point(start), replacement: insert },
            cursor,
        };
    }
    // Leading comments (the schema's `# yaml-language-server:` line) stay first.
    let mut at = 0;
    for l in 0..index.line_count() {
        let (s, e) = (index.line_start(text, l), index.content_end(text, l));
        if !text[s..e].trim_start().starts_with('#') {
            at = s;
            break;
        }
    }
    let insert = format!("{}\n", suppression::file_comment(rule));
    let cursor = at + insert.len() - 1;
    Suppression {
        title: title(rule, "in this file"),
        edit: Edit { span: Span::point(at), replacement: insert },
        cursor,
    }
}

fn title(rule: &str, place: &str) -> String {
    format!("Suppress `{rule}` {place}")
}

/// Every scalar's span, with whether it is a `|` or `>` block.
fn scalars(root: &Node) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Scalar::Seq(items) => stack.extend(items),
            Scalar::Map(entries) => entries.iter().for_each(|(k, v)| stack.extend([k, v])),
            _ => out.push((node.span, node.is_block_scalar())),
        }
    }
    out
}

/// Whether a comment at byte `at` (the end of line `line`, or its start for
/// a comment line inserted before it) would be inside a scalar's text, where
/// a `#` is text: on any content line of a `|` or `>` block, or within a
/// scalar that runs over several lines.
fn inside(scalars: &[(Span, bool)], index: &LineIndex, at: usize, line: usize, end_of_line: bool) -> bool {
    scalars.iter().any(|&(span, block)| {
        if block {
            let last = index.line_of(span.end.saturating_sub(1).max(span.start));
            return index.line_of(span.start) <= line && line <= last;
        }
        let starts_before = index.line_of(span.start) < line;
        if end_of_line {
            span.start < at && (at < span.end || (at == span.end && starts_before))
        } else {
            span.start < at && at < span.end
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn suppress(text: &str, needle: &str) -> (String, String) {
        let loaded = Loaded::from_text("c.yaml".as_ref(), "c.yaml", text.to_owned());
        let at = text.find(needle).unwrap();
        let d = Diagnostic::new(&crate::rules::unknown_tier::INFO, &loaded.file, Span::new(at, at + needle.len()), "x");
        let s = suppression(&loaded, &d);
        let (out, _) = matrixlint_engine::lint::apply(
            text,
            vec![&crate::diagnostic::Fix { title: s.title.clone(), edits: vec![s.edit] }],
        );
        assert_eq!(out[s.cursor..].chars().next(), out[s.cursor..].chars().next(), "cursor on a boundary");
        let with_cursor = format!("{}|{}", &out[..s.cursor], &out[s.cursor..]);
        (s.title, with_cursor)
    }

    #[test]
    fn at_the_end_of_the_line_when_it_is_not_inside_text() {
        let (title, out) = suppress("entries:\n  - tier: Key\n    title: x\n", "Key");
        assert_eq!(title, "Suppress `unknown-tier` on this line");
        assert_eq!(out, "entries:\n  - tier: Key  # matrixlint: ignore[unknown-tier] |\n    title: x\n");
    }

    #[test]
    fn for_the_file_when_the_line_continues_a_text() {
        let text = "summary: a plain text\n  that goes on with cell F2\nentries: []\n";
        let (_, out) = suppress(text, "F2");
        assert_eq!(
            out,
            "summary: a plain text\n  that goes on with cell F2\nentries: []\n"
                .replace("summary", "# matrixlint: ignore-file[unknown-tier] |\nsummary")
        );
        let text = "entries:\n  - tier: S\n    text: >-\n      first line with cell F2\n";
        let (title, out) = suppress(text, "F2");
        assert_eq!(title, "Suppress `unknown-tier` in this file");
        assert!(out.starts_with("# matrixlint: ignore-file[unknown-tier] |\nentries:"), "{out}");
    }

    #[test]
    fn before_the_line_when_it_has_a_comment_and_added_to_a_suppression() {
        let (_, out) = suppress("a: 1\n  # note\nb: Key # why\n", "Key");
        assert_eq!(out, "a: 1\n  # note\n# matrixlint: ignore[unknown-tier] |\nb: Key # why\n");
        let (_, out) = suppress("b: Key  # matrixlint: ignore[tier-order] because\n", "Key");
        assert_eq!(out, "b: Key  # matrixlint: ignore[tier-order, unknown-tier] because|\n");
    }

    #[test]
    fn the_file_wide_one_goes_after_leading_comments() {
        let text = "# yaml-language-server: $schema=x\nsummary: |-\n  cell F2\n";
        let (_, out) = suppress(text, "F2");
        assert_eq!(
            out,
            "# yaml-language-server: $schema=x\n# matrixlint: ignore-file[unknown-tier] |\nsummary: |-\n  cell F2\n"
        );
    }
}
