//! Reading a loaded tree: typed access, keys, JSON pointers, JSON values.

use saphyr_parser::ScalarStyle;

use super::{Node, Scalar};

impl Node {
    /// The string value, if this is a string scalar.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Scalar::Str(s, _) => Some(s),
            _ => None,
        }
    }

    /// Whether this is a string written as a `|` or `>` block; its span covers
    /// only the content lines, so it cannot be replaced by a quoted string.
    #[must_use]
    pub fn is_block_scalar(&self) -> bool {
        matches!(self.value, Scalar::Str(_, ScalarStyle::Literal | ScalarStyle::Folded))
    }

    /// The integer value, if this is an integer scalar.
    #[must_use]
    pub fn as_int(&self) -> Option<i64> {
        match self.value {
            Scalar::Int(i) => Some(i),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    #[must_use]
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Scalar::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    #[must_use]
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Scalar::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key`, if this is a mapping that has it.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value node under `key`.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        // Rules look keys up constantly: compare text keys without allocating.
        self.as_map()?
            .iter()
            .find(|(k, _)| match &k.value {
                Scalar::Str(s, _) => s == key,
                _ => key_text(k).as_deref() == Some(key),
            })
            .map(|(k, v)| (k, v))
    }

    /// The node at a JSON pointer (`/entries/2/year`), as reported by the schema validator.
    #[must_use]
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = crate::source::pointer_key(token);
            node = match &node.value {
                Scalar::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                Scalar::Map(_) => node.get(&token)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The untyped JSON value, for the schema validator.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Scalar::Null => J::Null,
            Scalar::Bool(b) => J::Bool(*b),
            Scalar::Int(i) => J::from(*i),
            // JSON has no infinities: keep them visible as strings so a type error points here.
            Scalar::Float(f) => serde_json::Number::from_f64(*f).map_or_else(|| J::String(f.to_string()), J::Number),
            Scalar::Str(s, _) => J::String(s.clone()),
            Scalar::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Scalar::Map(entries) => {
                J::Object(entries.iter().map(|(k, v)| (key_text(k).unwrap_or_default(), v.to_json())).collect())
            }
        }
    }
}

/// The text of a scalar used as a mapping key (`1` and `true` keys become strings, as in JSON).
#[must_use]
pub(crate) fn key_text(key: &Node) -> Option<String> {
    match &key.value {
        Scalar::Str(s, _) => Some(s.clone()),
        Scalar::Int(i) => Some(i.to_string()),
        Scalar::Float(f) => Some(f.to_string()),
        Scalar::Bool(b) => Some(b.to_string()),
        Scalar::Null => Some("null".to_owned()),
        Scalar::Seq(_) | Scalar::Map(_) => None,
    }
}
