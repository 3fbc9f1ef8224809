//! The Markdown subset of prose fields: finding `[text](target)` links, and
//! the malformed attempts at one, with byte ranges into the field's value.
//!
//! A full CommonMark parser would silently turn a malformed link into text;
//! a linter must instead say where the author went wrong, so this scanner
//! reports both well-formed links and the near misses.

use std::ops::Range;

/// A well-formed inline link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole `[text](target)`.
    pub whole: Range<usize>,
    /// The link text, without brackets.
    pub text: Range<usize>,
    /// Everything between the parentheses (may be empty or padded with spaces).
    pub target: Range<usize>,
}

/// A near miss: something that looks like a link but is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// What to highlight.
    pub range: Range<usize>,
    /// What is wrong.
    pub problem: Problem,
}

/// Kinds of malformed links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// `[text](target` with no closing parenthesis.
    UnclosedTarget,
    /// `[text] (target)`: white space between `]` and `(`.
    SpaceBeforeTarget,
    /// `[text(target)`: the text's `]` is missing.
    UnclosedText,
}

impl Problem {
    /// A sentence for diagnostics.
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Self::UnclosedTarget => "link target is missing its closing `)`",
            Self::SpaceBeforeTarget => "space between link text `]` and target `(` breaks the link",
            Self::UnclosedText => "link text is missing its closing `]`",
        }
    }
}

/// Links and near misses found in `text`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Well-formed links, in order.
    pub links: Vec<Link>,
    /// Near misses, in order.
    pub malformed: Vec<Malformed>,
}

/// Scans `text` for inline links.
#[must_use]
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => i = scan_from_bracket(text, i, &mut out),
            _ => i += 1,
        }
    }
    out
}

/// Handles a `[` at `open`; returns where to continue.
fn scan_from_bracket(text: &str, open: usize, out: &mut Scan) -> usize {
    let bytes = text.as_bytes();
    let Some(close) = matching(bytes, open, b'[', b']') else {
        // `[text(https://…)` with no `]` before the end of the line.
        let line_end = text[open..].find('\n').map_or(text.len(), |n| open + n);
        if let Some(p) = text[open..line_end].find("(http") {
            let paren = open + p;
            let end = matching(bytes, paren, b'(', b')').map_or(line_end, |c| c + 1);
            out.malformed.push(Malformed { range: open..end, problem: Problem::UnclosedText });
            return end;
        }
        return open + 1;
    };
    let after = close + 1;
    if bytes.get(after) == Some(&b'(') {
        // A destination never spans lines.
        let line_end = text[after..].find('\n').map_or(text.len(), |n| after + n);
        return match matching(&bytes[..line_end], after, b'(', b')') {
            Some(end) => {
                out.links.push(Link { whole: open..end + 1, text: open + 1..close, target: after + 1..end });
                end + 1
            }
            None => {
                out.malformed.push(Malformed { range: open..line_end, problem: Problem::UnclosedTarget });
                line_end
            }
        };
    }
    // `] (http…)`: only when what follows the space is clearly a URL target.
    let rest = &text[after..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if spaces > 0 && rest[spaces..].starts_with("(http") {
        let paren = after + spaces;
        if let Some(end) = matching(bytes, paren, b'(', b')') {
            out.malformed.push(Malformed { range: open..end + 1, problem: Problem::SpaceBeforeTarget });
            return end + 1;
        }
    }
    open + 1
}

/// Index of the bracket closing the one at `open`, on the same paragraph.
fn matching(bytes: &[u8], open: usize, left: u8, right: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' {
            i += 2;
            continue;
        }
        if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            return None;
        }
        if b == left {
            depth += 1;
        } else if b == right {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Whether `target` is an absolute http(s) URL with a host and no white space.
#[must_use]
pub fn is_absolute_http(target: &str) -> bool {
    let rest = target.strip_prefix("https://").or_else(|| target.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !target.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// `text` with link markup (`[`, `](target)`) and emphasis markers (`*`) removed,
/// and for every byte of the result the byte of `text` it came from (plus one
/// past the end). Phrase searches run on the plain text and map back.
#[must_use]
pub fn plain(text: &str) -> (String, Vec<usize>) {
    let links = scan(text).links;
    let mut skip: Vec<Range<usize>> = Vec::with_capacity(links.len() * 2);
    for l in &links {
        skip.push(l.whole.start..l.text.start);
        skip.push(l.text.end..l.whole.end);
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut ranges = skip.iter().peekable();
    for (i, c) in text.char_indices() {
        while ranges.peek().is_some_and(|r| r.end <= i) {
            ranges.next();
        }
        if ranges.peek().is_some_and(|r| r.contains(&i)) || c == '*' {
            continue;
        }
        out.push(c);
        map.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    map.push(text.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, &str)> {
        scan(s).links.iter().map(|l| (&s[l.text.clone()], &s[l.target.clone()])).collect()
    }

    #[test]
    fn finds_links_with_nested_brackets_and_parentheses() {
        let s = "See [cell A2](https://x.org/A2) and [practice (more) [sic]](https://en.org/a_(b)).";
        assert_eq!(texts(s), vec![("cell A2", "https://x.org/A2"), ("practice (more) [sic]", "https://en.org/a_(b)")]);
    }

    #[test]
    fn brackets_without_target_are_not_links() {
        let s = "([UK] Ministry of Justice, 2009) and [sic]";
        assert_eq!(scan(s), Scan::default());
    }

    #[test]
    fn near_misses_are_reported() {
        let s = "a [here](https://x.org b\nc [there] (https://y.org) d [oops(https://z.org) e";
        let m = scan(s).malformed;
        let problems: Vec<Problem> = m.iter().map(|m| m.problem).collect();
        assert_eq!(problems, vec![Problem::UnclosedTarget, Problem::SpaceBeforeTarget, Problem::UnclosedText]);
        assert_eq!(&s[m[1].range.clone()], "[there] (https://y.org)");
    }

    #[test]
    fn empty_and_hash_targets_are_links_for_the_placeholder_rule() {
        assert_eq!(texts("[a](#) [b]() [c]( )"), vec![("a", "#"), ("b", ""), ("c", " ")]);
    }

    #[test]
    fn plain_drops_link_markup_and_maps_back() {
        let s = "more in [cell **C2**](https://x.org/C2) of the Alcohol Treatment Matrix";
        let (p, map) = plain(s);
        assert_eq!(p, "more in cell C2 of the Alcohol Treatment Matrix");
        let at = p.find("C2").unwrap();
        assert_eq!(&s[map[at]..map[at + 2 - 1] + 1], "C2");
        assert_eq!(map[p.len()], s.len());
    }

    #[test]
    fn absolute_http() {
        assert!(is_absolute_http("https://findings.org.uk/x?y=1"));
        assert!(!is_absolute_http("https://"));
        assert!(!is_absolute_http("ftp://x.org"));
        assert!(!is_absolute_http("/relative"));
        assert!(!is_absolute_http("https://x.org/a b"));
    }
}
