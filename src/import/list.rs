//! The entry list between the heading and the Matrix Bite: the summary,
//! the entries with their continuation paragraphs, and what is reported.

use super::{ImportDiagnostic, bite, entry, page};

/// The entry list: a summary before the first entry, entries with their
/// continuation paragraphs (page breaks, the lines after `more`), and
/// nothing after "Close Matrix Bite". A paragraph after a finished entry
/// that opens none is still added to it, but said so: it may be an entry
/// whose start was not recognised. Image captions between entries are dropped.
pub(crate) fn read(list: &[page::Para], notes: &mut Vec<ImportDiagnostic>) -> (Option<String>, Vec<entry::Parsed>) {
    let mut summary: Vec<String> = Vec::new();
    let mut groups: Vec<(usize, String)> = Vec::new();
    let mut closed = false;
    for (i, p) in list.iter().enumerate() {
        if p.kind == page::Kind::CloseBite {
            closed = true;
        } else if closed {
            notes.push(ImportDiagnostic::unplaced(p.line, &p.text));
        } else if entry::is_start(&p.text) {
            groups.push((p.line, p.text.clone()));
        } else if let Some((_, text)) = groups.last_mut() {
            let finished = ends_sentence(text) && !text.starts_with("MORE") && !text.starts_with("more");
            // Captions (one image may have two, the second cut short) stand
            // between a finished entry and the next entry or the end.
            let captions_only = list[i..]
                .iter()
                .take_while(|n| n.kind == page::Kind::Text && !entry::is_start(&n.text))
                .all(|n| is_caption(&n.text));
            if finished && captions_only {
                continue;
            }
            if finished {
                notes.push(ImportDiagnostic::new(
                    p.line,
                    format!(
                        "this paragraph opens no entry (a tier label and a headline with its year group); it was added to the entry above: “{}”",
                        shortened(&p.text)
                    ),
                ));
            }
            // An entry is one paragraph on the page; what follows it is a page
            // break or, after `more`, its second line.
            text.push(' ');
            text.push_str(&p.text);
        } else {
            summary.push(p.text.clone());
        }
    }
    let parsed = groups.iter().map(|(line, text)| entry::parse(*line, text, notes)).collect();
    (bite::join(&summary), parsed)
}

/// Whether an entry's text ends where a sentence does (else what follows
/// continues it across a page break).
fn ends_sentence(text: &str) -> bool {
    let plain = crate::markdown::plain(text).0;
    let end = plain.trim_end().trim_end_matches(['”', '’', '"', '\'', ')', ']', '*']);
    end.ends_with(['.', '?', '!', '…'])
}

/// An image caption: a few words, no sentence (`'Skid-row' alcoholic`,
/// `Clinic manager t…` where the caption was cut).
fn is_caption(text: &str) -> bool {
    let plain = crate::markdown::plain(text).0;
    let words = plain.split_whitespace().count();
    let trimmed = plain.trim_end();
    (1..=6).contains(&words) && (!trimmed.ends_with(['.', '?', '!', ':', ';']) || trimmed.ends_with('…'))
}

/// `text` cut to 60 characters, for quoting in a diagnostic.
pub(crate) fn shortened(text: &str) -> String {
    const SHOWN: usize = 60;
    let mut shown: String = text.chars().take(SHOWN).collect();
    if text.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    shown
}
