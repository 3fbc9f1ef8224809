//! The Matrix Bite: "What is this cell about?", "Where should I start?",
//! "Highlighted study", "Issues to consider and discuss" with its ► issues.
//!
//! Page layout leaks into the text in two ways, both undone here: a page
//! break splits a paragraph in two (the first half ends mid-sentence), and
//! a pull quote repeats a nearby sentence as a short paragraph of its own
//! without a full stop. Pull quotes are kept, as `> …` paragraphs.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::page::{Kind, Para};
use super::{Bite, ImportDiagnostic, Issue};

/// The sections in page order: key, heading pattern.
static HEADINGS: LazyLock<[(&str, Regex); 4]> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(&format!(r"^\**\s*(?:{p})\**(?:\s+|$)")).expect("valid heading regex");
    [
        ("about", re(r"What is (?:this )?cell(?: [A-Z][0-9])? about\?")),
        ("start", re(r"Where should I start\?")),
        ("highlighted", re(r"Highlighted study")),
        ("issues", re(r"Issues to consider and discuss[.:]?")),
    ]
});

/// The longest paragraph (in words) taken for a pull quote.
const PULL_QUOTE_WORDS: usize = 40;

/// Whether `text` opens a bite section.
pub(crate) fn is_heading(text: &str) -> bool {
    heading(text).is_some()
}

fn heading(text: &str) -> Option<(&'static str, &str)> {
    HEADINGS.iter().find_map(|(key, re)| re.find(text).map(|m| (*key, text[m.end()..].trim())))
}

/// Where paragraphs currently go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Section(&'static str),
    Issues,
    Issue(usize),
}

/// Reads the bite from `paras` (starting at its first heading). Paragraphs
/// that belong to no section are reported in `notes`.
pub(crate) fn parse(paras: &[Para], notes: &mut Vec<ImportDiagnostic>) -> Bite {
    let mut sections: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut issues: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut slot: Option<Slot> = None;
    for p in paras {
        if p.kind == Kind::CloseBite {
            slot = None;
            continue;
        }
        if let Some((key, rest)) = heading(&p.text).filter(|(key, _)| !seen.contains(key)) {
            seen.insert(key);
            if key == "issues" {
                slot = Some(Slot::Issues);
                if !rest.is_empty() {
                    notes.push(ImportDiagnostic::unplaced(p.line, rest));
                }
            } else {
                slot = Some(Slot::Section(key));
                sections.push((key, Vec::new()));
                if !rest.is_empty() {
                    push(&mut sections, rest);
                }
            }
            continue;
        }
        match slot {
            Some(Slot::Issues | Slot::Issue(_)) if p.text.starts_with('►') => {
                let (title, rest) = issue_title(&p.text);
                issues.push((title, if rest.is_empty() { Vec::new() } else { vec![rest] }));
                slot = Some(Slot::Issue(issues.len() - 1));
            }
            Some(Slot::Section(_)) => push(&mut sections, &p.text),
            Some(Slot::Issue(i)) => {
                if let Some((_, texts)) = issues.get_mut(i) {
                    texts.push(p.text.clone());
                }
            }
            Some(Slot::Issues) | None => notes.push(ImportDiagnostic::unplaced(p.line, &p.text)),
        }
    }
    let mut bite = Bite::default();
    for (key, texts) in sections {
        let text = join(&texts);
        match key {
            "about" => bite.about = text,
            "start" => bite.start = text,
            _ => bite.highlighted = text,
        }
    }
    let mut ids: HashSet<String> = HashSet::new();
    for (title, texts) in issues {
        let base = slug(&title);
        let mut id = base.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        bite.issues.push(Issue { id, title, text: join(&texts).unwrap_or_default() });
    }
    bite
}

fn push(sections: &mut [(&'static str, Vec<String>)], text: &str) {
    if let Some((_, texts)) = sections.last_mut() {
        texts.push(text.to_owned());
    }
}

/// `► **Title** text…` (or an unmarked title ending at its `?`, `!` or `.`).
fn issue_title(text: &str) -> (String, String) {
    let rest = text.trim_start_matches('►').trim_start();
    if let Some(inner) = rest.strip_prefix("**")
        && let Some(end) = inner.find("**")
    {
        return (inner[..end].trim().to_owned(), inner[end + 2..].trim().to_owned());
    }
    let end = rest
        .char_indices()
        .find(|&(i, c)| matches!(c, '?' | '!' | '.') && rest[i + c.len_utf8()..].starts_with(' '))
        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
    (rest[..end].trim().to_owned(), rest[end..].trim().to_owned())
}

/// A section's paragraphs with page breaks mended and pull quotes marked,
/// joined with blank lines; `None` when there is no text.
pub(crate) fn join(paras: &[String]) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for (i, p) in paras.iter().enumerate() {
        let text = match pending.take() {
            Some(before) => format!("{before} {p}"),
            None => p.clone(),
        };
        let Some(next) = paras.get(i + 1) else {
            out.push(text);
            break;
        };
        if text.starts_with('>') || ends_sentence(&text) {
            out.push(text);
        } else if starts_lower(next) {
            pending = Some(text);
        } else if is_pull_quote(&text, out.last().map(String::as_str), next) {
            out.push(format!("> {text}"));
        } else if words(&text).len() > PULL_QUOTE_WORDS {
            pending = Some(text); // a page break before a capitalised word
        } else {
            out.push(text);
        }
    }
    let text = out.join("\n\n");
    (!text.trim().is_empty()).then_some(text)
}

fn plain(text: &str) -> String {
    crate::markdown::plain(text).0
}

fn ends_sentence(text: &str) -> bool {
    let plain = plain(text);
    let end = plain.trim_end().trim_end_matches(['”', '’', '"', '\'', ')', ']', '*', ' ']);
    end.ends_with(['.', '?', '!', '…', ':'])
}

fn starts_lower(text: &str) -> bool {
    let plain = plain(text);
    let start = plain.trim_start().trim_start_matches(['“', '‘', '"', '\'', '(', '[', '*', ' ']);
    start.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn words(text: &str) -> Vec<String> {
    plain(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A short paragraph most of whose words are in the paragraph before or after.
fn is_pull_quote(text: &str, before: Option<&str>, after: &str) -> bool {
    let quote = words(text);
    if quote.is_empty() || quote.len() > PULL_QUOTE_WORDS {
        return false;
    }
    [before.unwrap_or(""), after].iter().any(|near| {
        let near: HashSet<String> = words(near).into_iter().collect();
        let shared = quote.iter().filter(|w| near.contains(*w)).count();
        shared * 10 >= quote.len() * 6
    })
}

/// A stable kebab-case id from an issue title: apostrophes vanish
/// ("You’re" → "youre"), accents fold, anything else separates words.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in crate::markdown::plain(title).0.chars() {
        if matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        match fold(c) {
            Some(s) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                out.push_str(&s);
                gap = false;
            }
            None => gap = true,
        }
    }
    if out.is_empty() { "issue".to_owned() } else { out }
}

/// `c` as lower-case ASCII letters or digits, if it is a (Latin) letter or digit.
fn fold(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase().to_string());
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    let s = match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        _ => return None,
    };
    Some(s.to_owned())
}

#[cfg(test)]
mod tests;
