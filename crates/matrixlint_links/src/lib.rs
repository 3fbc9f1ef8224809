//! The dead-link audit behind `matrixlint links`.
//!
//! [`collect`] finds every external URL in the corpus with every place it is
//! used; [`client::Checker`] fetches each distinct URL once, politely;
//! [`history`] remembers earlier audits; [`audit`] puts the three together
//! into the [`audit::Audit`] the reports render. Nothing here starts a
//! runtime or prints: the `app` layer does both.
//!
//! # The public API
//! Small on purpose (lychee-lib's way): the modules below are what the
//! binary, the evidence audit, tests and benches use; the checker's
//! internals (batching, transport, politeness, the resolver's cache, DOI
//! and archive answers, body reads) are private, and the few of their
//! items others need are re-exported here.
//! - [`audit`]: one audit run and its results; [`classify`]: what an
//!   answer means; [`client`]: the polite checker; [`guard`]: which
//!   addresses may be fetched (and the resolver seam tests replace);
//!   [`history`]: earlier audits; [`plan`]: `--dry-run`; [`retry`]: the
//!   sleeper seam tests replace; [`soft404`]: pages that say "not found"
//!   with a 200.

#![warn(missing_docs)]

mod archive;
pub mod audit;
mod batch;
mod body;
pub mod classify;
pub mod client;
mod doi;
pub mod guard;
pub mod history;
pub mod plan;
mod politeness;
mod resolve;
pub mod retry;
pub mod soft404;
mod transport;

pub use archive::usable as usable_snapshot;
pub use body::BodyAnswer;
pub use doi::api_url as doi_api_url;
pub use resolve::NetCounts;

// The engine's and the workspace's modules under the names this crate's files use.
use matrixlint_engine::{cell, config, diagnostic, source, visible};
use matrixlint_workspace::files;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::cell::Cell;
use crate::source::prose::ValueMap;
use crate::source::{LineCol, Node, SourceFile, Span};
use matrixlint_engine::markdown;

/// Where in a cell a URL was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// An entry's `url`.
    Url,
    /// An entry's `free_source`.
    FreeSource,
    /// A Markdown link in a prose field.
    Prose,
}

impl Field {
    /// The name used in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Url => "url",
            Self::FreeSource => "free_source",
            Self::Prose => "prose link",
        }
    }
}

/// One use of a URL.
#[derive(Debug, Clone)]
pub struct Place {
    /// The file.
    pub file: Arc<SourceFile>,
    /// The URL as written (inside quotes or link markup).
    pub span: Span,
    /// The kind of field.
    pub field: Field,
}

impl Place {
    /// 1-based line and column of the start.
    #[must_use]
    pub fn start(&self) -> LineCol {
        self.file.line_col(self.span.start)
    }

    /// 1-based line and column of the end (exclusive).
    #[must_use]
    pub fn end(&self) -> LineCol {
        self.file.line_col(self.span.end)
    }
}

/// A distinct URL and every place it is used.
#[derive(Debug, Clone)]
pub struct Target {
    /// The URL as fetched: parsed, without its `#fragment`.
    pub url: String,
    /// Its uses, in file and position order.
    pub places: Vec<Place>,
}

/// The URL a written link fetches: absolute http(s), normalised (scheme and
/// host lowercase, default port dropped), without the fragment, which never
/// reaches the server. `None` for anything else (other rules report those).
#[must_use]
pub fn normalise(written: &str) -> Option<String> {
    let written = written.trim();
    if !markdown::is_absolute_http(written) {
        return None;
    }
    let mut url = reqwest::Url::parse(written).ok()?;
    url.set_fragment(None);
    Some(url.into())
}

/// Every external URL in `cells` (each file with its parsed root), deduplicated.
#[must_use]
pub fn collect<'a>(cells: impl IntoIterator<Item = (&'a Arc<SourceFile>, &'a Node)>) -> Vec<Target> {
    targets(cells.into_iter().map(|(file, root)| urls_in(file, root)))
}

