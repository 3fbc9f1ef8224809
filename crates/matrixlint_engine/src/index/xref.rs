//! Recognising cross-references in prose: `cell A2`, `cells A3 and A4`,
//! `(cell A5)`, `cell C2 of the Alcohol Treatment Matrix`, `Alcohol Treatment
//! Matrix cell B5`, `row 2 of the matrix`, `in row 3`, `column D`, `levels A,
//! B and C`, ranges (`Rows 2–4`, `rows 1-3`, `cells A3–A5`, `rows 2 to 4`),
//! upper-case headings (`ROW 2`) and bare labels starting a paragraph (`C4.
//! Management: …`, `C4: …`).
//!
//! Recognition runs on the plain text (link markup and emphasis removed, see
//! [`crate::markdown::plain`]) so that `[cell C2](…) of the Alcohol Treatment
//! Matrix` reads as one phrase; ranges are mapped back to the field's value.
//! A reference needs a grid coordinate right after the word, so "cell
//! phones" and "a row of houses" are ordinary text.
//!
//! Each paragraph is scanned alone: a reference never runs across a
//! paragraph break ([`Breaks`] says what a break is in each scalar style).
//!
//! A range names every row, column or cell it spans. A range of cells spans
//! one column (`A3–A5`) or one row (`A1–E1`); a range across both (`A1–B3`)
//! is ambiguous (a rectangle? reading order?), so only its two written ends
//! are references. The items a range names without writing them are
//! [`XRef::implied`] and sit at the range's dash (or `to`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use saphyr_parser::ScalarStyle;

use crate::registry::Registry;
use crate::source::{Node, Scalar};

/// What a reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A cell id as written (`A2`, or an out-of-grid `F2`, `A6`).
    Cell(String),
    /// A row number as written.
    Row(String),
    /// A column letter as written.
    Column(String),
}

/// One coordinate mentioned in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XRef {
    /// What it points at.
    pub target: Target,
    /// The coordinate itself (`F2`) in the field's value; for an item a range
    /// names without writing it, the range's dash or `to`.
    pub range: Range<usize>,
    /// The whole phrase (`cells A3 and A4`), for context.
    pub phrase: Range<usize>,
    /// The matrix named before (`Alcohol Treatment Matrix cell B5`) or after
    /// (`… of the <name>`) the coordinates: the name as written and its range.
    pub matrix: Option<(String, Range<usize>)>,
    /// Named by a range without being written (`A4` in `cells A3–A5`).
    pub implied: bool,
    /// Part of a range, written or implied (`A3`, `A4`, `A5` in `cells A3–A5`).
    pub ranged: bool,
    /// Found after a word with other meanings (`level I evidence`): a
    /// reference only when the grid has the target, ordinary text otherwise.
    pub loose: bool,
    /// A bare label starting a paragraph (`C4. Management: …`): the words
    /// after it, which must begin its column's name unless the label ends
    /// with a colon (`None` then, and for every other form). The caller knows
    /// the column names; [`crate::rules::Context::xrefs`] applies the check.
    pub label: Option<Range<usize>>,
}

/// What ends a paragraph in a string's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// A blank line, as in Markdown: literal (`|`) blocks, whose single line
    /// breaks are the author's wrapping.
    BlankLine,
    /// Every line break: folded (`>`), plain and quoted scalars, where YAML
    /// folds the author's wrapping into spaces, so a line break left in the
    /// value was written as a blank line or an escape (`\n`).
    LineBreak,
}

impl Breaks {
    /// The breaks of a string written in `style`.
    #[must_use]
    pub fn of(style: ScalarStyle) -> Self {
        match style {
            ScalarStyle::Literal => Self::BlankLine,
            _ => Self::LineBreak,
        }
    }
}

/// A coordinate: a cell id, a row number or a column letter.
const COORD: &str = r"(?:[A-Z][0-9]{1,2}|[0-9]{1,2}|[A-Z])(?-u:\b)";
/// Between the two ends of a range: an unspaced dash (a spaced one is a
/// parenthetical dash in house style), or `to`.
const TO: &str = r"(?:[–-]|\s+to\s+)";
/// A matrix name, registered or not: a capitalised word, then up to four
/// capitalised words, numbers or words with digits, hyphens, apostrophes or
/// ampersands (`Bench 17`, `A&E`, `&`), ending in `Matrix` (or a misspelling
/// of it). A registered name of any form is also found by the registry
/// ([`scan_scalar_for`]); this pattern finds the unregistered ones to report.
const NAME: &str = r"[A-Z][\p{L}’'-]*\s+(?:(?:[A-Z0-9][\p{L}\p{N}’'&-]*|&)\s+){0,4}Matri[a-z]*(?-u:\b)";

