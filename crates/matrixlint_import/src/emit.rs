//! The YAML writer: a cell laid out for people to edit, byte for byte the
//! same for the same cell.
//!
//! Written by hand rather than through a serializer so that the layout is
//! the one the corpus uses: the yaml-language-server comment on top, one
//! entry per block with a blank line between, prose in block scalars (`>-`
//! for one-line annotations, `|-` for paragraphs) and every other string
//! double-quoted. A string that a block scalar cannot carry exactly (leading
//! or trailing spaces, control characters, Unicode line separators) falls
//! back to a double-quoted scalar with escapes.

use std::fmt::Write as _;

use super::{Bite, Cell, Entry};

/// Where the schema is from `cells/<matrix>/<CELL>.yaml`, for a corpus that
/// keeps `schemas/` at its root.
pub const DEFAULT_SCHEMA: &str = "../../schemas/cell.schema.json";

/// The comment written after `free_source: ""`.
const NO_ADDRESS: &str = "# the page flags a free source but gives no address";

/// The cell as YAML text.
pub(crate) fn write(cell: &Cell, schema: &str) -> String {
    let mut out = String::new();
    let schema: String = schema.chars().filter(|c| !c.is_control()).collect();
    let _ = writeln!(out, "# yaml-language-server: $schema={schema}");
    let _ = writeln!(out, "matrix: {}", word(&cell.matrix));
    let _ = writeln!(out, "cell: {}", word(&cell.cell));
    if let Some(title) = &cell.title {
        let _ = writeln!(out, "title: {}", quoted(title));
    }
    if let Some(summary) = &cell.summary {
        prose(&mut out, 0, "summary", summary, false);
    }
    out.push_str("entries:\n");
    for (i, e) in cell.entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        entry(&mut out, e);
    }
    if let Some(b) = &cell.bite {
        out.push('\n');
        bite(&mut out, b);
    }
    out
}

fn entry(out: &mut String, e: &Entry) {
    let tier = match e.tiers.as_slice() {
        [one] => word(one.label()),
        many => format!("[{}]", many.iter().map(|t| word(t.label())).collect::<Vec<_>>().join(", ")),
    };
    let _ = writeln!(out, "  - tier: {tier}");
    if let Some(title) = &e.title {
        let _ = writeln!(out, "    title: {}", quoted(title));
    }
    if let Some(issuer) = &e.issuer {
        let _ = writeln!(out, "    issuer: {}", quoted(issuer));
    }
    match e.years.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "    year: {one}");
        }
        many => {
            let list: Vec<String> = many.iter().map(ToString::to_string).collect();
            let _ = writeln!(out, "    year: [{}]", list.join(", "));
        }
    }
    if let Some(end) = e.year_end {
        let _ = writeln!(out, "    year_end: {end}");
    }
    if let Some(edition) = &e.edition {
        let _ = writeln!(out, "    edition: {}", quoted(edition));
    }
    if let Some(url) = &e.url {
        let _ = writeln!(out, "    url: {}", quoted(url));
    }
    match e.free_source.as_deref() {
        Some("") => {
            let _ = writeln!(out, "    free_source: \"\"  {NO_ADDRESS}");
        }
        Some(free) => {
            let _ = writeln!(out, "    free_source: {}", quoted(free));
        }
        None => {}
    }
    if let Some(text) = &e.text {
        prose(out, 4, "text", text, true);
    }
    if !e.discussion.is_empty() {
        let ids: Vec<String> = e.discussion.iter().map(|d| word(d)).collect();
        let _ = writeln!(out, "    discussion: [{}]", ids.join(", "));
    }
}

fn bite(out: &mut String, b: &Bite) {
    out.push_str("bite:");
    if b.about.is_none() && b.start.is_none() && b.highlighted.is_none() && b.issues.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push('\n');
    for section in crate::cell::BiteSection::ALL {
        if let Some(text) = b.section(section) {
            prose(out, 2, section.key(), text, false);
        }
    }
    if b.issues.is_empty() {
        return;
    }
    out.push_str("  issues:\n");
    for issue in &b.issues {
        let _ = writeln!(out, "    - id: {}", word(&issue.id));
        let _ = writeln!(out, "      title: {}", quoted(&issue.title));
        prose(out, 6, "text", &issue.text, false);
    }
}

/// `key: text` at `indent`, as a block scalar when that carries `text`
/// exactly: folded (`>-`) for a one-line annotation when `fold`, so editors
/// may wrap it, literal (`|-`) for the paragraphs of the bite.
fn prose(out: &mut String, indent: usize, key: &str, text: &str, fold: bool) {
    let pad = " ".repeat(indent);
    if !block_safe(text) {
        let _ = writeln!(out, "{pad}{key}: {}", quoted(text));
        return;
    }
    let style = if fold && !text.contains('\n') { ">-" } else { "|-" };
    let _ = writeln!(out, "{pad}{key}: {style}");
    for line in text.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}  {line}");
        }
    }
}

/// Whether a `|-`/`>-` block scalar reads back as exactly `text`: no line
/// may start or end with white space (indentation and folding would eat
/// it), the text may not start or end with a line break (chomping), and
/// every character must be printable and not a line separator of its own.
fn block_safe(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('\n')
        && !text.ends_with('\n')
        && text.split('\n').all(|line| line.trim() == line)
        && text.chars().all(|c| c == '\n' || (!c.is_control() && !is_special(c)))
}

/// Characters YAML treats as line breaks, byte-order marks or non-printable
/// that `char::is_control` does not cover.
fn is_special(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// A double-quoted scalar with every character that needs it escaped.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_special(c) => {
                let code = u32::from(c);
                if code <= 0xff {
                    let _ = write!(out, "\\x{code:02X}");
                } else {
                    let _ = write!(out, "\\u{code:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id (tier, matrix, cell, discussion item) plain when it cannot be read
/// as anything but that string, quoted otherwise.
fn word(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '#'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain { text.to_owned() } else { quoted(text) }
}

#[cfg(test)]
mod tests;
