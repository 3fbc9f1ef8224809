//! Byte offsets ↔ protocol positions. A position's `character` counts UTF-8
//! bytes or UTF-16 code units, as negotiated: a curly quote is three bytes or
//! one unit, an emoji four bytes or two units (a surrogate pair). Lines end at
//! `\n`, `\r\n` or `\r`, as the protocol says. Positions past a line's end or
//! inside a character are clamped, never an error: clients send such
//! positions while text is being typed.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::Span;

/// The negotiated position encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Columns in UTF-8 bytes (when the client offers it).
    Utf8,
    /// Columns in UTF-16 code units (the protocol's default).
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it, else UTF-16 (which every client supports).
    #[must_use]
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) { Self::Utf8 } else { Self::Utf16 }
    }

    /// The protocol's name for it.
    #[must_use]
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
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

    /// The position of byte `offset` (clamped to the text and to a character boundary).
    #[must_use]
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].encode_utf16().count(),
        };
        Position { line: to_u32(line), character: to_u32(character) }
    }

    /// The range of the bytes of `span`.
    #[must_use]
    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range { start: self.position(text, span.start, encoding), end: self.position(text, span.end, encoding) }
    }

    /// The byte offset of `position`: a line past the end is the end of the
    /// text, a character past the line's end is the line's end, a character
    /// inside a UTF-16 surrogate pair or a UTF-8 sequence is that character's start.
    #[must_use]
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else { return text.len() };
        let end = self.content_end(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The bytes of `range`, start before end.
    #[must_use]
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }

    /// Where line `line` (0-based) ends, before its line break.
    #[must_use]
    pub fn content_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let body = &text[self.starts.get(line).copied().unwrap_or(text.len()).min(next)..next];
        next - (body.len() - body.trim_end_matches(['\n', '\r']).len()).min(2)
    }

    /// Where line `line` (0-based) starts (the end of the text past the last line).
    #[must_use]
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    /// The 0-based line holding byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// How many lines the text has (a last line without a break counts).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Positions are `u32` in the protocol; a text of 4 GiB is not a cell.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn a_non_bmp_character_is_two_utf16_units_and_four_bytes() {
        let text = "title: “😀” x\nnext";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        // t-i-t-l-e-:-space (7), “ (1 unit, 3 bytes), 😀 (2 units, 4 bytes), ” (1, 3), space.
        assert_eq!(index.position(text, x, Encoding::Utf16), pos(0, 12));
        assert_eq!(index.position(text, x, Encoding::Utf8), pos(0, 18));
        assert_eq!(index.offset(text, pos(0, 12), Encoding::Utf16), x);
        assert_eq!(index.offset(text, pos(0, 18), Encoding::Utf8), x);
        // Inside the surrogate pair, or inside the UTF-8 sequence: the emoji's start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.offset(text, pos(0, 9), Encoding::Utf16), emoji);
        assert_eq!(index.offset(text, pos(0, 12), Encoding::Utf8), emoji);
        assert_eq!(index.position(text, emoji + 2, Encoding::Utf16), pos(0, 8));
    }

    #[test]
    fn every_line_break_counts_and_positions_clamp() {
        let text = "a\r\nb\rc\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, text.find('b').unwrap(), Encoding::Utf16), pos(1, 0));
        assert_eq!(index.position(text, text.find('c').unwrap(), Encoding::Utf16), pos(2, 0));
        assert_eq!(index.offset(text, pos(0, 40), Encoding::Utf16), 1, "the line's end, before \\r\\n");
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(index.position(text, 999, Encoding::Utf8), pos(3, 4));
        assert_eq!(index.content_end(text, 3), text.len());
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])), Encoding::Utf16);
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
    }
}
