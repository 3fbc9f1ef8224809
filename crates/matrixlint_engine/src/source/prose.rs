//! Where a piece of a string's *value* was written in the *source*.
//!
//! Rules find phrases ("cell F2", a year, a link) in the decoded value of a
//! scalar, but a diagnostic must point at the phrase's real line and column,
//! also inside folded (`>`) and literal (`|`) block scalars, multi-line plain
//! scalars and quoted strings with escapes. [`ValueMap`] aligns the value with
//! the source text once and then answers span queries.
//!
//! Quoted scalars are decoded again from the source, escape by escape (see
//! `prose/quoted.rs`), so each character maps to exactly the bytes written for it:
//! `\u2019` for `’`, the line break for a folded space. Plain and block
//! scalars have no escapes; there the alignment is greedy: each value
//! character is matched with the next equal source character, where a line
//! break in the value may match any white space in the source (folding) and
//! runs of source white space (indentation) are skipped. A value character
//! with no match close by is pinned to the current position.

use super::Span;

mod quoted;

/// How many non-space source characters an escape sequence may take.
const ESCAPE_WINDOW: usize = 10;

/// Value byte offset → source byte offset, for one string scalar.
#[derive(Debug, Clone)]
pub struct ValueMap {
    /// For every byte offset of the value (and one past the end), the source offset.
    starts: Vec<usize>,
    /// For every byte offset of the value, the end of the source character it maps to.
    ends: Vec<usize>,
}

impl ValueMap {
    /// Aligns `value` with `source[span]`.
    #[must_use]
    pub fn new(source: &str, span: Span, value: &str) -> Self {
        let span_end = span.end.min(source.len());
        let start = span.start.min(span_end);
        Self::decoded(source, start, span_end, value).unwrap_or_else(|| Self::aligned(source, start, span_end, value))
    }

    /// The exact map of a quoted scalar, when decoding `source[start..end]`
    /// again gives `value`.
    fn decoded(source: &str, start: usize, end: usize, value: &str) -> Option<Self> {
        let pieces = quoted::decode(source.get(start..end)?)?;
        if !pieces.iter().map(|(c, _)| *c).eq(value.chars()) {
            return None;
        }
        let mut starts = Vec::with_capacity(value.len() + 1);
        let mut ends = Vec::with_capacity(value.len() + 1);
        for (c, range) in &pieces {
            for _ in 0..c.len_utf8() {
                starts.push(start + range.start);
                ends.push(start + range.end);
            }
        }
        // The end of the value: just before the closing quote.
        let after = pieces.last().map_or(start + 1, |(_, r)| start + r.end);
        starts.push(after);
        ends.push(after);
        Some(Self { starts, ends })
    }

    /// The greedy alignment (plain and block scalars).
    fn aligned(source: &str, start: usize, span_end: usize, value: &str) -> Self {
        let mut j = start;
        let mut starts = Vec::with_capacity(value.len() + 1);
        let mut ends = Vec::with_capacity(value.len() + 1);
        for c in value.chars() {
            let (at, len) = find(source, j, span_end, c).unwrap_or_else(|| {
                let len = source[j..span_end].chars().next().map_or(0, char::len_utf8);
                (j, len)
            });
            for _ in 0..c.len_utf8() {
                starts.push(at);
                ends.push(at + len);
            }
            j = at + len;
        }
        starts.push(j);
        ends.push(j);
        Self { starts, ends }
    }

    /// The source span of `value[range]` (byte range of the value).
    #[must_use]
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let last = self.starts.len() - 1;
        let start = self.starts[range.start.min(last)];
        let end = if range.end > range.start { self.ends[(range.end - 1).min(last)] } else { start };
        Span::new(start, end.max(start))
    }
}

/// The next source position at or after `from` holding `c`, allowing folded white space.
fn find(source: &str, from: usize, end: usize, c: char) -> Option<(usize, usize)> {
    let mut others = 0;
    for (i, s) in source[from..end].char_indices() {
        let matches = s == c || (c == ' ' || c == '\n') && (s == '\n' || s == ' ' || s == '\r');
        if matches {
            return Some((from + i, s.len_utf8()));
        }
        if !s.is_whitespace() {
            others += 1;
            if others > ESCAPE_WINDOW {
                return None;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::load;

    fn locate(text: &str, key: &str, phrase: &str) -> String {
        let root = load(text).unwrap();
        let node = root.get(key).unwrap();
        let value = node.as_str().unwrap();
        let at = value.find(phrase).unwrap();
        let span = ValueMap::new(text, node.span, value).span(at..at + phrase.len());
        text[span.start..span.end].to_owned()
    }

    #[test]
    fn plain_single_line() {
        assert_eq!(locate("t: see cell F2 here\n", "t", "cell F2"), "cell F2");
    }

    #[test]
    fn folded_block_across_a_line_break() {
        let text = "t: >-\n  more in\n  cell\n  F2 of it\n";
        assert_eq!(locate(text, "t", "cell F2"), "cell\n  F2");
        assert_eq!(locate(text, "t", "of it"), "of it");
    }

    #[test]
    fn literal_block_with_paragraphs() {
        let text = "t: |-\n  First para.\n\n  Second – with cell A9 ‘here’.\n";
        assert_eq!(locate(text, "t", "cell A9"), "cell A9");
        assert_eq!(locate(text, "t", "‘here’"), "‘here’");
    }

    #[test]
    fn double_quoted_with_escapes() {
        let text = "t: \"caf\\u00e9 and \\\"cell F2\\\"\"\n";
        assert_eq!(locate(text, "t", "cell F2"), "cell F2");
    }

    #[test]
    fn double_quoted_after_escaped_line_breaks() {
        // Issue 8, item 8: the phrase after `\n\n` was placed at the closing quote.
        let text = "about: \"First para.\\n\\nDrawn from cell B5 of the matrix.\"\n";
        assert_eq!(locate(text, "about", "cell B5"), "cell B5");
        let text = "t: \"a \\u2019quoted\\u2019 \\\n    cell F2\\x21\"\n";
        assert_eq!(locate(text, "t", "’quoted’"), "\\u2019quoted\\u2019");
        assert_eq!(locate(text, "t", "cell F2!"), "cell F2\\x21");
    }

    #[test]
    fn single_quoted_with_doubled_quote() {
        let text = "t: 'it''s cell G1'\n";
        assert_eq!(locate(text, "t", "cell G1"), "cell G1");
    }
}
