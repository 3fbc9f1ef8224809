//! `textDocument/documentSymbol`: the outline of a cell. Entries grouped by
//! tier, each by its headline (with its labels and year); the Matrix Bite's
//! sections and its issues by title.

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind,
};

use crate::cell::{BiteSection, Cell, Entry, Tier};
use crate::convert::Text;
use crate::session::Snapshot;
use crate::source::{Node, Span};
use crate::tiers;

pub(crate) fn symbols(snapshot: &Snapshot, _params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let loaded = snapshot.load()?;
    let root = loaded.root.as_ref()?;
    let text = Text::of(&loaded.file, snapshot.encoding);
    let outline: Vec<Outline> = [entries(root), bite(root)].into_iter().flatten().collect();
    if snapshot.flags.nested_symbols {
        return Some(DocumentSymbolResponse::Nested(outline.into_iter().map(|o| o.nested(&text)).collect()));
    }
    let mut flat = Vec::new();
    for o in outline {
        o.flatten(&text, &snapshot.uri, None, &mut flat);
    }
    Some(DocumentSymbolResponse::Flat(flat))
}

/// One symbol before conversion: spans, not ranges.
struct Outline {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Vec<Outline>,
}

impl Outline {
    fn new(name: impl Into<String>, kind: SymbolKind, span: Span, selection: Span) -> Self {
        // A selection must lie within the symbol's range.
        let selection = if span.contains(selection) { selection } else { Span::point(span.start) };
        Self { name: name.into(), detail: None, kind, span, selection, children: Vec::new() }
    }

    #[allow(deprecated)] // `deprecated` is a field the type still has
    fn nested(self, text: &Text<'_>) -> DocumentSymbol {
        DocumentSymbol {
            name: self.name,
            detail: self.detail,
            kind: self.kind,
            tags: None,
            deprecated: None,
            range: text.range(self.span),
            selection_range: text.range(self.selection),
            children: Some(self.children.into_iter().map(|c| c.nested(text)).collect()),
        }
    }

    #[allow(deprecated)]
    fn flatten(self, text: &Text<'_>, uri: &lsp_types::Uri, container: Option<&str>, out: &mut Vec<SymbolInformation>) {
        out.push(SymbolInformation {
            name: self.name.clone(),
            kind: self.kind,
            tags: None,
            deprecated: None,
            location: Location { uri: uri.clone(), range: text.range(self.span) },
            container_name: container.map(str::to_owned),
        });
        for child in self.children {
            child.flatten(text, uri, Some(&self.name), out);
        }
    }
}

/// The key and its value, as one span.
fn key_value(key: &Node, value: &Node) -> Span {
    Span::new(key.span.start, value.span.end.max(key.span.end))
}

/// `entries`, with a group for each run of one tier.
fn entries(root: &Node) -> Option<Outline> {
    let (key, value) = root.entry("entries")?;
    let mut top = Outline::new("entries", SymbolKind::ARRAY, key_value(key, value), key.span);
    for entry in Cell::new(root).entries() {
        let label = entry.first_tier().unwrap_or("?").to_owned();
        let symbol = entry_symbol(&entry);
        match top.children.last_mut() {
            Some(group) if group.detail.as_deref() == Some(label.as_str()) => {
                group.span = Span::new(group.span.start, symbol.span.end.max(group.span.end));
                group.children.push(symbol);
            }
            _ => {
                let name = Tier::parse(&label).map_or_else(|| label.clone(), tiers::title);
                let mut group = Outline::new(name, SymbolKind::NAMESPACE, symbol.span, symbol.selection);
                group.detail = Some(label);
                group.children.push(symbol);
                top.children.push(group);
            }
        }
    }
    Some(top)
}

fn entry_symbol(entry: &Entry<'_>) -> Outline {
    let labels: Vec<&str> = entry.tiers().iter().filter_map(|t| t.as_str()).collect();
    let year = match entry.get("year") {
        Some(y) if y.as_seq().is_some() => {
            let years: Vec<String> =
                y.as_seq().unwrap_or_default().iter().filter_map(Node::as_int).map(|i| i.to_string()).collect();
            Some(years.join(", "))
        }
        Some(y) => y.as_int().map(|i| i.to_string()),
        None => None,
    };
    let name = entry.str("title").map(str::to_owned).unwrap_or_else(|| match entry.str("text") {
        Some(text) if entry.is_more() => crate::markdown::plain(text).0.chars().take(60).collect(),
        _ => format!("entry {}", entry.index + 1),
    });
    let selection = entry.get("title").map_or_else(|| entry.head_span(), |n| n.span);
    let mut out = Outline::new(name, SymbolKind::OBJECT, entry.node.span, selection);
    out.detail = Some([labels.join(" "), year.unwrap_or_default()].join(" ").trim().to_owned());
    out
}

/// `bite`: its sections and its issues.
fn bite(root: &Node) -> Option<Outline> {
    let (key, bite) = root.entry("bite")?;
    let mut top = Outline::new("Matrix Bite", SymbolKind::MODULE, key_value(key, bite), key.span);
    for section in BiteSection::ALL {
        if let Some((k, v)) = bite.entry(section.key()) {
            let mut symbol = Outline::new(section.heading(), SymbolKind::STRING, key_value(k, v), k.span);
            symbol.detail = Some(section.key().to_owned());
            top.children.push(symbol);
        }
    }
    if let Some((k, v)) = bite.entry("issues") {
        let mut issues = Outline::new("Issues to consider and discuss", SymbolKind::ARRAY, key_value(k, v), k.span);
        for issue in v.as_seq().unwrap_or_default().iter().filter(|i| i.as_map().is_some()) {
            let id = issue.get("id");
            let name =
                issue.get("title").and_then(Node::as_str).or_else(|| id.and_then(Node::as_str)).unwrap_or("issue");
            let mut symbol = Outline::new(name, SymbolKind::FIELD, issue.span, id.map_or(issue.span, |n| n.span));
            symbol.detail = id.and_then(Node::as_str).map(str::to_owned);
            issues.children.push(symbol);
        }
        top.children.push(issues);
    }
    Some(top)
}
