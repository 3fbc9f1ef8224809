//! Importing published cell pages (the site's text layout) as YAML cell sources.
//!
//! A page is read in order: the site's furniture is dropped; the heading line
//! gives `matrix`, `cell` and `title` (the current layout's `… cell A4 Matrix
//! cell logo` takes the next line as its subtitle); paragraphs or lines
//! opening with tier labels are entries (a paragraph that does not open one
//! continues the entry before it, reported unless it mends a page break);
//! the Matrix Bite follows under its fixed headings. Nothing is silently lost: text that fits nowhere
//! comes back as an [`ImportDiagnostic`] with its page line. Links keep their
//! targets as printed, `#` included; the importer never invents a URL.

mod bite;
mod discussion;
mod emit;
mod entry;
mod heading;
mod list;
mod matching;
mod page;
mod year;

use std::fmt;

use crate::cell::{BiteSection, Tier};
use crate::registry::Registry;

pub use bite::slug;
pub use emit::DEFAULT_SCHEMA;

/// Why a page could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No heading line (`Drug Treatment Matrix cell B2: …`) before the entries.
    #[error("no heading line like `Drug Treatment Matrix cell B2: …` found")]
    NoHeading,
    /// The heading names a matrix the registry does not know.
    #[error("line {line}: `{name}` is not a matrix in the registry")]
    UnknownMatrix {
        /// The name as printed.
        name: String,
        /// The heading's line.
        line: usize,
    },
    /// The heading names a cell outside the matrix's grid.
    #[error("line {line}: the {matrix} has no cell {cell}")]
    CellOutsideGrid {
        /// The matrix's full name.
        matrix: String,
        /// The cell id as printed.
        cell: String,
        /// The heading's line.
        line: usize,
    },
    /// A heading but no entry after it.
    #[error("line {line}: no entries (tier label and headline) follow the heading")]
    NoEntries {
        /// The heading's line.
        line: usize,
    },
    /// The YAML written did not load back: a bug in the writer.
    #[error("internal error: the YAML written for this page does not load back: {0}")]
    Emit(String),
}

/// Page text the importer could not place, or could place only partly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDiagnostic {
    /// The 1-based page line it starts on.
    pub line: usize,
    /// What happened to it.
    pub message: String,
}

impl ImportDiagnostic {
    fn new(line: usize, message: impl Into<String>) -> Self {
        Self { line, message: message.into() }
    }

    /// A paragraph that belongs nowhere, quoted (shortened) so it can be found.
    fn unplaced(line: usize, text: &str) -> Self {
        Self::new(line, format!("could not place this text: “{}”", list::shortened(text)))
    }
}

impl fmt::Display for ImportDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// How to write the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The `$schema` reference in the yaml-language-server comment.
    pub schema: String,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self { schema: DEFAULT_SCHEMA.to_owned() }
    }
}

/// A page imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The matrix id (`drug`).
    pub matrix: String,
    /// The cell id (`B2`).
    pub cell: String,
    /// The cell source.
    pub yaml: String,
    /// What could not be placed, in page order.
    pub diagnostics: Vec<ImportDiagnostic>,
}

/// One entry as it will be written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub tiers: Vec<Tier>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub years: Vec<i64>,
    /// The last year of a span (`1985–1990`).
    pub year_end: Option<i64>,
    /// `2nd ed.` from the year group.
    pub edition: Option<String>,
    pub url: Option<String>,
    /// `Some("")` when the page flags a free source without giving its address.
    pub free_source: Option<String>,
    pub text: Option<String>,
    pub discussion: Vec<String>,
}

/// One bite issue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Issue {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// The Matrix Bite.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Bite {
    pub about: Option<String>,
    pub start: Option<String>,
    pub highlighted: Option<String>,
    pub issues: Vec<Issue>,
}

impl Bite {
    /// The text of a fixed section, if the page had it.
    pub(crate) fn section(&self, section: BiteSection) -> Option<&String> {
        match section {
            BiteSection::About => self.about.as_ref(),
            BiteSection::Start => self.start.as_ref(),
            BiteSection::Highlighted => self.highlighted.as_ref(),
        }
    }
}

/// The whole cell as it will be written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Cell {
    pub matrix: String,
    pub cell: String,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub entries: Vec<Entry>,
    pub bite: Option<Bite>,
}

/// Imports `page` with the default options.
///
/// # Errors
/// When the page has no usable heading or no entries.
pub fn import_page(page: &str, registry: &Registry) -> Result<Imported, ImportError> {
    import_page_with(page, registry, &ImportOptions::default())
}

/// Imports `page`, writing the YAML as `options` say.
///
/// # Errors
/// When the page has no usable heading or no entries.
pub fn import_page_with(page: &str, registry: &Registry, options: &ImportOptions) -> Result<Imported, ImportError> {
    let paras = page::paragraphs(
        page,
        |line| entry::opens_line(line) || line.starts_with('►') || bite::is_heading(line),
        heading::lines_alone,
    );
    let mut notes = Vec::new();
    let found = find_heading(&paras, registry)?;
    let head = found.heading;
    let head_line = paras.get(found.at).map_or(1, |p| p.line);
    for (i, p) in paras.iter().enumerate().take(found.at) {
        if p.kind == page::Kind::Text && !found.consumed.contains(&i) {
            notes.push(ImportDiagnostic::unplaced(p.line, &p.text));
        }
    }
    let rest = paras.get(found.body..).unwrap_or_default();
    let bite_at =
        rest.iter().position(|p| p.kind == page::Kind::Text && bite::is_heading(&p.text)).unwrap_or(rest.len());
    let (list, bite_paras) = rest.split_at(bite_at);
    let (summary, parsed) = list::read(list, &mut notes);
    if parsed.is_empty() {
        return Err(ImportError::NoEntries { line: head_line });
    }
    let bite = (!bite_paras.is_empty()).then(|| bite::parse(bite_paras, &mut notes));
    let sections = bite.as_ref().map(sections).unwrap_or_default();
    let index = matching::Index::new(&sections);
    let cx =
        discussion::Context { registry, matrix: &head.matrix, cell: &head.cell, sections: &sections, index: &index };
    let entries = parsed.into_iter().map(|p| with_discussion(p, &cx, &mut notes)).collect();
    notes.sort_by_key(|n| n.line);
    let cell = Cell { matrix: head.matrix, cell: head.cell, title: head.title, summary, entries, bite };
    let yaml = emit::write(&cell, &options.schema);
    crate::source::yaml::load(&yaml)
        .map_err(|errors| ImportError::Emit(errors.first().map_or_else(String::new, |e| e.kind.to_string())))?;
    Ok(Imported { matrix: cell.matrix, cell: cell.cell, yaml, diagnostics: notes })
}

