//! A lenient view of a cell source's YAML tree.
//!
//! Rules run on files whose shape may be wrong (the schema reports that), so
//! every accessor here returns what is there and skips what is not.

use crate::source::{Node, Span};

pub mod format;
mod vocab;

pub use vocab::{BiteSection, MIN_YEAR, Tier};

/// A prose field: its JSON pointer and node (always a string scalar).
#[derive(Debug, Clone, Copy)]
pub struct Prose<'a> {
    /// Where the field is, for messages.
    pub node: &'a Node,
    /// The text.
    pub text: &'a str,
}

/// One entry of the list.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Position in `entries`.
    pub index: usize,
    /// The entry's mapping.
    pub node: &'a Node,
}

impl<'a> Entry<'a> {
    /// The tier label nodes: one for `tier: K`, several for `tier: [S, G]`.
    #[must_use]
    pub fn tiers(&self) -> Vec<&'a Node> {
        match self.node.get("tier") {
            Some(t) => match t.as_seq() {
                Some(items) => items.iter().collect(),
                None => vec![t],
            },
            None => Vec::new(),
        }
    }

    /// The first tier label's text, if it is a string.
    #[must_use]
    pub fn first_tier(&self) -> Option<&'a str> {
        self.tiers().first().and_then(|t| t.as_str())
    }

    /// The first tier label, if it is a known one.
    #[must_use]
    pub fn tier(&self) -> Option<Tier> {
        self.first_tier().and_then(Tier::parse)
    }

    /// Whether this is the `more` entry.
    #[must_use]
    pub fn is_more(&self) -> bool {
        self.tiers().iter().any(|t| t.as_str().and_then(Tier::parse) == Some(Tier::More))
    }

    /// A field's node.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// A string field's text.
    #[must_use]
    pub fn str(&self, key: &str) -> Option<&'a str> {
        self.node.get(key).and_then(Node::as_str)
    }

    /// The span to point at for the entry as a whole: its first key.
    #[must_use]
    pub fn head_span(&self) -> Span {
        head_span(self.node)
    }
}

/// The span of a mapping's first key, or the node itself; for "this mapping lacks…".
#[must_use]
pub fn head_span(node: &Node) -> Span {
    node.as_map().and_then(|m| m.first()).map_or(node.span, |(k, _)| k.span)
}

/// A cell source's root mapping.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    /// The document root.
    pub root: &'a Node,
}

impl<'a> Cell<'a> {
    /// Views `root` as a cell.
    #[must_use]
    pub fn new(root: &'a Node) -> Self {
        Self { root }
    }

    /// A top-level string field's node.
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&'a Node> {
        self.root.get(key)
    }

    /// `matrix`, if a string.
    #[must_use]
    pub fn matrix(&self) -> Option<&'a str> {
        self.field("matrix").and_then(Node::as_str)
    }

    /// `cell`, if a string.
    #[must_use]
    pub fn cell(&self) -> Option<&'a str> {
        self.field("cell").and_then(Node::as_str)
    }

    /// The entries that are mappings.
    #[must_use]
    pub fn entries(&self) -> Vec<Entry<'a>> {
        self.root
            .get("entries")
            .and_then(Node::as_seq)
            .map(|items| {
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.as_map().is_some())
                    .map(|(index, node)| Entry { index, node })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The bite's issue mappings.
    #[must_use]
    pub fn bite_issues(&self) -> Vec<&'a Node> {
        self.root
            .get("bite")
            .and_then(|b| b.get("issues"))
            .and_then(Node::as_seq)
            .map(|items| items.iter().filter(|n| n.as_map().is_some()).collect())
            .unwrap_or_default()
    }

    /// Ids of the bite's issues, with their nodes.
    #[must_use]
    pub fn issue_ids(&self) -> Vec<(&'a str, &'a Node)> {
        self.bite_issues().into_iter().filter_map(|i| i.get("id").and_then(|n| n.as_str().map(|s| (s, n)))).collect()
    }

    /// Whether the bite has the fixed `section`.
    #[must_use]
    pub(crate) fn has_section(&self, section: BiteSection) -> bool {
        self.root.get("bite").and_then(|b| b.get(section.key())).is_some()
    }

    /// Every prose field, in document order: `summary`, each entry's `text`,
    /// the bite's sections and each issue's title and text.
    #[must_use]
    pub fn prose(&self) -> Vec<Prose<'a>> {
        let mut nodes: Vec<&Node> = Vec::new();
        nodes.extend(self.root.get("summary"));
        for e in self.entries() {
            nodes.extend(e.get("text"));
        }
        if let Some(bite) = self.root.get("bite") {
            for section in BiteSection::ALL {
                nodes.extend(bite.get(section.key()));
            }
        }
        for issue in self.bite_issues() {
            nodes.extend(issue.get("title"));
            nodes.extend(issue.get("text"));
        }
        nodes.into_iter().filter_map(|node| node.as_str().map(|text| Prose { node, text })).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::load;

    #[test]
    fn prose_fields_come_in_document_order_and_skip_non_strings() {
        let root = load(
            "summary: s\nentries:\n  - tier: [S, G]\n    text: one\n  - 5\n  - tier: K\n    text: 7\nbite:\n  about: a\n  issues:\n    - id: x\n      title: t\n      text: i\n",
        )
        .unwrap();
        let cell = Cell::new(&root);
        let texts: Vec<&str> = cell.prose().iter().map(|p| p.text).collect();
        assert_eq!(texts, vec!["s", "one", "a", "t", "i"]);
        let entries = cell.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].first_tier(), Some("S"));
        assert_eq!(entries[0].tier(), Some(Tier::Seminal));
        assert_eq!(entries[0].tiers().len(), 2);
        assert_eq!(entries[1].index, 2);
        assert_eq!(cell.issue_ids()[0].0, "x");
    }
}
