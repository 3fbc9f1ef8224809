//! Text made safe to show: no report may pass a control character from a cell
//! to the terminal or the CI log reading it (an `ESC [` sequence can recolour,
//! move the cursor or retitle a window; a `CR` can overwrite the line).
//!
//! Control characters are replaced by what `cat -v`, ruff and rustc show
//! instead: the Unicode control pictures (`␛` for ESC, `␡` for DEL), or
//! `<U+009B>` for those without one. Tabs and line feeds stay; so does a
//! carriage return that ends a line.

use std::borrow::Cow;

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

/// A line of a file made safe to quote, one character for one, so that
/// columns stay where they were: control characters become their pictures,
/// anything else unprintable `�`.
#[must_use]
pub fn line(line: &str) -> Cow<'_, str> {
    if !needs_pictures(line) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(line.chars().map(|c| if picture(c).is_some() { single(c) } else { c }).collect())
}

/// The one-character picture of `c` (which [`picture`] replaces).
fn single(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or(char::REPLACEMENT_CHARACTER),
        '\u{7f}' => '\u{2421}',
        _ => char::REPLACEMENT_CHARACTER,
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
    fn quoted_lines_keep_one_character_for_one() {
        let shown = line("a: \"\u{1b}[31mx\u{9b}\"\r");
        assert_eq!(shown, "a: \"␛[31mx�\"␍");
        assert_eq!(shown.chars().count(), "a: \"\u{1b}[31mx\u{9b}\"\r".chars().count());
        assert!(matches!(line("plain “text”"), Cow::Borrowed(_)));
    }
}
