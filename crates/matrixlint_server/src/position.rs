//! Byte offsets ↔ protocol positions. A position's `character` counts UTF-8
//! bytes or UTF-16 code units, as negotiated: a curly quote is three bytes or
//! one unit, an emoji four bytes or two units (a surrogate pair). Lines end at
//! `\n`, `\r\n` or `\r`, as the protocol says. Positions past a line's end or
//! inside a character are clamped, never an error: clients send such
//! positions while text is being typed.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{LineIndex, Span};

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

/// Positions of the protocol over the engine's line index: the one index
/// `check` numbers lines with, so the server and `check` agree on every line.
pub trait Positions {
    /// The position of byte `offset` (clamped to the text and to a character boundary).
    fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position;
    /// The range of the bytes of `span`.
    fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range;
    /// The byte offset of `position`: a line past the end is the end of the
    /// text, a character past the line's end is the line's end, a character
    /// inside a UTF-16 surrogate pair or a UTF-8 sequence is that character's start.
    fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize;
    /// The bytes of `range`, start before end.
    fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span;
    /// Where line `line` (0-based) starts (the end of the text past the last line).
    fn line_start(&self, text: &str, line: usize) -> usize;
}

impl Positions for LineIndex {
    fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.start(line).unwrap_or(0);
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].encode_utf16().count(),
        };
        Position { line: to_u32(line), character: to_u32(character) }
    }

    fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range { start: self.position(text, span.start, encoding), end: self.position(text, span.end, encoding) }
    }

    fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(start) = self.start(line) else { return text.len() };
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

    fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }

    fn line_start(&self, text: &str, line: usize) -> usize {
        self.start(line).unwrap_or(text.len())
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
