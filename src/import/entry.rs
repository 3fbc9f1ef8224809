//! One entry of the list: tier labels, headline, year group, the free-source
//! flag, the annotation and its discussion sentence.
//!
//! `S **Headline** (Issuer, 2011). Free source at time of writing. Annotation…`

use crate::cell::Tier;
use std::sync::LazyLock;

use regex::Regex;

use super::discussion::{self, Request};
use super::{Entry, ImportDiagnostic, year};
use crate::markdown;

/// Tier labels at the start of a paragraph: `S `, `K `, `S G `.
static LABELS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[SKRG]\s+)+").expect("valid labels regex"));

/// The `more` label: the legend prints `more`, the seed `MORE`. "More" with a
/// capital is left alone because it opens ordinary sentences.
static MORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:MORE|more)(?:\s+|$)").expect("valid more regex"));

/// The separate free-source sentence, linked or not, bold or not.
static FREE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\**(?:\[\**(?:alternative\s+)?free\s+source\**\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)\)|(?:alternative\s+)?free\s+source)\**\s+at\s+(?:the\s+)?time\s+of\s+writing\**\.?\**\s*",
    )
    .expect("valid free-source regex")
});

/// An entry read from the page, with its discussion sentence still to resolve.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parsed {
    /// Where the entry starts on the page.
    pub line: usize,
    /// The entry, `discussion` still empty.
    pub entry: Entry,
    /// The discussion sentence taken out of the annotation, if any.
    pub discussion: Option<Request>,
}

/// Whether `text` opens an entry: tier labels before a headline, or `more`.
pub(crate) fn is_start(text: &str) -> bool {
    if MORE.is_match(text) {
        return true;
    }
    LABELS.find(text).is_some_and(|m| {
        let rest = &text[m.end()..];
        rest.starts_with("**") || rest.starts_with('[') || undelimited_year(rest).is_some()
    })
}

/// Whether a line inside a paragraph opens an entry: labels before a `**` or
/// linked headline, labels before a plain headline ending in its year group
/// (pages that put one entry on each line, with single line breaks), or
/// `MORE`. Lower-case `more` could be the wrapped middle of a sentence, so it
/// opens an entry only after a blank line.
pub(crate) fn opens_line(line: &str) -> bool {
    line.starts_with("MORE ") || (!MORE.is_match(line) && is_start(line))
}

/// Reads the entry paragraph `text` starting on page line `line`.
pub(crate) fn parse(line: usize, text: &str, notes: &mut Vec<ImportDiagnostic>) -> Parsed {
    let mut entry = Entry::default();
    if let Some(m) = MORE.find(text) {
        entry.tiers = vec![Tier::More];
        let (body, request) = discussion::extract(&text[m.end()..]);
        entry.text = non_empty(body);
        return Parsed { line, entry, discussion: request };
    }
    let labels = LABELS.find(text).map_or("", |m| m.as_str());
    entry.tiers = labels.split_whitespace().filter_map(Tier::parse).collect();
    let rest = &text[labels.len()..];
    let after = headline(rest, &mut entry, line, notes);
    let after = after.trim_start().trim_start_matches(['.', ',']).trim_start();
    let after = match FREE_SENTENCE.captures(after) {
        Some(caps) => {
            entry.free_source = Some(caps.name("url").map_or(String::new(), |u| u.as_str().trim().to_owned()));
            &after[caps.get(0).map_or(0, |m| m.end())..]
        }
        None => after,
    };
    let (body, request) = discussion::extract(after);
    entry.text = non_empty(body);
    Parsed { line, entry, discussion: request }
}

/// Takes the headline and year group off `rest`, filling `entry`; returns what follows.
fn headline<'a>(rest: &'a str, entry: &mut Entry, line: usize, notes: &mut Vec<ImportDiagnostic>) -> &'a str {
    let delimited = if let Some(inner) = rest.strip_prefix("**") {
        inner.find("**").map(|end| (inner[..end].trim().to_owned(), None, &inner[end + 2..]))
    } else if rest.starts_with('[') {
        markdown::scan(rest).links.into_iter().find(|l| l.whole.start == 0).map(|l| {
            (
                rest[l.text.clone()].trim().to_owned(),
                Some(rest[l.target.clone()].trim().to_owned()),
                &rest[l.whole.end..],
            )
        })
    } else {
        None
    };
    if let Some((title, url, after)) = delimited {
        entry.title = non_empty(title);
        entry.url = url;
        // The year group must follow the headline directly; a later year
        // belongs to the annotation (an `[APA book](…) (2006)`).
        let trimmed = after.trim_start();
        if let Some((inner, end)) = parenthesis(trimmed, 0)
            && let Some(group) = year::parse(inner)
        {
            apply(entry, group, line, notes);
            return &trimmed[end..];
        }
        notes.push(ImportDiagnostic::new(line, "entry has no year group after its headline; `year` left out"));
        return after;
    }
    match undelimited_year(rest) {
        Some((open, inner, end)) => {
            entry.title = non_empty(rest[..open].trim().to_owned());
            if let Some(group) = year::parse(inner) {
                apply(entry, group, line, notes);
            }
            &rest[end..]
        }
        None => {
            notes.push(ImportDiagnostic::new(
                line,
                "could not find where the headline ends; the whole entry is kept as its text",
            ));
            rest
        }
    }
}

