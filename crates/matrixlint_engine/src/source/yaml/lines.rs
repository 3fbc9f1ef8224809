//! A rough line-by-line reading of YAML text, for explaining syntax errors in
//! an editor's terms (which line is indented wrongly, which key owns a line
//! of text) and for the checks the parser leaves out (tabs as indentation,
//! control characters).
//!
//! It looks only at the start of each line, never decides what is valid (the
//! parser does that), and is only read for files that failed to load or
//! contain a tab or a control character.

/// What a line is, seen from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Nothing but white space.
    Blank,
    /// A comment alone on its line.
    Comment,
    /// A line inside a `|` or `>` block scalar.
    Content,
    /// A line starting with `key:` or `- `.
    Structure,
    /// Anything else: a line of a multi-line value, or a mistake.
    Text,
}

/// What follows a key's colon on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    /// Nothing (the value is on the lines below).
    Empty,
    /// `|` or `>`: a block scalar below.
    Block,
    /// `[` or `{`.
    Flow,
    /// A scalar on the same line.
    Scalar,
}

/// A `key:` at the start of a line (after any `- `).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key<'a> {
    /// The key as written (quotes included).
    pub name: &'a str,
    /// Byte offset of the colon in the line.
    pub colon: usize,
    /// What follows.
    pub value: Value,
}

/// One line of the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// Byte offset of the line in the text.
    pub start: usize,
    /// The line without its break.
    pub text: &'a str,
    /// Leading spaces.
    pub indent: usize,
    /// Byte offset (in the line) of the first thing after the leading `- `s.
    pub col: usize,
    /// Whether the line starts with `- `.
    pub item: bool,
    /// The key at `col`, if any.
    pub key: Option<Key<'a>>,
    /// What the line is.
    pub kind: Kind,
}

impl Line<'_> {
    /// Whether the line holds something the parser reads (not blank, not a comment).
    pub(super) fn is_written(&self) -> bool {
        !matches!(self.kind, Kind::Blank | Kind::Comment)
    }

    /// The byte offset of the line's end (before the break).
    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The line's text from its first non-blank character, without a trailing comment or blanks.
    pub(super) fn content(&self) -> std::ops::Range<usize> {
        let body = &self.text[self.indent..];
        let body = body.find(" #").map_or(body, |i| &body[..i]).trim_end();
        let lead = body.len() - body.trim_start().len();
        self.start + self.indent + lead..self.start + self.indent + body.len()
    }
}

/// Splits `text` into lines and classifies each, following block scalars.
pub(super) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = Vec::new();
    // The column a block scalar's owner starts at, while inside one.
    let mut block_owner: Option<usize> = None;
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line_text = raw.trim_end_matches(['\n', '\r']);
        let mut line = read(start, line_text);
        start += raw.len();
        if let Some(owner) = block_owner {
            if line.kind == Kind::Blank || line.indent > owner {
                line = Line { kind: Kind::Content, key: None, item: false, col: line.indent, ..line };
                out.push(line);
                continue;
            }
            block_owner = None;
        }
        if let Some(key) = line.key
            && key.value == Value::Block
        {
            block_owner = Some(line.col);
        }
        out.push(line);
    }
    out
}

fn read(start: usize, text: &str) -> Line<'_> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    let body = text[indent..].trim_start_matches([' ', '\t']);
    let mut line = Line { start, text, indent, col: indent, item: false, key: None, kind: Kind::Text };
    if body.is_empty() {
        line.kind = Kind::Blank;
        return line;
    }
    if body.starts_with('#') {
        line.kind = Kind::Comment;
        return line;
    }
    let mut col = text.len() - text.trim_start_matches([' ', '\t']).len();
    while text[col..].starts_with('-') && text[col + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\t') {
        line.item = true;
        col += 1;
        col += text[col..].len() - text[col..].trim_start_matches([' ', '\t']).len();
    }
    line.col = col;
    line.key = key_at(text, col);
    if line.item || line.key.is_some() {
        line.kind = Kind::Structure;
    }
    line
}

