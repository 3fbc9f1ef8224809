//! YAML syntax errors in an editor's words, at the line of the mistake.
//!
//! The parser says where it stopped ("mapping values are not allowed in this
//! context"), which is often a line after the mistake. Here the common
//! mistakes of people editing cells by hand are recognised from the lines
//! around that place: a value holding `: `, a line indented unlike its
//! neighbours, a line of text indented too little, a tab, a quote or bracket
//! never closed. Anything else keeps the parser's words.

use std::fmt;

use super::Span;
use super::lines::{self, Kind, Line, Value};

/// A syntax mistake, as an editor would name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mistake {
    /// `title: Note: this` — an unquoted value holding `: `.
    ColonInValue {
        /// The key whose value it is.
        key: String,
        /// The line rewritten with the value quoted, when the value is on one line.
        quoted: Option<String>,
    },
    /// A key or list item at another column than the lines around it.
    Indentation {
        /// What is misplaced (`` `year:` ``).
        what: String,
        /// Its column (1-based).
        found: usize,
        /// The column of the lines around it.
        expected: usize,
    },
    /// A line of a multi-line value indented too little.
    ProseIndent {
        /// The key whose value the line continues.
        key: String,
        /// The line's column.
        found: usize,
        /// The least column the line needs.
        expected: usize,
        /// Whether the value is a `|` or `>` block.
        block: bool,
    },
    /// A word at the column of the keys, without the colon of a key.
    MissingColon {
        /// The word.
        word: String,
    },
    /// A tab in the indentation.
    TabIndent,
    /// A tab between a key's colon and its value.
    TabAfterColon {
        /// The key.
        key: String,
    },
    /// A quote that is never closed.
    UnclosedQuote(char),
    /// A `[` or `{` that is never closed.
    UnclosedBracket(char),
    /// A character outside YAML's printable set.
    ControlCharacter(char),
    /// Anything else: the parser's words.
    Other(String),
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ColonInValue { key, .. } => write!(f, "the value of `{key}` contains `: ` but is not in quotes"),
            Self::Indentation { what, found, expected } => {
                write!(f, "{what} is indented to column {found}, but the lines around it start at column {expected}")
            }
            Self::ProseIndent { key, found, expected, block: true } => write!(
                f,
                "this line of the `{key}` block starts at column {found}, left of the block's first line (column {expected})"
            ),
            Self::ProseIndent { key, found, .. } => {
                write!(f, "this line continues `{key}` but starts at column {found}, not to the right of `{key}:`")
            }
            Self::MissingColon { word } => write!(f, "`{word}` is where a key belongs, but has no `:` after it"),
            Self::TabIndent => f.write_str("a tab in the indentation"),
            Self::TabAfterColon { key } => write!(f, "a tab after `{key}:`"),
            Self::UnclosedQuote(q) => write!(f, "the quote `{q}` opened here is never closed"),
            Self::UnclosedBracket(b) => write!(f, "the `{b}` opened here is never closed"),
            Self::ControlCharacter(c) => write!(f, "control character {} is not allowed in YAML", char_name(*c)),
            Self::Other(info) => write!(f, "invalid YAML: {info}"),
        }
    }
}

impl Mistake {
    /// What to do about it.
    #[must_use]
    pub fn help(&self) -> String {
        match self {
            Self::ColonInValue { quoted: Some(line), .. } => format!("put the value in quotes: `{line}`"),
            Self::ColonInValue { key, quoted: None } => {
                format!("put the whole value of `{key}` in double quotes, or write it as a block under `{key}: >-`")
            }
            Self::Indentation { what, expected, .. } => {
                let spaces = expected - 1;
                format!(
                    "move {what} to column {expected} (indent it by {spaces} spaces), in line with the lines around it"
                )
            }
            Self::ProseIndent { expected, block: true, .. } => {
                format!("indent the line to column {expected}, like the first line of the block")
            }
            Self::ProseIndent { key, expected, .. } => {
                format!("indent the line to column {expected} or further, or put the value of `{key}` in quotes")
            }
            Self::MissingColon { word } => {
                format!(
                    "write `{word}: ` before the value if `{word}` is a key; if the line continues the text above, indent it further"
                )
            }
            Self::TabIndent => "indent with spaces: YAML does not allow tabs in indentation".to_owned(),
            Self::TabAfterColon { .. } => "write a space after the colon instead of the tab".to_owned(),
            Self::UnclosedQuote(q) => format!("end the value with `{q}` on the line where it ends"),
            Self::UnclosedBracket(b) => {
                let close = if *b == '[' { ']' } else { '}' };
                format!("close it with `{close}` after the last item")
            }
            Self::ControlCharacter(c) => {
                let escape = if u32::from(*c) <= 0xff {
                    format!("\\x{:02x}", u32::from(*c))
                } else {
                    format!("\\u{:04x}", u32::from(*c))
                };
                format!(
                    "delete it (most editors do not show it); if it is meant, write `{escape}` inside double quotes"
                )
            }
            Self::Other(_) => "check the quotes, brackets and indentation on this line and the line before".to_owned(),
        }
    }
}

