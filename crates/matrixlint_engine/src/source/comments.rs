//! YAML comments, found without a second parse: a `#` at the start of a line
//! or after white space, outside every scalar the loader saw.

use super::{Node, Scalar, SourceFile, Span};

/// One comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line.
    pub span: Span,
    /// Its 1-based line.
    pub line: usize,
    /// Whether nothing but white space precedes it on the line.
    pub own_line: bool,
}

/// Every comment of `file`, given its loaded tree (without a tree, e.g. after
/// a syntax error, a `#` inside a quoted string may be taken for a comment).
#[must_use]
pub fn comments(file: &SourceFile, root: Option<&Node>) -> Vec<Comment> {
    if !file.text.contains('#') {
        return Vec::new();
    }
    let mut scalars = Vec::new();
    if let Some(root) = root {
        collect_scalars(root, &mut scalars);
    }
    scalars.sort_unstable_by_key(|s| s.start);
    let inside = |at: usize| {
        let i = scalars.partition_point(|s| s.start <= at);
        i > 0 && scalars[..i].iter().rev().take(4).any(|s| at < s.end)
    };
    let mut out = Vec::new();
    for line in 1..=file.line_count() {
        let start = file.line_start(line);
        let text = file.line_text(line);
        let mut previous = ' ';
        for (i, c) in text.char_indices() {
            if c == '#' && previous.is_whitespace() && !inside(start + i) {
                out.push(Comment {
                    span: Span::new(start + i, start + text.len()),
                    line,
                    own_line: text[..i].trim().is_empty(),
                });
                break;
            }
            previous = c;
        }
    }
    out
}

fn collect_scalars(node: &Node, out: &mut Vec<Span>) {
    match &node.value {
        Scalar::Seq(items) => items.iter().for_each(|i| collect_scalars(i, out)),
        Scalar::Map(entries) => entries.iter().for_each(|(k, v)| {
            collect_scalars(k, out);
            collect_scalars(v, out);
        }),
        _ => out.push(node.span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::load;

    #[test]
    fn finds_comments_but_not_hashes_in_strings() {
        let text = "# top\na: \"x # not\" # trailing\nb: |\n  # inside a block\nc: d#e\n";
        let file = SourceFile::new("f", "f", text);
        let root = load(text).unwrap();
        let found: Vec<(&str, usize, bool)> = comments(&file, Some(&root))
            .iter()
            .map(|c| (&text[c.span.start..c.span.end], c.line, c.own_line))
            .collect();
        assert_eq!(found, vec![("# top", 1, true), ("# trailing", 2, false)]);
    }
}
