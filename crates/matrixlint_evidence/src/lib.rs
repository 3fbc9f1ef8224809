//! The evidence audit behind `matrixlint evidence`: whether the works a
//! cell cites were retracted, corrected, superseded, or opened or closed.
//!
//! [`collect`] reads each entry's identifiers (written, or read from its
//! links); the service modules (Crossref, PubMed, the PMC ID converter,
//! Unpaywall, the DOI handle API) turn answers into facts; [`status`] merges
//! the facts per entry; [`findings`] makes registry findings of them;
//! [`cache`] keeps answers in the link history; [`audit`] drives it all
//! through the link checker's client, politeness and guard. Nothing here
//! starts a runtime or prints.
//!
//! # The public API
//! Small on purpose: [`audit`], [`cache`], [`findings`], [`hover`],
//! [`service`] and [`status`] are what the binary, the language server and
//! the tests use; the parsers of each service's answers and the fetching
//! behind them are private.

#![warn(missing_docs)]

pub mod audit;
pub mod cache;
mod crossref;
mod fetch;
pub mod findings;
mod free;
pub mod hover;
mod idconv;
mod merge;
mod pubmed;
pub mod service;
pub mod status;
mod unpaywall;
mod versions;

/// The answers an audit fetched, to keep in the cache.
pub use fetch::Fetched;

// The engine's and the link audit's modules under the names this crate's files use.
use matrixlint_engine::{cell, diagnostic, identifiers, rules, source};
use matrixlint_links as links;

use std::sync::Arc;

use crate::cell::Cell;
use crate::source::{Node, SourceFile, Span};
use identifiers::{DoiProblem, FromUrl, check_doi, from_url};

/// Where an identifier came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The entry's own `doi:` or `pmid:` field.
    Field,
    /// Read from the entry's `url`.
    Url,
    /// Read from the entry's `free_source`.
    FreeSource,
    /// The PMC ID converter's answer for a PMCID read from a link.
    IdConv,
}

impl Source {
    /// Words for reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Field => "written on the entry",
            Self::Url => "read from url",
            Self::FreeSource => "read from free_source",
            Self::IdConv => "PMC ID converter",
        }
    }
}

/// One identifier, where it came from and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ident {
    /// The identifier (a DOI as registered, digits for a PMID, `PMC…`).
    pub value: String,
    /// Where it came from.
    pub source: Source,
    /// The field holding it (or the link it was read from).
    #[serde(skip)]
    pub span: Span,
}

/// A written value and its node's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The text.
    pub text: String,
    /// The node (quotes included).
    pub span: Span,
}

/// One entry of a cell with its identifiers.
#[derive(Debug, Clone)]
pub struct EvidenceEntry {
    /// The cell source.
    pub file: Arc<SourceFile>,
    /// The entry's position in `entries`.
    pub index: usize,
    /// The cell's `matrix` and `cell`, as written.
    pub cell: (Option<String>, Option<String>),
    /// Its title (empty when missing).
    pub title: String,
    /// The entry's first key, for findings about the whole entry.
    pub head: Span,
    /// Its (first) year and the year's node, when a number.
    pub year: Option<(i64, Span)>,
    /// Whether `year` is a list (a work published in parts: no fix rewrites it).
    pub year_list: bool,
    /// The `url`.
    pub url: Option<Written>,
    /// The `free_source`.
    pub free_source: Option<Written>,
    /// The `doi:` field as written (valid or not).
    pub doi_field: Option<Written>,
    /// The DOI used.
    pub doi: Option<Ident>,
    /// The PMID used.
    pub pmid: Option<Ident>,
    /// The PMCID read from a link.
    pub pmcid: Option<Ident>,
}

impl EvidenceEntry {
    /// Whether any identifier was found.
    #[must_use]
    pub fn identified(&self) -> bool {
        self.doi.is_some() || self.pmid.is_some() || self.pmcid.is_some()
    }

    /// `file:line` of the entry, for reports.
    #[must_use]
    pub fn place(&self) -> String {
        let at = self.file.line_col(self.head.start);
        format!("{}:{}", self.file.name, at.line)
    }

    /// Where a finding about the work goes: the identifier's own place.
    #[must_use]
    pub fn anchor(&self) -> Span {
        self.doi.as_ref().or(self.pmid.as_ref()).or(self.pmcid.as_ref()).map_or(self.head, |i| i.span)
    }
}