/// What joins a list of coordinates to the matrix named after it.
static OF_THE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+(?:of|in)\s+the\s+").expect("valid of-the regex"));

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    let item = format!("{COORD}(?:{TO}{COORD})?");
    let sep = r"\s*(?:,|&|(?-u:\b)and(?-u:\b)|(?-u:\b)or(?-u:\b)|,\s*and(?-u:\b))\s*";
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<before>{NAME})\s+)?(?P<word>[Cc]ells?|CELLS?|[Rr]ows?|ROWS?|[Cc]olumns?|COLUMNS?|[Ll]evels?|LEVELS?)\s+(?P<list>{item}(?:{sep}{item})*)(?P<of>\s+(?:of|in)\s+the\s+(?P<after>{NAME}))?"
    ))
    .expect("valid reference regex")
});

/// One item of a list: a coordinate, or a range of two.
static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?P<a>{COORD})(?:(?P<to>{TO})(?P<b>{COORD}))?")).expect("valid item regex"));

/// A bare label starting a paragraph (after any `>`, `*`, `#` or list
/// marker): `C4:`, or `C4.` followed by words and a colon or semicolon.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s>*#-]*(?P<id>[A-Z][0-9]{1,2})(?:(?P<colon>:)|\.[ \t]+(?P<words>[A-Z][\p{L}/’'-]*(?:[ \t]+[\p{L}/’'-]+){0,3})[ \t]*[:;])")
        .expect("valid label regex")
});

/// A superset of [`REFERENCE`] and [`LABEL`] on text that still has its markup.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:cells?|rows?|columns?|levels?)[\s*\[\]]+[A-Z0-9]|^[\s>*#\[-]*[A-Z][0-9]{1,2}[.:*\]]")
        .expect("valid candidate regex")
});

/// Every cross-reference in a Markdown value (paragraphs end at blank lines).
#[must_use]
pub fn scan(text: &str) -> Vec<XRef> {
    scan_in(text, Breaks::BlankLine)
}

/// Every cross-reference in a string scalar, paragraphs as its style has them.
#[must_use]
pub fn scan_scalar(node: &Node) -> Vec<XRef> {
    match &node.value {
        Scalar::Str(text, style) => scan_in(text, Breaks::of(*style)),
        _ => Vec::new(),
    }
}

/// [`scan_scalar`], with `registry`'s names recognised before and after the
/// coordinates whatever they are made of (`cell A1 of the Bench 17 Treatment
/// Matrix`): what is registered is what matches.
#[must_use]
pub fn scan_scalar_for(node: &Node, registry: &Registry) -> Vec<XRef> {
    match &node.value {
        Scalar::Str(text, style) => scan_with(text, Breaks::of(*style), Some(registry)),
        _ => Vec::new(),
    }
}

/// Every cross-reference in `text`, each paragraph scanned alone.
#[must_use]
pub fn scan_in(text: &str, breaks: Breaks) -> Vec<XRef> {
    scan_with(text, breaks, None)
}

fn scan_with(text: &str, breaks: Breaks, registry: Option<&Registry>) -> Vec<XRef> {
    let mut out = Vec::new();
    for paragraph in paragraphs(text, breaks) {
        let part = &text[paragraph.clone()];
        // Cheap pre-check on the raw text: most paragraphs have no reference
        // at all, and stripping markup costs more than this search.
        if CANDIDATE.is_match(part) {
            scan_paragraph(part, paragraph.start, registry, &mut out);
        }
    }
    out
}

