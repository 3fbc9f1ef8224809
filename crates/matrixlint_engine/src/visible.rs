//! Text made safe to show: no report may pass a control character or a line
//! break from a cell, a file name, the configuration or a server's answer to
//! the terminal or the CI log reading it. An `ESC [` sequence can recolour,
//! move the cursor or retitle a window; a `CR` can overwrite the line; a line
//! feed can start a new log line, and GitHub Actions runs any log line that
//! starts (after blanks) with `::` as a workflow command (`::error …`,
//! `::add-mask::`, `::stop-commands::`).
//!
//! So every text a report interpolates (a message, a help, a label, a fix's
//! title, a file name, a URL, a warning) goes through [`one_line`]: control
//! characters and line breaks are replaced by what `cat -v`, ruff and rustc
//! show instead, the Unicode control pictures (`␊` for LF, `␛` for ESC, `␡`
//! for DEL), or `<U+2028>` for those without one. Reports add their own
//! line breaks around escaped texts, never inside them. Quoted source lines
//! go through [`line()`], which keeps one character for one.

use std::borrow::Cow;

use crate::source::yaml::is_printable;

/// Whether `c` breaks a line somewhere: in a terminal, a log viewer or an editor.
fn breaks_line(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// What `c` is shown as, when it cannot be shown as itself.
fn picture(c: char) -> Option<Cow<'static, str>> {
    let code = u32::from(c);
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + code).map(|p| Cow::Owned(p.to_string())),
        '\u{7f}' => Some(Cow::Borrowed("\u{2421}")),
        _ if breaks_line(c) || !is_printable(c) => Some(Cow::Owned(format!("<U+{code:04X}>"))),
        _ => None,
    }
}

/// Whether `text` needs any replacement. A fast byte check first: every
/// character concerned starts with a byte below 0x20, 0x7f, 0xc2 (U+0080 to
/// U+00BF), 0xe2 (U+2028, U+2029) or 0xef (U+FFFE, U+FFFF).
fn needs_pictures(text: &str) -> bool {
    text.bytes().any(|b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef))
        && text.chars().any(|c| picture(c).is_some())
}

/// `text` on one line, with every control character and line break (tabs
/// too) replaced by its picture: what every report shows of a text it did
/// not write itself.
#[must_use]
pub fn one_line(text: &str) -> Cow<'_, str> {
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
/// anything else unprintable `�`. Tabs stay (the excerpt expands them), and
/// so does the line feed that ends the line.
#[must_use]
pub fn line(line: &str) -> Cow<'_, str> {
    let replaced = |c: char| c != '\t' && c != '\n' && picture(c).is_some();
    if !needs_pictures(line) || !line.chars().any(replaced) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(line.chars().map(|c| if replaced(c) { single(c) } else { c }).collect())
}

/// The one-character picture of `c` (which [`picture`] replaces).
fn single(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or(char::REPLACEMENT_CHARACTER),
        '\u{7f}' => '\u{2421}',
        _ => char::REPLACEMENT_CHARACTER,
    }
}

/// A JSON document with every character [`one_line`] would replace written
/// as a `\uXXXX` escape. serde_json escapes only those below U+0020; the
/// others (DEL, C1 controls, U+2028) can stand only inside strings, where
/// the escape means the same character, so texts that must stay exact (a
/// fix's new text) keep their meaning and still cannot reach a terminal raw.
#[must_use]
pub fn json_escaped(json: String) -> String {
    // Characters below U+0020 are serde_json's (escaped, or the line breaks
    // of pretty printing): only the others are looked for, the byte check
    // first, so that a document without any is not copied.
    let flagged = |c: char| c >= ' ' && picture(c).is_some();
    if !json.bytes().any(|b| matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef)) || !json.chars().any(flagged) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if flagged(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_line_breaks_become_pictures() {
        assert_eq!(one_line("a\u{1b}[31mb\u{7f}\u{9b}c\td\ne\r"), "a␛[31mb␡<U+009B>c␉d␊e␍");
        assert_eq!(one_line("x\u{85}y\u{2028}z\u{2029}"), "x<U+0085>y<U+2028>z<U+2029>");
        assert_eq!(one_line("key\n::error title=x::forged"), "key␊::error title=x::forged");
        assert!(matches!(one_line("plain “text” é – ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn quoted_lines_keep_one_character_for_one() {
        let shown = line("a: \"\u{1b}[31mx\u{9b}\"\r");
        assert_eq!(shown, "a: \"␛[31mx�\"␍");
        assert_eq!(shown.chars().count(), "a: \"\u{1b}[31mx\u{9b}\"\r".chars().count());
        assert!(matches!(line("plain “text”\tand tabs\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_without_anything_to_escape_is_returned_as_it_is() {
        let doc = serde_json::to_string_pretty(&serde_json::json!({"a": ["x\ty", "“b” – c"]})).unwrap();
        let before = doc.as_ptr();
        let same = json_escaped(doc.clone());
        assert_eq!(same, doc);
        let moved = json_escaped(doc);
        assert_eq!(moved.as_ptr(), before, "not copied");
    }

    #[test]
    fn json_keeps_exact_texts_as_escapes_only() {
        let doc = serde_json::to_string(&serde_json::json!({"content": "a\u{7f}\u{9b}\u{2028}\n“b”"})).unwrap();
        let escaped = json_escaped(doc);
        assert_eq!(escaped, r#"{"content":"a\u007f\u009b\u2028\n“b”"}"#);
        assert!(!escaped.chars().any(|c| picture(c).is_some()));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["content"], "a\u{7f}\u{9b}\u{2028}\n“b”");
    }
}