/// The external URLs written in one cell (`file`, parsed as `root`), each
/// normalised, with its place; in the order written. A file's share of
/// [`collect`], for callers that read files in parallel.
#[must_use]
pub fn urls_in(file: &Arc<SourceFile>, root: &Node) -> Vec<(String, Place)> {
    let mut found = Vec::new();
    let mut add = |written: &str, span: Span, field: Field| {
        if let Some(url) = normalise(written) {
            found.push((url, Place { file: Arc::clone(file), span, field }));
        }
    };
    let cell = Cell::new(root);
    for entry in cell.entries() {
        for (key, field) in [("url", Field::Url), ("free_source", Field::FreeSource)] {
            let Some(node) = entry.get(key) else { continue };
            let Some(value) = node.as_str() else { continue };
            let trimmed = value.trim_start();
            let start = value.len() - trimmed.len();
            let span = ValueMap::new(&file.text, node.span, value).span(start..start + trimmed.trim_end().len());
            add(value, span, field);
        }
    }
    for prose in cell.prose() {
        if !prose.text.contains("](") {
            continue;
        }
        let map = ValueMap::new(&file.text, prose.node.span, prose.text);
        for link in markdown::scan(prose.text).links {
            let target = &prose.text[link.target.clone()];
            let lead = target.len() - target.trim_start().len();
            let range = link.target.start + lead..link.target.start + lead + target.trim().len();
            add(target, map.span(range), Field::Prose);
        }
    }
    found
}

/// The URLs [`urls_in`] found in each file, deduplicated: one target per
/// URL, sorted, with its places in file and position order.
#[must_use]
pub fn targets(found: impl IntoIterator<Item = Vec<(String, Place)>>) -> Vec<Target> {
    let mut by_url: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for (url, place) in found.into_iter().flatten() {
        by_url.entry(url).or_default().push(place);
    }
    by_url
        .into_iter()
        .map(|(url, mut places)| {
            places.sort_by(|a, b| (&a.file.name, a.span).cmp(&(&b.file.name, b.span)));
            Target { url, places }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(files: &[(&str, &str)]) -> Vec<Target> {
        let loaded: Vec<(Arc<SourceFile>, Node)> = files
            .iter()
            .map(|(name, text)| {
                (Arc::new(SourceFile::new(*name, *name, *text)), crate::source::yaml::load(text).unwrap())
            })
            .collect();
        collect(loaded.iter().map(|(f, n)| (f, n)))
    }

    #[test]
    fn every_url_once_with_every_place() {
        let a = "entries:\n  - url: \"https://x.org/a\"\n    free_source: https://free.org/p.pdf\n    text: >-\n      See [this](https://x.org/a#part) and\n      [that]( https://y.org/b ).\n";
        let b = "summary: \"[again](https://X.ORG:443/a)\"\nentries:\n  - url: \"#\"\n  - url: ftp://no.org/\n";
        let t = targets(&[("a.yaml", a), ("b.yaml", b)]);
        let urls: Vec<&str> = t.iter().map(|t| t.url.as_str()).collect();
        assert_eq!(urls, vec!["https://free.org/p.pdf", "https://x.org/a", "https://y.org/b"]);
        let x = &t[1];
        let shown: Vec<(String, Field, String)> = x
            .places
            .iter()
            .map(|p| (p.file.name.clone(), p.field, p.file.text[p.span.start..p.span.end].to_owned()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("a.yaml".into(), Field::Url, "https://x.org/a".into()),
                ("a.yaml".into(), Field::Prose, "https://x.org/a#part".into()),
                ("b.yaml".into(), Field::Prose, "https://X.ORG:443/a".into()),
            ]
        );
        assert_eq!(x.places[1].start(), LineCol { line: 5, column: 18 });
        let y = &t[2].places[0];
        assert_eq!(&y.file.text[y.span.start..y.span.end], "https://y.org/b");
    }

    #[test]
    fn files_read_in_any_order_give_the_same_targets() {
        let file = |name: &str, url: &str| {
            let text = format!("entries:\n  - url: \"{url}\"\n  - url: \"https://shared.org/x\"\n");
            let root = crate::source::yaml::load(&text).unwrap();
            (Arc::new(SourceFile::new(name, name, text)), root)
        };
        let (a, b) = (file("a.yaml", "https://a.org/"), file("b.yaml", "https://b.org/"));
        let forwards = collect([(&a.0, &a.1), (&b.0, &b.1)]);
        let backwards = super::targets([urls_in(&b.0, &b.1), urls_in(&a.0, &a.1)]);
        let shown = |t: &[Target]| -> Vec<(String, Vec<String>)> {
            t.iter().map(|t| (t.url.clone(), t.places.iter().map(|p| p.file.name.clone()).collect())).collect()
        };
        assert_eq!(shown(&forwards), shown(&backwards));
        assert_eq!(
            shown(&forwards)[2],
            ("https://shared.org/x".to_owned(), vec!["a.yaml".to_owned(), "b.yaml".to_owned()])
        );
    }
}