/// A simple key at `col`: `name:` followed by white space or the end of the line.
fn key_at(text: &str, col: usize) -> Option<Key<'_>> {
    let body = &text[col..];
    let first = body.chars().next()?;
    let name_end = if first == '"' || first == '\'' {
        1 + body[1..].find(first)? + 1
    } else if "[]{}#&*!|>%@`,".contains(first) {
        return None;
    } else {
        let mut end = None;
        for (i, c) in body.char_indices() {
            if c == ':' && body[i + 1..].chars().next().is_none_or(|n| n == ' ' || n == '\t') {
                end = Some(i);
                break;
            }
            if c == '#' && body[..i].ends_with([' ', '\t']) {
                return None;
            }
        }
        end?
    };
    let after_name = &body[name_end..];
    let colon = name_end + (after_name.len() - after_name.trim_start_matches(' ').len());
    if !body[colon..].starts_with(':') {
        return None;
    }
    let rest = &body[colon + 1..];
    let rest = rest.find(" #").map_or(rest, |i| &rest[..i]).trim();
    let name = body[..name_end].trim_end();
    // Keys here are words (`free_source`, `missing-cell`) or quoted: a "key"
    // with spaces in it is a sentence holding `: `.
    if !name.starts_with(['"', '\'']) && name.contains(char::is_whitespace) {
        return None;
    }
    let value = match rest.chars().next() {
        None => Value::Empty,
        Some('|' | '>') => Value::Block,
        Some('[' | '{') => Value::Flow,
        Some(_) => Value::Scalar,
    };
    Some(Key { name, colon: col + colon, value })
}

/// The index of the line holding byte `offset` (the last line past the end).
pub(super) fn line_of(lines: &[Line<'_>], offset: usize) -> usize {
    lines.partition_point(|l| l.start <= offset).saturating_sub(1)
}

/// The byte offset of each tab in the indentation of a line (before its
/// first character, also after `- `), in lines that are neither blank,
/// comments nor inside a block scalar. Tabs inside other scalars are the
/// caller's to skip.
pub(super) fn indentation_tabs(text: &str) -> Vec<usize> {
    if !text.contains('\t') {
        return Vec::new();
    }
    lines(text)
        .iter()
        .filter(|l| l.kind == Kind::Structure || l.kind == Kind::Text)
        .filter_map(|l| l.text[..l.col].find('\t').map(|i| l.start + i))
        .collect()
}

/// Whether `bytes` may hold a character outside YAML's printable set: a C0
/// control other than tab, line feed and `also_allowed`, DEL, or a lead byte
/// of a C1 control (0xC2) or of U+FFFE/U+FFFF (0xEF). Branch-free over
/// blocks, so that the usual text (none of these) costs a fraction of an
/// instruction per byte; a match means "look closer", not "found".
#[must_use]
pub(crate) fn maybe_unprintable(bytes: &[u8], also_allowed: u8) -> bool {
    bytes.chunks(512).any(|block| {
        block.iter().fold(false, |seen, &b| {
            let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != also_allowed);
            seen | control | (b == 0x7f) | (b == 0xc2) | (b == 0xef)
        })
    })
}

/// Whether YAML 1.2 allows `c` in a stream (its printable set: tab, line
/// breaks, and everything visible; no other C0 or C1 control, no DEL, no
/// U+FFFE or U+FFFF).
#[must_use]
pub(crate) fn is_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified_from_their_start() {
        let text = "a: 1\n  - b: >-\n      x: y\n\n    c: [1]\n# note\n  plain text\n";
        let kinds: Vec<(Kind, Option<&str>)> = lines(text).iter().map(|l| (l.kind, l.key.map(|k| k.name))).collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Structure, Some("a")),
                (Kind::Structure, Some("b")),
                (Kind::Content, None),
                (Kind::Content, None),
                (Kind::Structure, Some("c")),
                (Kind::Comment, None),
                (Kind::Text, None),
            ]
        );
        let item = lines(text)[1];
        assert_eq!((item.indent, item.col, item.item), (2, 4, true));
        assert_eq!(item.key.unwrap().value, Value::Block);
    }

    #[test]
    fn keys_need_a_colon_and_white_space() {
        assert_eq!(key_at("url: https://x.org", 0).unwrap().value, Value::Scalar);
        assert_eq!(key_at("\"a: b\": c", 0).unwrap().name, "\"a: b\"");
        assert!(key_at("https://x.org", 0).is_none());
        assert!(key_at("text # a: b", 0).is_none());
        assert_eq!(key_at("title: Note: this", 0).unwrap().colon, 5);
    }

    #[test]
    fn tabs_in_indentation_but_not_in_blocks_or_comments() {
        let text = "a:\n \t- b: 1\n  -\tc: 2\n\t# comment\nd: |\n  \tcode\ne: 1\t# tab before a comment\n";
        let tabs = indentation_tabs(text);
        assert_eq!(tabs, vec![text.find(" \t-").unwrap() + 1, text.find("-\tc").unwrap() + 1]);
    }

    #[test]
    fn printable_characters() {
        for c in ['\t', '\n', 'a', 'é', '’', '\u{85}', '😀'] {
            assert!(is_printable(c), "{c:?}");
        }
        for c in ['\0', '\x07', '\x1b', '\x7f', '\u{9b}', '\u{fffe}', '\u{ffff}'] {
            assert!(!is_printable(c), "{c:?}");
        }
    }
}
