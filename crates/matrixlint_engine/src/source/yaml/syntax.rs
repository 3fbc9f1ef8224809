//! YAML syntax errors in an editor's words, at the line of the mistake.
//!
//! The parser says where it stopped ("mapping values are not allowed in this
//! context"), which is often a line after the mistake. Here the common
//! mistakes of people editing cells by hand are recognised from the lines
//! around that place: a value holding `: `, a line indented unlike its
//! neighbours, a line of text indented too little (also one a stray line
//! break pushed to column 1), a key without its colon, a tab, a quote or
//! bracket never closed, text after a closing quote or a `|`/`>`, a stray
//! `]`, `|` or `:`, a list item among keys. Anything else keeps the parser's
//! words. `tests/it/props.rs` throws random slips at a real cell to keep this
//! from panicking or pointing outside the file.

use super::Span;
use super::lines::{self, Kind, Line, Value};
use super::mistake::Mistake;

/// Explains a parser error at byte `at` (the parser's text `info`);
/// `open_flow` is where the innermost `[` or `{` still open was written.
pub(super) fn diagnose(text: &str, at: usize, info: &str, open_flow: Option<usize>) -> (Mistake, Span) {
    if info.contains("recursion limit") {
        return (Mistake::Other(info.to_owned()), Span::point(at));
    }
    let lines = lines::lines(text);
    let here = Place { text, lines: &lines, at, info };
    here.tab()
        .or_else(|| here.quote())
        .or_else(|| open_flow.or_else(|| here.flow_opened()).and_then(|p| here.bracket(p)))
        .or_else(|| here.stray())
        .or_else(|| here.after_quote())
        .or_else(|| here.block_header())
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
        // A tab in indentation is always wrong; the parser may stop at the end
        // of the line before it, or on the line after (`- \tier: K` reads as
        // a key further right).
        let from = self.structure_before(i).unwrap_or(i).min(i.saturating_sub(1));
        for j in (from..=i + 1).rev() {
            let Some(line) = self.lines.get(j).filter(|l| l.kind != Kind::Comment) else { continue };
            // A blank line holding a tab ends a block scalar too.
            let indentation = if line.kind == Kind::Blank { line.text } else { &line.text[..line.col] };
            if let Some(t) = indentation.find('\t') {
                return Some((Mistake::TabIndent, Span::new(line.start + t, line.start + t + 1)));
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

    /// Where a `[` or `{` still open was written, read from the text when the
    /// parser stopped before it saw the collection start.
    fn flow_opened(&self) -> Option<usize> {
        let i = self.line();
        (0..=i).rev().take(20).find_map(|j| {
            let line = self.lines[j];
            let content = &self.text[line.content()];
            let at = line.key.map_or(line.col, |k| {
                let rest = &line.text[k.colon + 1..];
                k.colon + 1 + (rest.len() - rest.trim_start().len())
            });
            let opened = line.text.get(at..).and_then(|r| r.chars().next()).filter(|c| *c == '[' || *c == '{')?;
            let close = if opened == '[' { ']' } else { '}' };
            let open = line.start + at;
            (!content.contains(close) && !self.text[open..self.at.max(open)].contains(close)).then_some(open)
        })
    }

    fn bracket(&self, open: usize) -> Found {
        let b = self.text[open..].chars().next().filter(|c| *c == '[' || *c == '{')?;
        let line = lines::line_of(self.lines, open);
        let later = line < self.line() || self.text[self.at..].trim().is_empty();
        // A bracket starting a line of block structure is a slip of the hand.
        let stray = self.lines[line].content().start == open && !self.lines[line].item;
        (later || stray).then(|| (Mistake::UnclosedBracket(b), Span::new(open, open + 1)))
    }

    /// "mapping values are not allowed": a `: ` where no key may start.
    fn colon(&self) -> Found {
        if !self.info.starts_with("mapping values are not allowed") {
            return None;
        }
        let i = self.line();
        let line = self.lines[i];
        let Some(key) = line.key else {
            // A line of text holding `: `, in a value begun above.
            let owner = self.lines[self.structure_before(i)?].key?;
            let mistake = Mistake::ColonInValue { key: owner.name.to_owned(), quoted: None };
            return Some((mistake, span(line.content())));
        };
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
        let Some(owner_key) = owner.key else {
            // `- tier K`: an item whose first word lost its colon.
            return missing_colon(&owner).filter(|_| owner.item && o + 1 == i);
        };
        if !is_identifier(key.name) {
            let mistake = Mistake::ColonInValue { key: owner_key.name.to_owned(), quoted: None };
            return Some((mistake, span(line.content())));
        }
        if owner.col == line.col {
            return None; // in line with the key above: the mistake is elsewhere
        }
        if let Some(found) = self.odd_one_out(i) {
            return Some(found);
        }
        let what = format!("`{}:`", key.name);
        Some((Mistake::Indentation { what, found: line.col + 1, expected: owner.col + 1 }, key_span(&line)))
    }

    /// A key left of the keys above and below it, which agree with each other
    /// (`year:` moved to column 1): the parser stops on the line after it.
    fn odd_one_out(&self, i: usize) -> Found {
        let line = self.lines[i];
        let o = self.structure_before(i)?;
        let owner = self.lines[o];
        let key = owner.key.filter(|k| k.value == Value::Scalar && !owner.item)?;
        let before = self.lines[self.structure_before(o)?];
        (before.col == line.col && owner.col < line.col).then(|| {
            let what = format!("`{}:`", key.name);
            (Mistake::Indentation { what, found: owner.col + 1, expected: line.col + 1 }, key_span(&owner))
        })
    }

    /// Other errors: the last line written at or before the parser's stop.
    fn layout(&self) -> Found {
        let i = (0..=self.line()).rev().find(|&j| self.lines.get(j).is_some_and(Line::is_written))?;
        // The parser often reads on past a stray line of text (one that ended a
        // block too early) to the next key: the first text line after the key
        // above is the suspect.
        let structure = self.lines[i].kind == Kind::Structure;
        let above = self.structure_before(i).map_or(0, |s| s + 1);
        let stray = (above..if structure { i } else { i + 1 }).find(|&j| self.lines[j].kind == Kind::Text);
        match stray {
            Some(j) => self.prose_line(j).or_else(|| if structure { self.misplaced(i) } else { None }),
            None if structure => self.misplaced(i),
            None => self.prose_line(i),
        }
    }

    /// A `]` or `}` closing nothing, a `|` or `>` where a key or item belongs.
    fn stray(&self) -> Found {
        let c = self.text[self.at..].chars().next()?;
        let line = self.lines[self.line()];
        // `: ` starting a line (YAML's explicit value, which cells never use).
        let i = self.line();
        let explicit = (self.structure_before(i).unwrap_or(0)..=i).map(|j| self.lines[j]).find(|l| {
            matches!(l.kind, Kind::Structure | Kind::Text)
                && matches!(&l.text.as_bytes()[l.col..], [b':'] | [b':', b' ' | b'\t', ..])
        });
        if let Some(l) = explicit {
            let at = l.start + l.col;
            return Some((Mistake::Stray(':'), Span::new(at, at + 1)));
        }
        let stray = match self.info {
            "misplaced bracket" => matches!(c, ']' | '}'),
            i if i.starts_with("while scanning a block scalar, did not find expected comment") => {
                line.key.is_none() && self.text[line.content()].starts_with(['|', '>'])
            }
            _ => false,
        };
        let at = if stray && matches!(c, ']' | '}') { self.at } else { line.content().start };
        let c = self.text[at..].chars().next()?;
        stray.then(|| (Mistake::Stray(c), Span::new(at, at + c.len_utf8())))
    }

    /// `text: >-'  From …`: the block's text begun on its key's line.
    fn block_header(&self) -> Found {
        if !self.info.starts_with("while scanning a block scalar, did not find expected comment or line break") {
            return None;
        }
        let line = self.lines[self.line()];
        let key = line.key.filter(|k| k.value == Value::Block)?;
        // From after the indicator (`>-`, `|+2`) to the end of the line.
        let after_colon = &line.text[key.colon + 1..];
        let indicator = key.colon + 1 + (after_colon.len() - after_colon.trim_start().len());
        let header = 1 + line.text[indicator + 1..].chars().take_while(|c| matches!(c, '-' | '+' | '0'..='9')).count();
        let start = line.start + indicator + header;
        let mistake = Mistake::BlockHeader { key: key.name.to_owned() };
        Some((mistake, Span::new(start, line.content().end.max(start))))
    }

    /// "invalid trailing content after double-quoted scalar": text after a closing quote.
    fn after_quote(&self) -> Found {
        if !self.info.starts_with("invalid trailing content") {
            return None;
        }
        let line = self.lines[self.line()];
        let key = line.key?;
        // The quote that closed may be this value's opening one, closing a
        // quote left open on a line above.
        let close = self.text[..self.at].rfind(['"', '\''])?;
        let q = self.text[close..].chars().next()?;
        let opened = self.text[..close].rfind(q).filter(|&o| lines::line_of(self.lines, o) < self.line());
        if let Some(open) = opened {
            return Some((Mistake::UnclosedQuote(q), Span::new(open, open + 1)));
        }
        let end = line.content().end.max(self.at);
        let mistake = Mistake::AfterQuote { key: key.name.to_owned() };
        Some((mistake, Span::new(close, end)))
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
                let first = self.lines[o + 1..i].iter().find(|l| l.kind == Kind::Content && l.is_content_line());
                // Without a first line yet, the block's text must start right of its key.
                let (expected, block) = first.map_or((owner.col + 2, false), |f| (f.indent + 1, true));
                let mistake = Mistake::ProseIndent { key: key.name.to_owned(), found, expected, block };
                (found < expected).then(|| (mistake, span(line.content())))
            }
            Value::Scalar if line.indent == owner.col && o + 1 == i => missing_colon(&line),
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
        if let Some(found) = self.odd_one_out(i) {
            return Some(found);
        }
        let line = self.lines[i];
        let column = if line.item { line.indent } else { line.col };
        // The columns open above: where keys (`key:`, and the first key after
        // a `- `) and items (`-`) may continue.
        let (mut keys, mut dashes) = (Vec::new(), Vec::new());
        let mut bound = usize::MAX;
        for above in self.lines[..i].iter().rev().filter(|l| l.kind == Kind::Structure) {
            if above.indent < bound {
                keys.push(above.col);
                if above.item {
                    dashes.push(above.indent)
                } else {
                    keys.push(above.indent)
                }
                bound = above.indent;
            }
        }
        // The first line under a `key:` or a bare `-` may go anywhere to its right.
        let parent = self.structure_before(i).map(|j| self.lines[j]);
        let first_child = parent.is_some_and(|p| p.key.map_or(p.item, |k| k.value == Value::Empty) && column > p.col);
        if line.item && keys.contains(&column) && !dashes.contains(&column) && self.info.contains("expected key") {
            let dash = line.start + line.indent;
            return Some((Mistake::ItemAmongKeys, Span::new(dash, dash + 1)));
        }
        let fits = if line.item { dashes.contains(&column) || keys.contains(&column) } else { keys.contains(&column) };
        if keys.is_empty() || fits || first_child {
            return None;
        }
        let open: Vec<usize> = if line.item { [keys, dashes].concat() } else { keys };
        // On a tie, the column of the nearest item (for an item) or key (for a key) above wins.
        let previous = if line.item {
            self.lines[..i].iter().rev().find(|l| l.item).map(|l| l.indent)
        } else {
            self.structure_before(i).map(|j| self.lines[j].col)
        };
        let distance = |c: &usize| (c.abs_diff(column), previous != Some(*c));
        let expected = *open.iter().min_by_key(|c| distance(c))?;
        if expected == column {
            return None;
        }
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

/// `year 2001`, `- tier K`, `title[ "…"`: a line starting with a key's name
/// but no colon after it.
fn missing_colon(line: &Line<'_>) -> Found {
    let body = line.text[line.col..].trim_end();
    let len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(body.len());
    let word = Some(&body[..len]).filter(|w| is_identifier(w) && body.len() > w.len())?;
    let at = line.start + line.col;
    // `cell:B4`: the colon is there, the space after it is not.
    if let Some(value) = body[len..].strip_prefix(':').filter(|v| !v.is_empty() && !v.starts_with([' ', '\t'])) {
        let mistake = Mistake::NoSpaceAfterColon { key: word.to_owned(), value: value.to_owned() };
        return Some((mistake, Span::new(at, at + len + 1)));
    }
    Some((Mistake::MissingColon { word: word.to_owned() }, Span::new(at, at + word.len())))
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
mod tests;