/// The entry with its discussion sentence turned into `discussion` ids, or
/// kept in its text (and reported) when no heading can be found.
fn with_discussion(p: entry::Parsed, cx: &discussion::Context<'_>, notes: &mut Vec<ImportDiagnostic>) -> Entry {
    let entry::Parsed { line, mut entry, discussion: request } = p;
    let Some(request) = request else { return entry };
    // The year counts with the headline: a bite names a study by it ("Published in 2000").
    let years: Vec<String> = entry.years.iter().map(ToString::to_string).collect();
    let query = matching::Query {
        headline: format!(
            "{} {} {}",
            entry.title.as_deref().unwrap_or(""),
            entry.issuer.as_deref().unwrap_or(""),
            years.join(" ")
        ),
        body: entry.text.clone().unwrap_or_default(),
    };
    entry.discussion = discussion::resolve(&request, &query, cx);
    if entry.discussion.is_empty() {
        // Kept in the text, so nothing is lost and the editor can link it by hand.
        let text = entry.text.take().unwrap_or_default();
        entry.text = Some(format!("{text} {}", request.sentence).trim().to_owned());
        notes.push(ImportDiagnostic::new(
            line,
            "could not tell which bite heading the discussion sentence means; it is kept in the text",
        ));
    }
    entry
}

/// Where the heading is and what it says.
struct Found {
    heading: heading::Heading,
    /// The heading paragraph the cell's text follows.
    at: usize,
    /// The first paragraph after the heading (and its subtitle line).
    body: usize,
    /// Paragraphs before `at` that were headings of the same cell (the page's
    /// title line above the sidebar): read, not unplaced.
    consumed: Vec<usize>,
}

/// The heading: the last paragraph before any entry that reads as one (the
/// current layout prints the page's title line above the sidebar and the
/// cell's own heading below it; the cell's text follows the last). A
/// "Matrix cell logo" heading takes its subtitle from the next paragraph.
fn find_heading(paras: &[page::Para], registry: &Registry) -> Result<Found, ImportError> {
    let mut found: Option<Found> = None;
    for (i, p) in paras.iter().enumerate() {
        if p.kind != page::Kind::Text || entry::is_start(&p.text) {
            break;
        }
        let Some(parsed) = heading::parse(&p.text, p.line, registry) else { continue };
        let mut heading = match (parsed, &found) {
            (Ok(h), _) => h,
            // A later line that only looks like a heading does not undo a good one.
            (Err(_), Some(_)) => continue,
            (Err(e), None) => return Err(e),
        };
        let mut consumed = Vec::new();
        if let Some(before) = found.take() {
            if before.heading.matrix != heading.matrix || before.heading.cell != heading.cell {
                // Another cell's heading (a link in the sidebar): the earlier one is text.
                found = Some(before);
                continue;
            }
            heading.title = heading.title.or(before.heading.title);
            consumed = before.consumed;
            consumed.push(before.at);
        }
        let mut body = i + 1;
        if (heading.logo || heading.bare)
            && let Some(next) = paras.get(i + 1)
            && next.kind == page::Kind::Text
            && !entry::is_start(&next.text)
            && heading::parse(&next.text, next.line, registry).is_none()
            && (heading.logo || is_subtitle(&next.text))
        {
            // The logo form's subtitle wins over the title line's copy of it,
            // unless it is a shortened copy ("Organisational functioning" under
            // a title line that goes on "…: Generic and cross-cutting issues").
            let longer = heading.title.take().filter(|t| t.len() > next.text.len() && t.starts_with(&next.text));
            heading.title = Some(longer.unwrap_or_else(|| next.text.clone()));
            body = i + 2;
        }
        found = Some(Found { heading, at: i, body, consumed });
    }
    found.ok_or(ImportError::NoHeading)
}

/// A line shaped like a subtitle (`Treatment systems; Safeguarding the
/// community`): a few words, not a sentence.
fn is_subtitle(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words) && !text.trim_end().ends_with(['.', '?', '!'])
}

/// The bite's headings with their paragraphs, for matching discussion sentences.
fn sections(bite: &Bite) -> Vec<matching::Section> {
    let paragraphs = |text: &str| text.split("\n\n").map(str::to_owned).collect::<Vec<_>>();
    let mut out: Vec<matching::Section> = BiteSection::ALL
        .into_iter()
        .filter_map(|s| {
            let text = bite.section(s)?;
            Some(matching::Section { id: s.key().to_owned(), issue: false, paragraphs: paragraphs(text) })
        })
        .collect();
    out.extend(bite.issues.iter().map(|i| {
        let mut paras = vec![i.title.clone()];
        paras.extend(paragraphs(&i.text));
        matching::Section { id: i.id.clone(), issue: true, paragraphs: paras }
    }));
    out
}