/// The byte ranges of `text`'s paragraphs, without the breaks between them.
fn paragraphs(text: &str, breaks: Breaks) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        match breaks {
            Breaks::LineBreak => out.push(at..at + line.trim_end_matches('\n').len()),
            Breaks::BlankLine if line.trim().is_empty() => {
                if start < at {
                    out.push(start..at.saturating_sub(1).max(start));
                }
                start = end;
            }
            Breaks::BlankLine => {}
        }
        at = end;
    }
    if breaks == Breaks::BlankLine && start < text.len() {
        out.push(start..text.len());
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Scans one paragraph at byte `offset` of its field.
fn scan_paragraph(text: &str, offset: usize, registry: Option<&Registry>, out: &mut Vec<XRef>) {
    let (plain, map) = crate::markdown::plain(text);
    let back = |r: Range<usize>| {
        let last = plain[..r.end].chars().next_back().map_or(1, char::len_utf8);
        offset + map[r.start]..offset + map[r.end - last] + last
    };
    if let Some(caps) = LABEL.captures(&plain) {
        let id = caps.name("id").expect("id is not optional");
        out.push(XRef {
            target: Target::Cell(id.as_str().to_owned()),
            range: back(id.range()),
            phrase: back(caps.get(0).expect("whole match").range()),
            matrix: None,
            implied: false,
            ranged: false,
            loose: false,
            label: caps.name("colon").is_none().then(|| caps.name("words").map(|w| back(w.range()))).flatten(),
        });
    }
    for caps in REFERENCE.captures_iter(&plain) {
        let word = caps["word"].to_ascii_lowercase();
        let kind = word.trim_end_matches('s');
        let list = caps.name("list").expect("list is not optional");
        // The name after the coordinates wins; a registered name over one
        // that only looks like a name (`Bench 17 Treatment Matrix`, not `Treatment Matrix`).
        let word_at = caps.name("word").expect("word is not optional").start();
        let after = registry.and_then(|r| registered_after(r, &plain, list.end()));
        let before = || registry.and_then(|r| registered_before(r, &plain, word_at));
        let matrix = after
            .or_else(|| caps.name("after").map(|m| m.range()))
            .or_else(before)
            .or_else(|| caps.name("before").map(|m| m.range()))
            .map(|name| (plain[name.clone()].split_whitespace().collect::<Vec<_>>().join(" "), back(name)));
        let phrase = back(caps.get(0).expect("whole match").range());
        let mut push = |target: Target, range: Range<usize>, implied: bool, ranged: bool| {
            out.push(XRef {
                target,
                range: back(range),
                phrase: phrase.clone(),
                matrix: matrix.clone(),
                implied,
                ranged,
                loose: kind == "level",
                label: None,
            });
        };
        for item in ITEM.captures_iter(list.as_str()) {
            let at = |m: regex::Match<'_>| list.start() + m.start()..list.start() + m.end();
            let a = item.name("a").expect("a is not optional");
            let Some(first) = target(kind, a.as_str()) else { continue };
            let last = item.name("to").zip(item.name("b")).and_then(|(to, b)| Some((to, b, target(kind, b.as_str())?)));
            push(first.clone(), at(a), false, last.is_some());
            let Some((to, b, last)) = last else { continue };
            let connector = at(to);
            let trimmed = connector.start + (to.len() - to.as_str().trim_start().len())
                ..connector.end - (to.len() - to.as_str().trim_end().len());
            for between in between(&first, &last) {
                push(between, trimmed.clone(), true, true);
            }
            push(last, at(b), false, true);
        }
    }
}

/// Where the longest registered matrix name stands in `plain` after the
/// list of coordinates ending at `list_end` (`… of the <name>`).
fn registered_after(registry: &Registry, plain: &str, list_end: usize) -> Option<Range<usize>> {
    let start = list_end + OF_THE.find(&plain[list_end..])?.end();
    registry.name_at_start(&plain[start..]).map(|(_, len)| start..start + len)
}

/// Where the longest registered matrix name stands in `plain` right before
/// the word starting at `word_at` (`<name> cell B5`).
fn registered_before(registry: &Registry, plain: &str, word_at: usize) -> Option<Range<usize>> {
    let before = &plain[..word_at];
    let trimmed = before.trim_end();
    (trimmed.len() < before.len()).then(|| registry.name_at_end(trimmed).map(|(_, start)| start..trimmed.len()))?
}

/// What coordinate `text` means after a word of `kind` (`cell`, `row`,
/// `column`, `level`); `None` when it is not that kind of coordinate
/// ("cell 5", "row B").
fn target(kind: &str, text: &str) -> Option<Target> {
    let is_digit = text.starts_with(|c: char| c.is_ascii_digit());
    let is_letter = text.len() == 1 && !is_digit;
    match (kind, is_digit, is_letter) {
        ("cell", false, false) => Some(Target::Cell(text.to_owned())),
        ("row", true, _) => Some(Target::Row(text.to_owned())),
        ("column" | "level", _, true) => Some(Target::Column(text.to_owned())),
        _ => None,
    }
}

/// Longest range expanded: a wider one is a typo the ends' findings show.
const MAX_SPAN: u32 = 26;

/// The targets strictly between two ends of a range, in written order.
fn between(first: &Target, last: &Target) -> Vec<Target> {
    let steps = |a: u32, b: u32| -> Vec<u32> {
        if a.abs_diff(b) > MAX_SPAN {
            Vec::new()
        } else if a <= b {
            (a + 1..b).collect()
        } else {
            (b + 1..a).rev().collect()
        }
    };
    let letter = |n: u32| char::from_u32(n).map(String::from).unwrap_or_default();
    let split = |id: &str| {
        let mut chars = id.chars();
        let column = u32::from(chars.next()?);
        Some((column, chars.as_str().parse::<u32>().ok()?))
    };
    match (first, last) {
        (Target::Row(a), Target::Row(b)) => match (a.parse(), b.parse()) {
            (Ok(a), Ok(b)) => steps(a, b).into_iter().map(|r| Target::Row(r.to_string())).collect(),
            _ => Vec::new(),
        },
        (Target::Column(a), Target::Column(b)) => match (a.chars().next(), b.chars().next()) {
            (Some(a), Some(b)) => steps(a.into(), b.into()).into_iter().map(|c| Target::Column(letter(c))).collect(),
            _ => Vec::new(),
        },
        (Target::Cell(a), Target::Cell(b)) => match (split(a), split(b)) {
            (Some((ca, ra)), Some((cb, rb))) if ca == cb => {
                steps(ra, rb).into_iter().map(|r| Target::Cell(format!("{}{r}", letter(ca)))).collect()
            }
            (Some((ca, ra)), Some((cb, rb))) if ra == rb => {
                steps(ca, cb).into_iter().map(|c| Target::Cell(format!("{}{ra}", letter(c)))).collect()
            }
            // Across rows and columns: only the written ends (see the module's notes).
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
