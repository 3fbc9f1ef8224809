//! What a YAML syntax mistake is called, and what to do about it.

use std::fmt;

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
    /// `cell:B4`: a key's colon with the value right after it, so that
    /// YAML reads the whole as one word.
    NoSpaceAfterColon {
        /// The key.
        key: String,
        /// What follows the colon (on the line).
        value: String,
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
    /// A list item where the keys of a mapping go on.
    ItemAmongKeys,
    /// A character that belongs to nothing (a `]` closing no `[`, a `|` starting a line).
    Stray(char),
    /// Text after a `|` or `>` on the key's line.
    BlockHeader {
        /// The key whose value it is.
        key: String,
    },
    /// Text after the closing quote of a value.
    AfterQuote {
        /// The key whose value it is.
        key: String,
    },
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
            Self::NoSpaceAfterColon { key, .. } => {
                write!(f, "a space is missing after the colon of `{key}:`, so YAML reads the line as one word")
            }
            Self::TabIndent => f.write_str("a tab in the indentation"),
            Self::TabAfterColon { key } => write!(f, "a tab after `{key}:`"),
            Self::UnclosedQuote(q) => write!(f, "the quote `{q}` opened here is never closed"),
            Self::AfterQuote { key } => write!(f, "the value of `{key}` goes on after its closing quote"),
            Self::ItemAmongKeys => f.write_str("a list item `- ` where the keys of a mapping go on"),
            Self::Stray(c) => write!(f, "a stray `{c}`"),
            Self::BlockHeader { key } => write!(f, "text after the `|` or `>` of `{key}`, on its line"),
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
            Self::NoSpaceAfterColon { key, value } => format!("write a space after the colon: `{key}: {value}`"),
            Self::TabIndent => "indent with spaces: YAML does not allow tabs in indentation".to_owned(),
            Self::TabAfterColon { .. } => "write a space after the colon instead of the tab".to_owned(),
            Self::UnclosedQuote(q) => format!("end the value with `{q}` on the line where it ends"),
            Self::BlockHeader { .. } => {
                "start the text on the next line, indented; only `-`, `+` or a digit may follow `|` or `>`".to_owned()
            }
            Self::ItemAmongKeys => "remove the `- `, or indent the list under its key".to_owned(),
            Self::Stray(c) => format!("remove the `{c}`"),
            Self::AfterQuote { .. } => "remove the stray quote, or write a quote inside the value as `\\\"`".to_owned(),
            Self::UnclosedBracket(b) => {
                let close = if *b == '[' { ']' } else { '}' };
                format!("close it with `{close}` after the last item, or remove it")
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
pub(crate) fn char_name(c: char) -> String {
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
