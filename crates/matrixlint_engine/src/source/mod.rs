//! Source files: their text, where they live, and byte ↔ line/column arithmetic.
//!
//! Every span in matrixlint is a byte range into a [`SourceFile`]'s text. Lines and
//! columns are computed only when a diagnostic is rendered, and columns count
//! characters (not bytes), as editors and the JSON output expect.

pub mod comments;
mod compact;
mod line_index;
pub mod prose;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use compact::CompactParts;
pub use line_index::LineIndex;
pub use yaml::{Mistake, Node, Scalar, YamlError, YamlErrorKind};

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty span at `at`.
    #[must_use]
    pub fn point(at: usize) -> Self {
        Self { start: at, end: at }
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside `self`.
    #[must_use]
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One file of the corpus (or the configuration), loaded as text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as found on disk.
    pub path: PathBuf,
    /// The path relative to the corpus root, with `/` separators; what reports show.
    pub name: String,
    /// The whole text. Files that are not UTF-8 are decoded lossily so that the
    /// diagnostic about them can still show the surrounding text. Empty in a
    /// compact file ([`SourceFile::keep_lines`]), which keeps only some lines:
    /// read those through [`SourceFile::slice`] and [`SourceFile::line_text`].
    pub text: Arc<str>,
    /// Where its lines start: at `\n`, `\r\n` and a lone `\r`, as YAML breaks them.
    lines: LineIndex,
    /// Characters before every [`MARK_EVERY`]th byte, built on the first
    /// column asked for: a column then costs at most that many bytes of
    /// counting, however long its line (a 3 MB line of findings stays linear).
    char_marks: std::sync::OnceLock<Vec<(usize, usize)>>,
    named: miette::NamedSource<Arc<str>>,
    /// The lines kept, when this is a compact file (`text` is then empty).
    kept: Option<compact::Kept>,
}

/// Bytes between two character-count marks.
const MARK_EVERY: usize = 1024;

impl SourceFile {
    /// Wraps `text` read from `path`, shown as `name`.
    #[must_use]
    pub fn new(path: impl Into<PathBuf>, name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let name = name.into();
        let named = miette::NamedSource::new(&name, Arc::clone(&text)).with_language("yaml");
        let lines = LineIndex::new(&text);
        Self { path: path.into(), name, text, lines, char_marks: std::sync::OnceLock::new(), named, kept: None }
    }