fn written(node: Option<&Node>) -> Option<Written> {
    let node = node?;
    let text = node.as_str().map(str::to_owned).or_else(|| node.as_int().map(|i| i.to_string()))?;
    Some(Written { text, span: node.span })
}

/// Every entry of `cells` (each file with its parsed root) with its identifiers.
/// A written field wins over one read from a link; `url` over `free_source`.
#[must_use]
pub fn collect<'a>(cells: impl IntoIterator<Item = (&'a Arc<SourceFile>, &'a Node)>) -> Vec<EvidenceEntry> {
    let mut out = Vec::new();
    for (file, root) in cells {
        let view = Cell::new(root);
        let cell = (view.matrix().map(str::to_owned), view.cell().map(str::to_owned));
        for entry in view.entries() {
            if entry.is_more() {
                continue;
            }
            let year = entry.get("year").and_then(|y| {
                let first = y.as_seq().and_then(<[Node]>::first).unwrap_or(y);
                first.as_int().map(|n| (n, first.span))
            });
            let mut e = EvidenceEntry {
                file: Arc::clone(file),
                index: entry.index,
                cell: cell.clone(),
                title: entry.str("title").unwrap_or("").to_owned(),
                head: entry.head_span(),
                year,
                year_list: entry.get("year").is_some_and(|y| y.as_seq().is_some()),
                url: written(entry.get("url")),
                free_source: written(entry.get("free_source")),
                doi_field: written(entry.get("doi")),
                doi: None,
                pmid: None,
                pmcid: None,
            };
            if let Some(w) = &e.doi_field {
                let value = match check_doi(&w.text) {
                    Ok(()) => Some(w.text.clone()),
                    Err(DoiProblem::Fixable { clean, .. }) => Some(clean),
                    Err(DoiProblem::Invalid) => None,
                };
                e.doi = value.map(|value| Ident { value, source: Source::Field, span: w.span });
            }
            if let Some(w) = written(entry.get("pmid")).filter(|w| is_pmid(&w.text)) {
                e.pmid = Some(Ident { value: w.text.trim().to_owned(), source: Source::Field, span: w.span });
            }
            for (link, source) in [(e.url.clone(), Source::Url), (e.free_source.clone(), Source::FreeSource)] {
                let Some(link) = link else { continue };
                let ident = |value: String| Some(Ident { value, source, span: link.span });
                match from_url(&link.text) {
                    Some(FromUrl::Doi(d)) if e.doi.is_none() => e.doi = ident(d),
                    Some(FromUrl::Pmid(p)) if e.pmid.is_none() => e.pmid = ident(p),
                    Some(FromUrl::Pmcid(p)) if e.pmcid.is_none() => e.pmcid = ident(p),
                    _ => {}
                }
            }
            out.push(e);
        }
    }
    out
}

/// A PubMed id: 1 to 9 digits.
#[must_use]
pub fn is_pmid(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_identifiers_win_and_links_fill_in() {
        let text = "matrix: drug\ncell: B2\nentries:\n  - tier: K\n    title: A\n    year: [2010, 2012]\n    doi: \"https://doi.org/10.1111/add.1\"\n    url: https://doi.org/10.9999/other\n    free_source: https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/\n  - tier: R\n    title: B\n    pmid: 22417132\n    url: https://findings.org.uk/x\n  - tier: G\n    title: C\n    url: https://findings.org.uk/y\n  - tier: more\n    text: x\n";
        let file = Arc::new(SourceFile::new("c.yaml", "c.yaml", text));
        let root = crate::source::yaml::load(text).unwrap();
        let entries = collect([(&file, &root)]);
        assert_eq!(entries.len(), 3, "the `more` entry is not a work");
        let a = &entries[0];
        assert_eq!(a.doi.as_ref().map(|d| (d.value.as_str(), d.source)), Some(("10.1111/add.1", Source::Field)));
        assert_eq!(a.pmcid.as_ref().map(|d| (d.value.as_str(), d.source)), Some(("PMC123", Source::FreeSource)));
        assert_eq!(a.year.map(|y| y.0), Some(2010));
        assert_eq!(&text[a.anchor().start..a.anchor().end], "\"https://doi.org/10.1111/add.1\"");
        let b = &entries[1];
        assert_eq!(b.pmid.as_ref().map(|d| (d.value.as_str(), d.source)), Some(("22417132", Source::Field)));
        assert!(!entries[2].identified());
    }
}
