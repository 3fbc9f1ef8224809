//! The suppression syntax, in one place: `# matrixlint: ignore[rule-name]
//! reason` (on the line of a finding, or alone on the line before it) and
//! `# matrixlint: ignore-file[rule-name] reason` (the whole file). `check`
//! reads it ([`parse`]), the language server writes it ([`line_comment`],
//! [`file_comment`], [`added_rule`]) and completes rule names in it
//! ([`COMPLETION_PATTERN`]); what a suppression then does is the engine's
//! (`lint`).

use crate::source::Span;

/// What every directive starts with, after the `#`.
pub(crate) const PREFIX: &str = "matrixlint:";

/// A regular expression matching a directive being typed up to the cursor;
/// its one group is the rule name typed so far (after `[` or a `,`).
pub const COMPLETION_PATTERN: &str = r"#\s*matrixlint:\s*ignore(?:-file)?\[(?:[^\]]*,)?\s*([\w-]*)$";

/// What a directive applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Its line (or, alone on a line, the next).
    Line,
    /// The whole file.
    File,
}

/// A directive, parsed from one comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it applies to.
    pub scope: Scope,
    /// The rules it names, each with its place in the file.
    pub rules: Vec<(String, Span)>,
    /// Whether it gives a reason after the `]`.
    pub reason: bool,
}

/// Parses the comment `text` found at byte `start` of its file: `None` for an
/// ordinary comment, an error message for a malformed directive.
#[must_use]
pub fn parse(text: &str, start: usize) -> Option<Result<Directive, String>> {
    let body = text.trim_start_matches('#').trim_start();
    let rest = body.strip_prefix(PREFIX)?.trim_start();
    let (scope, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
        (Scope::File, r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        (Scope::Line, r)
    } else {
        return Some(Err("unknown matrixlint directive (expected `ignore[…]` or `ignore-file[…]`)".to_owned()));
    };
    let Some(inner) = rest.strip_prefix('[') else {
        return Some(Err("suppression names no rule: write the rules in brackets".to_owned()));
    };
    let Some(close) = inner.find(']') else {
        return Some(Err("suppression's rule list is missing its `]`".to_owned()));
    };
    let list_start = start + (text.len() - inner.len());
    let mut rules = Vec::new();
    let mut offset = 0;
    for part in inner[..close].split(',') {
        let name = part.trim();
        let at = list_start + offset + (part.len() - part.trim_start().len());
        if !name.is_empty() {
            rules.push((name.to_owned(), Span::new(at, at + name.len())));
        }
        offset += part.len() + 1;
    }
    if rules.is_empty() {
        return Some(Err("suppression names no rule".to_owned()));
    }
    Some(Ok(Directive { scope, rules, reason: !inner[close + 1..].trim().is_empty() }))
}

/// Where a rule can be added to the line directive `comment` (the byte of
/// its `]`), or `None` when the comment is not one.
#[must_use]
pub fn rule_list_end(comment: &str) -> Option<usize> {
    match parse(comment, 0) {
        Some(Ok(Directive { scope: Scope::Line, .. })) => comment.find(']'),
        _ => None,
    }
}

/// The text that adds `rule` to a directive's list, at [`rule_list_end`].
#[must_use]
pub fn added_rule(rule: &str) -> String {
    format!(", {rule}")
}

/// A line directive for `rule`, ending where its reason is to be typed.
#[must_use]
pub fn line_comment(rule: &str) -> String {
    format!("# {PREFIX} ignore[{rule}] ")
}

/// A file directive for `rule`, ending where its reason is to be typed.
#[must_use]
pub fn file_comment(rule: &str) -> String {
    format!("# {PREFIX} ignore-file[{rule}] ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back() {
        let line = format!("{}checked with the author", line_comment("tier-order"));
        let parsed = parse(&line, 10).unwrap().unwrap();
        assert_eq!(parsed.scope, Scope::Line);
        assert!(parsed.reason);
        let at = 10 + line.find("tier-order").unwrap();
        assert_eq!(parsed.rules, vec![("tier-order".to_owned(), Span::new(at, at + 10))]);
        let file = parse(&file_comment("ML101"), 0).unwrap().unwrap();
        assert_eq!((file.scope, file.reason), (Scope::File, false));
        let end = rule_list_end(&line).unwrap();
        let mut both = line.clone();
        both.insert_str(end, &added_rule("year-range"));
        let names: Vec<String> = parse(&both, 0).unwrap().unwrap().rules.into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["tier-order", "year-range"]);
        assert_eq!(rule_list_end(&file_comment("x")), None, "a file directive gets no rule added");
    }

    #[test]
    fn the_completion_pattern_finds_the_name_being_typed() {
        let pattern = regex::Regex::new(COMPLETION_PATTERN).unwrap();
        let typed = format!("title: x  {}", line_comment("tier-order")).replace("] ", ", cell-t");
        assert_eq!(&pattern.captures(&typed).unwrap()[1], "cell-t");
        assert!(pattern.captures("# an ordinary comment [x").is_none());
    }

    #[test]
    fn malformed_directives_say_what_is_wrong() {
        assert_eq!(parse("# just a comment", 0), None);
        assert!(parse("# matrixlint: ignor[x]", 0).unwrap().unwrap_err().contains("unknown matrixlint directive"));
        assert!(parse("# matrixlint: ignore x", 0).unwrap().unwrap_err().contains("in brackets"));
        assert!(parse("# matrixlint: ignore[x", 0).unwrap().unwrap_err().contains("missing its `]`"));
        assert_eq!(parse("# matrixlint: ignore[ , ] why", 0), Some(Err("suppression names no rule".to_owned())));
    }
}
