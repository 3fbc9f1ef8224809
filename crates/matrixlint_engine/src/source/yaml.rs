//! YAML 1.2 loading with a byte span on every node.
//!
//! We drive `saphyr-parser`'s event stream ourselves instead of using saphyr's
//! `MarkedYaml` loader, because a cell source must be *plain data*: the loader
//! must see anchors and aliases (which `MarkedYaml` silently expands), keep each
//! scalar's style (prose spans inside block scalars need it) and report every
//! duplicate key. Scalars are resolved with saphyr's own YAML 1.2 core schema
//! (`Scalar::parse_from_cow_and_metadata`), so `NO` stays a string.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr::Scalar as SaphyrScalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};

use super::Span;

mod checks;
mod lines;
mod mistake;
mod node;
mod syntax;

pub(crate) use lines::is_printable;
pub use mistake::Mistake;
pub(crate) use node::key_text;

/// Control characters reported per file, at most (a file full of them is
/// binary, and the first few say so).
const MAX_CONTROL_CHARACTERS: usize = 20;

/// Deepest nesting of sequences and mappings accepted; cells need four levels.
pub const MAX_DEPTH: usize = 64;

/// A YAML node with the byte span it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Scalar,
    /// Where the node was written (for block scalars, the content lines).
    pub span: Span,
}

/// The value of a node. Collections keep document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float (may be non-finite).
    Float(f64),
    /// A string with the style it was written in.
    Str(String, ScalarStyle),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping: each key node with its value node.
    Map(Vec<(Node, Node)>),
}

/// What went wrong while loading YAML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YamlErrorKind {
    /// The text is not valid YAML (or holds a character YAML forbids).
    #[error("{mistake}")]
    Syntax {
        /// The mistake, in an editor's words.
        mistake: Mistake,
        /// The parser's own words and where it stopped, when the mistake was
        /// recognised from them.
        parser: Option<(String, Span)>,
    },
    /// A key appears twice in one mapping.
    #[error("duplicate key `{key}`")]
    DuplicateKey {
        /// The repeated key.
        key: String,
        /// Where it was first written.
        first: Span,
    },
    /// An anchor (`&name`) was defined.
    #[error("anchors are not allowed in cell sources")]
    Anchor,
    /// An alias (`*name`) was used.
    #[error("aliases are not allowed in cell sources")]
    Alias,
    /// More than one YAML document in the file.
    #[error("a cell source holds exactly one YAML document")]
    MultipleDocuments,
    /// A key that is a sequence or a mapping.
    #[error("mapping keys must be scalars")]
    ComplexKey,
    /// Nesting deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {MAX_DEPTH} levels")]
    TooDeep,
}

impl YamlErrorKind {
    /// What to do about it.
    #[must_use]
    pub fn help(&self) -> String {
        match self {
            Self::Syntax { mistake, .. } => mistake.help(),
            Self::DuplicateKey { .. } => "keep one of the two; YAML tools disagree on which one wins".to_owned(),
            Self::Anchor | Self::Alias => {
                "write the value out in full; cell sources are plain data without anchors or aliases".to_owned()
            }
            Self::MultipleDocuments => {
                "keep one cell per file; remove the `---` separator and split the file".to_owned()
            }
            Self::ComplexKey => "write the key as plain text: `key: value`".to_owned(),
            Self::TooDeep => format!("flatten the structure: YAML here nests {MAX_DEPTH} levels at most, a cell four"),
        }
    }
}

/// A loading error at a place in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct YamlError {
    /// What went wrong.
    pub kind: YamlErrorKind,
    /// Where.
    pub span: Span,
}

/// Converts the parser's character-based markers into byte offsets.
///
/// Markers arrive almost in document order, so a cursor that steps from the
/// last position costs one pass over the text in all, with no table.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    /// The last converted position: (character index, byte offset).
    cursor: (usize, usize),
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, ascii: text.is_ascii(), cursor: (0, 0) }
    }

    fn byte(&mut self, m: &Marker) -> usize {
        let target = m.index();
        if self.ascii {
            return target.min(self.text.len());
        }
        let (mut chars, mut bytes) = self.cursor;
        if target >= chars {
            let mut it = self.text[bytes..].chars();
            while chars < target {
                let Some(c) = it.next() else { break };
                chars += 1;
                bytes += c.len_utf8();
            }
        } else {
            let mut it = self.text[..bytes].chars().rev();
            while chars > target {
                let Some(c) = it.next() else { break };
                chars -= 1;
                bytes -= c.len_utf8();
            }
        }
        self.cursor = (chars, bytes);
        bytes
    }

    fn span(&mut self, s: &saphyr_parser::Span) -> Span {
        let start = self.byte(&s.start);
        Span::new(start, self.byte(&s.end))
    }
}

enum Frame {
    Seq { start: usize, items: Vec<Node> },
    Map { start: usize, entries: Vec<(Node, Node)>, key: Option<Node>, seen: HashMap<String, Span> },
}

impl Frame {
    fn start(&self) -> usize {
        match self {
            Self::Seq { start, .. } | Self::Map { start, .. } => *start,
        }
    }
}