    /// The file's path on disk.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Line and column (both 1-based, column in characters) of byte `offset`.
    /// Offsets past the end or inside a character are clamped to a valid
    /// position. In a compact file, columns are known on the lines kept (and
    /// at every line's start); elsewhere the column is 1.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.len());
        let line = self.lines.line_of(offset);
        let line_start = self.lines.start(line).unwrap_or(0);
        let column = match (self.local(line_start), self.local(offset)) {
            _ if offset == line_start => 1,
            (Some(from), Some(to)) => {
                let to = self.floor_char_boundary(to);
                self.chars_before(to) - self.chars_before(from) + 1
            }
            _ => 1,
        };
        LineCol { line: line + 1, column }
    }

    /// The length of the whole text in bytes (of a compact file too).
    #[must_use]
    pub fn len(&self) -> usize {
        self.kept.as_ref().map_or(self.text.len(), compact::Kept::whole_len)
    }

    /// Whether the whole text is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the whole text ends with `\n` (a compact file's too).
    #[must_use]
    pub fn ends_with_newline(&self) -> bool {
        self.kept.as_ref().map_or(self.text.ends_with('\n'), compact::Kept::ends_with_newline)
    }

    /// The text from byte `from` to byte `to` of the whole text: of a compact
    /// file, when both lie on one run of kept lines (else empty).
    #[must_use]
    pub fn slice(&self, from: usize, to: usize) -> &str {
        match &self.kept {
            None => &self.text[from..to],
            Some(kept) => kept.slice(from, to).unwrap_or_default(),
        }
    }

    /// The text offsets are counted in: the whole text, or the lines kept.
    fn body(&self) -> &str {
        self.kept.as_ref().map_or(&self.text, compact::Kept::text)
    }

    /// Where byte `offset` of the whole text is in [`Self::body`] (`None`:
    /// on a line a compact file did not keep).
    fn local(&self, offset: usize) -> Option<usize> {
        match &self.kept {
            None => Some(offset),
            Some(kept) => kept.local(offset),
        }
    }

    /// How many characters precede byte `offset` of the body (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let body = self.body();
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let mut at = 0;
            let mut chars = 0;
            while at + MARK_EVERY < body.len() {
                let next = self.floor_char_boundary(at + MARK_EVERY);
                chars += body[at..next].chars().count();
                marks.push((next, chars));
                at = next;
            }
            marks
        });
        let (byte, chars) = marks[marks.partition_point(|&(b, _)| b <= offset) - 1];
        chars + body[byte..offset].chars().count()
    }

    /// Byte offset of the start of 1-based `line` (the end of the text past the last line).
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.lines.start(line.saturating_sub(1)).unwrap_or(self.len())
    }

    /// Number of lines (a final line without a newline counts).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.lines.line_count()
    }

    /// Where its lines start (what a language server's positions count from).
    #[must_use]
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The text of 1-based `line`, without its line break (empty for a
    /// line a compact file did not keep).
    #[must_use]
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        self.slice(start, end).trim_end_matches(['\n', '\r'])
    }

    /// The whole text with this file's name, as miette renders it (empty
    /// for a compact file: `SourceFile` itself is miette's source code for both).
    #[must_use]
    pub fn named_source(&self) -> &miette::NamedSource<Arc<str>> {
        &self.named
    }

    /// `offset` (into the body) moved back to a character boundary.
    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        let body = self.body();
        while !body.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// A mapping key as a JSON Pointer token (RFC 6901: `~` is `~0`, `/` is `~1`).
#[must_use]
pub(crate) fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A JSON Pointer token back to the key it stands for.
#[must_use]
pub(crate) fn pointer_key(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("x", "x", "a: é→b\nsecond\n");
        let b = f.text.find('b').unwrap();
        assert_eq!(f.line_col(b), LineCol { line: 1, column: 6 });
        let s = f.text.find("second").unwrap();
        assert_eq!(f.line_col(s), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_col(10_000), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_marks() {
        // Multi-byte characters straddle the byte marks; every column must still be exact.
        let line = "é→x".repeat(2000);
        let text = format!("key: {line}\nnext");
        let f = SourceFile::new("x", "x", text.as_str());
        for (i, (offset, _)) in text.char_indices().take(6000).enumerate().step_by(97) {
            assert_eq!(f.line_col(offset), LineCol { line: 1, column: i + 1 }, "at byte {offset}");
        }
        let next = text.find("next").unwrap();
        assert_eq!(f.line_col(next), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_col(next + 2), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn pointer_tokens_round_trip() {
        assert_eq!(pointer_token("a/b~c"), "a~1b~0c");
        assert_eq!(pointer_key("a~1b~0c"), "a/b~c");
        assert_eq!(pointer_key("~01"), "~1", "`~0` is decoded last");
    }

    #[test]
    fn line_text_strips_breaks() {
        let f = SourceFile::new("x", "x", "one\r\ntwo");
        assert_eq!(f.line_text(1), "one");
        assert_eq!(f.line_text(2), "two");
        assert_eq!(f.line_count(), 2);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_yaml() {
        let f = SourceFile::new("x", "x", "title: a\rtier: S\nnext");
        assert_eq!(f.line_count(), 3);
        assert_eq!(f.line_col(f.text.find("tier").unwrap()), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_text(1), "title: a");
        assert_eq!(f.line_text(2), "tier: S");
    }
}