/// `U+001B (ESC)`: a control character's code point and, where it has one, its abbreviation.
#[must_use]
pub fn char_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI", "DLE",
        "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let code = u32::from(c);
    let name = match code {
        0..=31 => Some(C0[code as usize]),
        0x7f => Some("DEL"),
        0x9b => Some("CSI"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{code:04X} ({name})"),
        None => format!("U+{code:04X}"),
    }
}

/// Explains a parser error at byte `at` (the parser's text `info`);
/// `open_flow` is where the innermost `[` or `{` still open was written.
pub(super) fn diagnose(text: &str, at: usize, info: &str, open_flow: Option<usize>) -> (Mistake, Span) {
    let lines = lines::lines(text);
    let here = Place { text, lines: &lines, at, info };
    here.tab()
        .or_else(|| here.quote())
        .or_else(|| open_flow.and_then(|p| here.bracket(p)))
        .or_else(|| here.colon())
        .or_else(|| here.layout())
        .unwrap_or_else(|| (Mistake::Other(info.to_owned()), Span::point(at)))
}

/// Where the parser stopped, with the lines around it.
struct Place<'a> {
    text: &'a str,
    lines: &'a [Line<'a>],
    at: usize,
    info: &'a str,
}

type Found = Option<(Mistake, Span)>;