/// Loads exactly one YAML document from `text`.
///
/// Returns every error found (duplicate keys, anchors and aliases are collected;
/// a syntax error ends the scan). An empty file is a `null` document.
///
/// # Errors
/// The list of [`YamlError`]s when the text is not a single plain-data YAML document.
pub fn load(text: &str) -> Result<Node, Vec<YamlError>> {
    let mut offsets = Offsets::new(text);
    let mut errors = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let controls = checks::control_characters(text);
    if !controls.is_empty() {
        return Err(controls);
    }

    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(ok) => ok,
            Err(e) => {
                let at = offsets.byte(e.marker());
                let open_flow =
                    stack.iter().rev().map(Frame::start).find(|&s| matches!(text.as_bytes().get(s), Some(b'[' | b'{')));
                let (mistake, span) = syntax::diagnose(text, at, e.info(), open_flow);
                let parser = (!matches!(mistake, Mistake::Other(_))).then(|| (e.info().to_owned(), Span::point(at)));
                errors.push(YamlError { kind: YamlErrorKind::Syntax { mistake, parser }, span });
                return Err(errors);
            }
        };
        let span = offsets.span(&span);
        let done = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    errors.push(YamlError { kind: YamlErrorKind::MultipleDocuments, span });
                    return Err(errors);
                }
                None
            }
            Event::Alias(_) => {
                // One finding per file: an alias bomb would otherwise flood the report.
                if !errors.iter().any(|e| e.kind == YamlErrorKind::Alias) {
                    errors.push(YamlError { kind: YamlErrorKind::Alias, span });
                }
                Some(Node { value: Scalar::Null, span })
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 && !errors.iter().any(|e| e.kind == YamlErrorKind::Anchor) {
                    errors.push(YamlError { kind: YamlErrorKind::Anchor, span: anchor_span(text, span) });
                }
                let span = match style {
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => quoted_span(text, span),
                    _ => span,
                };
                Some(Node { value: resolve(value, style, tag.as_ref()), span })
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if anchor != 0 && !errors.iter().any(|e| e.kind == YamlErrorKind::Anchor) {
                    errors.push(YamlError { kind: YamlErrorKind::Anchor, span: anchor_span(text, span) });
                }
                if stack.len() >= MAX_DEPTH {
                    errors.push(YamlError { kind: YamlErrorKind::TooDeep, span });
                    return Err(errors);
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq { start: span.start, items: Vec::new() }
                } else {
                    Frame::Map { start: span.start, entries: Vec::new(), key: None, seen: HashMap::new() }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { start, items }) => {
                    Some(Node { value: Scalar::Seq(items), span: Span::new(start, span.end.max(start)) })
                }
                Some(Frame::Map { start, entries, .. }) => {
                    Some(Node { value: Scalar::Map(entries), span: Span::new(start, span.end.max(start)) })
                }
                None => None,
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
        };
        if let Some(node) = done {
            attach(node, &mut stack, &mut root, &mut errors);
        }
    }
    let root = root.unwrap_or(Node { value: Scalar::Null, span: Span::point(0) });
    errors.extend(checks::tabs_in_indentation(text, &root));
    if errors.is_empty() { Ok(root) } else { Err(errors) }
}

/// A quoted scalar's span ends at its closing quote. (The parser's span of a
/// quoted scalar in block context runs on over a trailing comment.)
fn quoted_span(text: &str, span: Span) -> Span {
    let Some(rest) = text.get(span.start..) else { return span };
    let mut chars = rest.char_indices();
    let quote = match chars.next() {
        Some((_, q @ ('"' | '\''))) => q,
        _ => return span,
    };
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            // In single quotes, a doubled quote is an escaped one.
            if quote == '\'' && rest[i + 1..].starts_with('\'') {
                chars.next();
                continue;
            }
            return Span::new(span.start, span.start + i + 1);
        }
    }
    span
}

/// The `&name` token at the start of a node's span (the parser's span runs on to the node).
fn anchor_span(text: &str, span: Span) -> Span {
    let rest = &text[span.start.min(text.len())..];
    match rest.strip_prefix('&') {
        Some(name) => {
            let len = name.find(|c: char| c.is_whitespace() || ",[]{}".contains(c)).unwrap_or(name.len());
            Span::new(span.start, span.start + 1 + len)
        }
        None => span,
    }
}

/// Places a finished node into its parent (or makes it the document root).
fn attach(node: Node, stack: &mut [Frame], root: &mut Option<Node>, errors: &mut Vec<YamlError>) {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map { entries, key, seen, .. }) => match key.take() {
            Some(k) => entries.push((k, node)),
            None => {
                match key_text(&node) {
                    None => errors.push(YamlError { kind: YamlErrorKind::ComplexKey, span: node.span }),
                    Some(text) => {
                        if let Some(first) = seen.get(&text) {
                            errors.push(YamlError {
                                kind: YamlErrorKind::DuplicateKey { key: text, first: *first },
                                span: node.span,
                            });
                        } else {
                            seen.insert(text, node.span);
                        }
                    }
                }
                *key = Some(node);
            }
        },
    }
}

fn resolve(value: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, saphyr_parser::Tag>>) -> Scalar {
    // Cloning a borrowed Cow is free; only folded scalars are owned.
    match SaphyrScalar::parse_from_cow_and_metadata(value.clone(), style, tag) {
        Some(SaphyrScalar::Null) => Scalar::Null,
        Some(SaphyrScalar::Boolean(b)) => Scalar::Bool(b),
        Some(SaphyrScalar::Integer(i)) => Scalar::Int(i),
        Some(SaphyrScalar::FloatingPoint(f)) => Scalar::Float(f.into_inner()),
        Some(SaphyrScalar::String(s)) => Scalar::Str(s.into_owned(), style),
        // A core tag that does not fit its value (`!!int abc`): keep the text.
        None => Scalar::Str(value.into_owned(), style),
    }
}

#[cfg(test)]
mod tests;