fn apply(entry: &mut Entry, group: year::YearGroup, line: usize, notes: &mut Vec<ImportDiagnostic>) {
    entry.issuer = group.issuer;
    entry.years = group.years;
    entry.year_end = group.end;
    entry.edition = group.edition;
    if group.free {
        entry.free_source = Some(String::new());
    }
    for part in group.extra {
        notes.push(ImportDiagnostic::new(line, format!("could not place `{part}` from the year group")));
    }
}

/// For a headline without `**` or a link: the first parenthesis holding a
/// year group and ending the headline (a full stop, the end, or the
/// capitalised first word of the annotation follows: some pages leave out the
/// full stop, `… suboptimal (1993) From Philadelphia …`). Earlier parentheses
/// (`practice makes (more) perfect`) are headline text.
fn undelimited_year(rest: &str) -> Option<(usize, &str, usize)> {
    let mut from = 0;
    while let Some(offset) = rest.get(from..)?.find('(') {
        let open = from + offset;
        let (inner, end) = parenthesis(rest, open)?;
        let follows = rest[end..].trim_start();
        let is_link_target = rest[..open].ends_with(']');
        let ends = follows.is_empty()
            || follows.starts_with('.')
            || follows.starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '‘' | '"'));
        if !is_link_target && ends && year::parse(inner).is_some() {
            return Some((open, inner, end));
        }
        from = open + 1;
    }
    None
}

/// The balanced parenthesis opening at byte `open` of `text`: its inside and
/// the byte after its `)`.
fn parenthesis(text: &str, open: usize) -> Option<(&str, usize)> {
    if text.as_bytes().get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&text[open + 1..open + i], open + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> (Entry, Vec<ImportDiagnostic>) {
        let mut notes = Vec::new();
        let parsed = parse(3, text, &mut notes);
        (parsed.entry, notes)
    }

    #[test]
    fn labels_headline_year_and_free_source() {
        let (e, notes) = entry(
            "S G [Principles](https://x.org/p) (NIDA, 1999). [Free source](https://x.org/f) at time of writing. Founding statement.",
        );
        assert!(notes.is_empty());
        assert_eq!(e.tiers, vec![Tier::Seminal, Tier::Guidance]);
        assert_eq!(e.title.as_deref(), Some("Principles"));
        assert_eq!(e.url.as_deref(), Some("https://x.org/p"));
        assert_eq!(e.issuer.as_deref(), Some("NIDA"));
        assert_eq!(e.years, vec![1999]);
        assert_eq!(e.free_source.as_deref(), Some("https://x.org/f"));
        assert_eq!(e.text.as_deref(), Some("Founding statement."));
    }

    #[test]
    fn free_source_without_a_link_keeps_no_address() {
        let (e, _) =
            entry("R **Is low therapist empathy toxic?** (2012). **Free source** at the time of writing. “Is low…");
        assert_eq!(e.title.as_deref(), Some("Is low therapist empathy toxic?"));
        assert_eq!(e.free_source.as_deref(), Some(""));
        assert_eq!(e.text.as_deref(), Some("“Is low…"));
        let (e, _) = entry("R **T** (2012; free source at time of writing). Text.");
        assert_eq!((e.years.as_slice(), e.free_source.as_deref()), (&[2012][..], Some("")));
    }

    #[test]
    fn undelimited_headline_with_its_own_parentheses() {
        let (e, notes) = entry("K Practice makes (more) perfect: does £5 help? (1997 and 2000). Text (2006). More.");
        assert!(notes.is_empty());
        assert_eq!(e.title.as_deref(), Some("Practice makes (more) perfect: does £5 help?"));
        assert_eq!(e.years, vec![1997, 2000]);
        assert_eq!(e.text.as_deref(), Some("Text (2006). More."));
    }

    #[test]
    fn a_year_group_without_a_full_stop_ends_the_headline() {
        let (e, notes) = entry("S Counselling added to methadone pays (1993) From a trial in one city, more text.");
        assert!(notes.is_empty());
        assert_eq!(e.title.as_deref(), Some("Counselling added to methadone pays"));
        assert_eq!(e.years, vec![1993]);
        assert_eq!(e.text.as_deref(), Some("From a trial in one city, more text."));
    }

    #[test]
    fn a_later_year_is_not_taken_for_a_missing_year_group() {
        let (e, notes) = entry("G **Guide**. Based on an [APA book](#) (2006).");
        assert!(e.years.is_empty());
        assert_eq!(e.text.as_deref(), Some("Based on an [APA book](#) (2006)."));
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn more_entries_and_starts() {
        let (e, _) = entry("MORE [This search](#) retrieves all relevant analyses.");
        assert_eq!(e.tiers, vec![Tier::More]);
        assert_eq!(e.text.as_deref(), Some("[This search](#) retrieves all relevant analyses."));
        assert!(is_start("more [This search](#)"));
        assert!(is_start("K **T** (2008)."));
        assert!(is_start("R Title (2008). Text"));
        assert!(!is_start("More recent work (2008) shows"));
        assert!(!is_start("Relationships emerge partly from the patient"));
        assert!(!is_start("R and D (cost) matter"));
        assert!(opens_line("S G **T** (1999)."));
        assert!(opens_line("MORE [This search](#)"));
        assert!(!opens_line("more text follows (2001)."));
        assert!(opens_line("K Title (2008). Text"));
        assert!(opens_line("S Methadone minus counselling can be suboptimal (1993) From Philadelphia a trial"));
        assert!(!opens_line("S and K were close (in 1993) so it goes"));
    }
}