impl Place<'_> {
    fn line(&self) -> usize {
        lines::line_of(self.lines, self.at)
    }

    /// The nearest written line before line `i` that starts with a key or `- `.
    fn structure_before(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.lines[j].kind == Kind::Structure)
    }

    fn tab(&self) -> Found {
        let i = self.line();
        if self.info.contains("tab") {
            // The parser may stop at the end of the line before the tab.
            for j in [i, i + 1, i.wrapping_sub(1)] {
                let Some(line) = self.lines.get(j).filter(|l| l.is_written()) else { continue };
                if let Some(t) = line.text[..line.col].find('\t') {
                    return Some((Mistake::TabIndent, Span::new(line.start + t, line.start + t + 1)));
                }
            }
        }
        let line = self.lines.get(i)?;
        let key = line.key?;
        let tab = line.start + key.colon + 1;
        (self.text.as_bytes().get(tab) == Some(&b'\t'))
            .then(|| (Mistake::TabAfterColon { key: key.name.to_owned() }, Span::new(tab, tab + 1)))
    }

    /// The parser reports a quoted scalar's trouble at its opening quote.
    fn quote(&self) -> Found {
        if !self.info.contains("quoted scalar") {
            return None;
        }
        let q = self.text[self.at..].chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let i = self.line();
        let owner = self.lines[i];
        let key = owner.key.map_or_else(String::new, |k| k.name.to_owned());
        let next = self.lines[i + 1..].iter().find(|l| l.is_written() && l.indent <= owner.col);
        match next {
            Some(line) if line.kind == Kind::Text => {
                let mistake =
                    Mistake::ProseIndent { key, found: line.indent + 1, expected: owner.col + 2, block: false };
                Some((mistake, span(line.content())))
            }
            _ => Some((Mistake::UnclosedQuote(q), Span::new(self.at, self.at + 1))),
        }
    }

    fn bracket(&self, open: usize) -> Found {
        let b = self.text[open..].chars().next().filter(|c| *c == '[' || *c == '{')?;
        let later = lines::line_of(self.lines, open) < self.line() || self.text[self.at..].trim().is_empty();
        later.then(|| (Mistake::UnclosedBracket(b), Span::new(open, open + 1)))
    }

    /// "mapping values are not allowed": a `: ` where no key may start.
    fn colon(&self) -> Found {
        if !self.info.starts_with("mapping values are not allowed") {
            return None;
        }
        let i = self.line();
        let line = self.lines[i];
        let key = line.key?;
        if line.start + key.colon != self.at {
            // A second `: ` on the line, in the value of its key.
            let value = Span::new(line.start + key.colon + 1, line.content().end);
            let written = self.text[value.start..value.end].trim();
            let single_line = self.lines.get(i + 1).is_none_or(|n| n.kind != Kind::Text || n.indent <= line.col);
            let quoted = single_line.then(|| format!("{}: {}", key.name, quote(written)));
            let value = Span::new(value.end - written.len(), value.end);
            return Some((Mistake::ColonInValue { key: key.name.to_owned(), quoted }, value));
        }
        // The line's own key sits in the value of the line above: one of them is indented wrongly.
        let o = self.structure_before(i)?;
        let owner = self.lines[o];
        let owner_key = owner.key?;
        if !is_identifier(key.name) {
            let mistake = Mistake::ColonInValue { key: owner_key.name.to_owned(), quoted: None };
            return Some((mistake, span(line.content())));
        }
        let before = self.structure_before(o).map(|j| self.lines[j]);
        if before.is_some_and(|b| b.col == line.col) && owner.col < line.col && owner_key.value == Value::Scalar {
            // The line above is the odd one out: its neighbours agree.
            let what = format!("`{}:`", owner_key.name);
            let mistake = Mistake::Indentation { what, found: owner.col + 1, expected: line.col + 1 };
            return Some((mistake, key_span(&owner)));
        }
        let what = format!("`{}:`", key.name);
        Some((Mistake::Indentation { what, found: line.col + 1, expected: owner.col + 1 }, key_span(&line)))
    }

    /// Other errors: the last line written at or before the parser's stop.
    fn layout(&self) -> Found {
        let i = (0..=self.line()).rev().find(|&j| self.lines.get(j).is_some_and(Line::is_written))?;
        let line = self.lines[i];
        match line.kind {
            Kind::Content | Kind::Text => self.prose_line(i),
            Kind::Structure => self.misplaced(i),
            Kind::Blank | Kind::Comment => None,
        }
    }

    /// A line of text (not a key) where the parser gave up.
    fn prose_line(&self, i: usize) -> Found {
        let line = self.lines[i];
        let o = self.structure_before(i)?;
        let owner = self.lines[o];
        let key = owner.key?;
        let found = line.indent + 1;
        match key.value {
            Value::Block => {
                let first = self.lines[o + 1..i].iter().find(|l| l.kind == Kind::Content && l.is_content_line())?;
                let expected = first.indent + 1;
                let mistake = Mistake::ProseIndent { key: key.name.to_owned(), found, expected, block: true };
                (found < expected).then(|| (mistake, span(line.content())))
            }
            Value::Scalar if line.indent == owner.col && o + 1 == i => {
                let body = &self.text[line.content()];
                let word = body.split_whitespace().next().filter(|w| is_identifier(w))?;
                let at = line.content().start;
                Some((Mistake::MissingColon { word: word.to_owned() }, Span::new(at, at + word.len())))
            }
            Value::Scalar => {
                let expected = owner.col + 2;
                let mistake = Mistake::ProseIndent { key: key.name.to_owned(), found, expected, block: false };
                (found < expected).then(|| (mistake, span(line.content())))
            }
            Value::Empty | Value::Flow => None,
        }
    }

    /// A key or item line at a column where nothing above is open.
    fn misplaced(&self, i: usize) -> Found {
        let line = self.lines[i];
        let column = if line.item { line.indent } else { line.col };
        let mut open: Vec<usize> = Vec::new();
        let mut bound = usize::MAX;
        for above in self.lines[..i].iter().rev().filter(|l| l.kind == Kind::Structure) {
            if above.indent < bound {
                open.extend([above.indent, above.col]);
                bound = above.indent;
            }
        }
        if open.is_empty() || open.contains(&column) {
            return None;
        }
        // On a tie, the column of the nearest item (for an item) or key (for a key) above wins.
        let previous = if line.item {
            self.lines[..i].iter().rev().find(|l| l.item).map(|l| l.indent)
        } else {
            self.structure_before(i).map(|j| self.lines[j].col)
        };
        let distance = |c: &usize| (c.abs_diff(column), previous != Some(*c));
        let expected = *open.iter().min_by_key(|c| distance(c))?;
        let what = match (line.item, line.key) {
            (false, Some(key)) => format!("`{}:`", key.name),
            (true, Some(key)) => format!("the list item `- {}:`", key.name),
            _ => "this list item".to_owned(),
        };
        Some((Mistake::Indentation { what, found: column + 1, expected: expected + 1 }, key_span(&line)))
    }
}

impl Line<'_> {
    /// Whether a block scalar line holds text (not only white space).
    fn is_content_line(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

fn span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

/// From the line's first character (its `-`, if any) to the end of its key.
fn key_span(line: &Line<'_>) -> Span {
    let start = line.start + line.indent;
    let end = line.key.map_or(line.start + line.col, |k| line.start + line.col + k.name.len());
    Span::new(start, end.max(start + 1).min(line.end()))
}

fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `value` as a double-quoted YAML scalar.
fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}

#[cfg(test)]
#[path = "yaml_syntax_tests.rs"]
mod tests;
