//! Text made safe to show: no report may pass a control character from a cell
//! to the terminal or the CI log reading it (an `ESC [` sequence can recolour,
//! move the cursor or retitle a window; a `CR` can overwrite the line).
//!
//! Control characters are replaced by what `cat -v`, ruff and rustc show
//! instead: the Unicode control pictures (`␛` for ESC, `␡` for DEL), or
//! `<U+009B>` for those without one. Tabs and line feeds stay; so does a
//! carriage return that ends a line.

use std::borrow::Cow;
use std::sync::Arc;

use crate::source::Span;
use crate::source::yaml::is_printable;

/// What `c` is shown as, when it cannot be shown as itself.
fn picture(c: char) -> Option<Cow<'static, str>> {
    let code = u32::from(c);
    match c {
        '\t' | '\n' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + code).map(|p| Cow::Owned(p.to_string())),
        '\u{7f}' => Some(Cow::Borrowed("\u{2421}")),
        _ if !is_printable(c) => Some(Cow::Owned(format!("<U+{code:04X}>"))),
        _ => None,
    }
}

/// Whether `text` needs any replacement (a fast byte check first: every
/// character concerned starts with a byte below 0x20, 0x7f, 0xc2 or 0xef).
fn needs_pictures(text: &str) -> bool {
    // A carriage return is replaced too (it can overwrite the line): 0x20 allows nothing more.
    crate::source::yaml::maybe_unprintable(text.as_bytes(), b' ') && text.chars().any(|c| picture(c).is_some())
}

/// `text` with every control character replaced by its picture.
#[must_use]
pub fn text(text: &str) -> Cow<'_, str> {
    if !needs_pictures(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match picture(c) {
            Some(p) => out.push_str(&p),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A file's text made safe to quote, with the spans into the original text
/// moved to the same characters in the new one.
#[derive(Debug, Clone)]
pub struct Source {
    /// The text to show.
    pub text: Arc<str>,
    /// For each replaced character: its offset in the original text, and how
    /// many bytes longer the picture is than the character.
    shifts: Vec<(usize, usize)>,
}

impl Source {
    /// The text of a file to quote. A carriage return before a line feed is
    /// a line ending, and stays.
    #[must_use]
    pub fn new(original: &Arc<str>) -> Self {
        if !needs_pictures(original) {
            return Self { text: Arc::clone(original), shifts: Vec::new() };
        }
        let mut out = String::with_capacity(original.len() + 16);
        let mut shifts = Vec::new();
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let line_end = c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n');
            match picture(c).filter(|_| !line_end) {
                Some(p) => {
                    shifts.push((at, p.len() - c.len_utf8()));
                    out.push_str(&p);
                }
                None => out.push(c),
            }
        }
        Self { text: out.into(), shifts }
    }

    /// Where byte `offset` of the original text is in the shown one.
    #[must_use]
    pub fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|(at, _)| *at < offset);
        offset + self.shifts[..before].iter().map(|(_, extra)| extra).sum::<usize>()
    }

    /// `span` of the original text, in the shown one.
    #[must_use]
    pub fn span(&self, span: Span) -> Span {
        Span::new(self.offset(span.start), self.offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures() {
        assert_eq!(text("a\u{1b}[31mb\u{7f}\u{9b}c\td\ne\r"), "a␛[31mb␡<U+009B>c\td\ne␍");
        assert!(matches!(text("plain “text” é"), Cow::Borrowed(_)));
    }

    #[test]
    fn spans_follow_the_replacements() {
        let original: Arc<str> = "a: \"\u{1b}x\"\r\nb: \u{7}y\n".into();
        let shown = Source::new(&original);
        assert_eq!(&*shown.text, "a: \"␛x\"\r\nb: ␇y\n");
        let esc = original.find('\u{1b}').unwrap();
        let span = shown.span(Span::new(esc, esc + 1));
        assert_eq!(&shown.text[span.start..span.end], "␛");
        let y = original.find('y').unwrap();
        let span = shown.span(Span::new(y, y + 1));
        assert_eq!(&shown.text[span.start..span.end], "y");
    }
}
