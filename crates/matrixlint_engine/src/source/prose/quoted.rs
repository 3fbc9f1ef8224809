//! Decoding a quoted scalar as written, keeping for every character of the
//! value the source bytes it came from.
//!
//! This follows the scanner of `saphyr-parser` (itself libyaml's) step by
//! step: escapes (`\t`, `\x41`, `\u2019`, …), doubled single quotes, escaped
//! line breaks and line folding. `ValueMap` compares the result with the
//! parser's own value and falls back to alignment if they ever differ.

use std::ops::Range;

/// One character of the value and the source bytes (relative to the opening
/// quote) that produced it.
pub(super) type Piece = (char, Range<usize>);

/// The value of the quoted scalar `written` (from its opening quote to its
/// closing one), character by character; `None` when it is not one.
pub(super) fn decode(written: &str) -> Option<Vec<Piece>> {
    let single = match written.as_bytes().first()? {
        b'"' => false,
        b'\'' => true,
        _ => return None,
    };
    let at = |i: usize| written.get(i..).and_then(|rest| rest.chars().next());
    let mut out: Vec<Piece> = Vec::with_capacity(written.len());
    let mut i = 1;
    loop {
        let mut leading_blanks = false;
        // A run of characters other than white space.
        while let Some(c) = at(i) {
            if is_blank(c) || is_break(c) {
                break;
            }
            match c {
                '\'' if single && at(i + 1) == Some('\'') => {
                    out.push(('\'', i..i + 2));
                    i += 2;
                }
                '\'' if single => break,
                '"' if !single => break,
                '\\' if !single && at(i + 1).is_some_and(is_break) => {
                    i += 1 + break_len(written, i + 1);
                    leading_blanks = true;
                    break;
                }
                '\\' if !single => {
                    let (decoded, len) = escape(written, i)?;
                    out.push((decoded, i..i + len));
                    i += len;
                }
                _ => {
                    out.push((c, i..i + c.len_utf8()));
                    i += c.len_utf8();
                }
            }
        }
        match at(i)? {
            '\'' if single => return Some(out),
            '"' if !single => return Some(out),
            _ => {}
        }
        // White space and line breaks: kept between words, folded across lines.
        let mut whitespace: Vec<Piece> = Vec::new();
        let mut leading_break: Option<Range<usize>> = None;
        let mut trailing_breaks: Vec<Range<usize>> = Vec::new();
        while let Some(c) = at(i).filter(|&c| is_blank(c) || is_break(c)) {
            if is_blank(c) {
                if !leading_blanks {
                    whitespace.push((c, i..i + 1));
                }
                i += 1;
            } else {
                let len = break_len(written, i);
                if leading_blanks {
                    trailing_breaks.push(i..i + len);
                } else {
                    whitespace.clear();
                    leading_break = Some(i..i + len);
                    leading_blanks = true;
                }
                i += len;
            }
        }
        if !leading_blanks {
            out.extend(whitespace);
        } else if let (Some(first), true) = (leading_break, trailing_breaks.is_empty()) {
            out.push((' ', first));
        } else {
            out.extend(trailing_breaks.into_iter().map(|r| ('\n', r)));
        }
    }
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

fn break_len(text: &str, i: usize) -> usize {
    if text[i..].starts_with("\r\n") { 2 } else { 1 }
}

/// The character an escape sequence at `i` (its backslash) stands for, and its length.
fn escape(text: &str, i: usize) -> Option<(char, usize)> {
    let code = text.get(i + 1..)?.chars().next()?;
    let simple = match code {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\x0b',
        'f' => '\x0c',
        'r' => '\r',
        'e' => '\x1b',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => {
            let digits = match code {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = text.get(i + 2..i + 2 + digits)?;
            let value = u32::from_str_radix(hex, 16).ok()?;
            return Some((char::from_u32(value)?, 2 + digits));
        }
        _ => return None,
    };
    Some((simple, 1 + code.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::decode;

    fn value(written: &str) -> String {
        decode(written).unwrap().into_iter().map(|(c, _)| c).collect()
    }

    fn source_of(written: &str, decoded: char) -> &str {
        let (_, range) = decode(written).unwrap().into_iter().find(|(c, _)| *c == decoded).unwrap();
        &written[range]
    }

    #[test]
    fn escapes_map_to_their_whole_sequence() {
        let written = r#""a\x41\u2019\U0001F600\t\"\\\/\e""#;
        assert_eq!(value(written), "aA’😀\t\"\\/\x1b");
        assert_eq!(source_of(written, '’'), r"\u2019");
        assert_eq!(source_of(written, '😀'), r"\U0001F600");
        assert_eq!(source_of(written, '\x1b'), r"\e");
    }

    #[test]
    fn folding_and_escaped_line_breaks() {
        assert_eq!(value("\"one\n   two\""), "one two");
        assert_eq!(value("\"one  \n\n   two\""), "one\ntwo");
        assert_eq!(value("\"one \\\n   two\""), "one two");
        assert_eq!(value("\"one\\\n\n   two\""), "one\ntwo");
        assert_eq!(value("\"one\r\n two\""), "one two");
        assert_eq!(source_of("\"one\n   two\"", ' '), "\n");
    }

    #[test]
    fn single_quotes_double_to_escape() {
        assert_eq!(value("'it''s'"), "it's");
        assert_eq!(source_of("'it''s'", '\''), "''");
        assert_eq!(value("'a\\n'"), "a\\n");
    }

    #[test]
    fn not_a_quoted_scalar() {
        assert!(decode("plain").is_none());
        assert!(decode("\"unterminated").is_none());
        assert!(decode(r#""bad \q escape""#).is_none());
    }
}
