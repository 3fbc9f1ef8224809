//! Where each line of a text starts: the one line index `check`, the
//! reports and the language server all number lines with. A line ends at
//! `\n`, `\r\n` or a lone `\r`, as YAML (and the language server protocol)
//! break lines, so a finding's line is the line the YAML parser meant.

/// The byte offset where each line of a text starts (the first is 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts }
    }

    /// The index whose lines start at `starts` (as [`LineIndex::starts`]
    /// gives them): `None` unless the first is 0 and each is after the last.
    #[must_use]
    pub fn from_starts(starts: Vec<usize>) -> Option<Self> {
        (starts.first() == Some(&0) && starts.windows(2).all(|w| w[0] < w[1])).then_some(Self { starts })
    }

    /// Where each line starts (the first is 0).
    #[must_use]
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The 0-based line holding byte `offset` (the last line past the end).
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Where 0-based `line` starts, or `None` past the last line.
    #[must_use]
    pub fn start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// How many lines the text has (a last line without a break counts).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Where 0-based `line` of `text` (the text indexed) ends, before its
    /// line break (the end of the text past the last line).
    #[must_use]
    pub fn content_end(&self, text: &str, line: usize) -> usize {
        let next = self.start(line + 1).unwrap_or(text.len());
        let body = &text[self.start(line).unwrap_or(text.len()).min(next)..next];
        next - (body.len() - body.trim_end_matches(['\n', '\r']).len()).min(2)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_break_at_lf_crlf_and_a_lone_cr() {
        let text = "a\r\nb\rc\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_of(text.find('b').unwrap()), 1);
        assert_eq!(index.line_of(text.find('c').unwrap()), 2, "a lone \\r ends a line");
        assert_eq!(index.line_of(text.find('l').unwrap()), 3);
        assert_eq!(index.line_of(999), 3);
        assert_eq!(index.content_end(text, 0), 1, "before \\r\\n");
        assert_eq!(index.content_end(text, 1), 4, "before the lone \\r");
        assert_eq!(index.content_end(text, 3), text.len());
        assert_eq!(index.start(4), None);
    }
}
