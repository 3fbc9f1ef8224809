//! What YAML forbids but the parser lets pass: control characters (inside
//! quotes) and tabs in some indentation.

use super::lines::{self, is_printable};
use super::{MAX_CONTROL_CHARACTERS, Mistake, Node, Scalar, Span, YamlError, YamlErrorKind};

/// Characters outside YAML's printable set (C0 controls but tab and line
/// breaks, DEL, C1 controls), which the parser accepts inside quotes.
pub(super) fn control_characters(text: &str) -> Vec<YamlError> {
    // Blocks without a suspicious byte (nearly all) are passed over at a
    // fraction of an instruction per byte; in the others, each suspicious
    // byte is looked at closely. (A block boundary may split a character: it
    // is judged in the block where its lead byte is.)
    const BLOCK: usize = 512;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (n, block) in bytes.chunks(BLOCK).enumerate() {
        if !lines::maybe_unprintable(block, b'\r') {
            continue;
        }
        let start = n * BLOCK;
        for at in start..start + block.len() {
            let suspicious = match bytes[at] {
                0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => true,
                0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
                0xef => bytes.get(at + 1) == Some(&0xbf),
                _ => false,
            };
            if !suspicious {
                continue;
            }
            let Some(c) = text[at..].chars().next().filter(|c| !is_printable(*c)) else { continue };
            out.push(YamlError {
                kind: YamlErrorKind::Syntax { mistake: Mistake::ControlCharacter(c), parser: None },
                span: Span::new(at, at + c.len_utf8()),
            });
            if out.len() == MAX_CONTROL_CHARACTERS {
                return out;
            }
        }
    }
    out
}

/// Tabs in the indentation of block structure, which the parser lets pass
/// in some places (` \t- tier: K`, `-\ttier: K`). Tabs inside scalars and
/// flow collections are white space like any other.
pub(super) fn tabs_in_indentation(text: &str, root: &Node) -> Vec<YamlError> {
    let tabs = lines::indentation_tabs(text);
    if tabs.is_empty() {
        return Vec::new();
    }
    let mut inside = Vec::new();
    collect_unstructured(text, root, &mut inside);
    tabs.into_iter()
        .filter(|&t| !inside.iter().any(|s: &Span| s.start <= t && t < s.end))
        .map(|t| YamlError {
            kind: YamlErrorKind::Syntax { mistake: Mistake::TabIndent, parser: None },
            span: Span::new(t, t + 1),
        })
        .collect()
}

/// The spans of scalars and flow collections, where a tab is not indentation.
fn collect_unstructured(text: &str, node: &Node, out: &mut Vec<Span>) {
    let flow = matches!(text.as_bytes().get(node.span.start), Some(b'[' | b'{'));
    match &node.value {
        Scalar::Seq(_) | Scalar::Map(_) if flow => out.push(node.span),
        Scalar::Seq(items) => items.iter().for_each(|i| collect_unstructured(text, i, out)),
        Scalar::Map(entries) => entries.iter().for_each(|(k, v)| {
            collect_unstructured(text, k, out);
            collect_unstructured(text, v, out);
        }),
        _ => out.push(node.span),
    }
}
