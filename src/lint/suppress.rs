//! Inline suppressions: `# matrixlint: ignore[rule-name] reason` on the line
//! of a finding or alone on the line before it, and `# matrixlint:
//! ignore-file[rule-name] reason` for the whole file. A reason is required;
//! unknown, unexplained, malformed and unused suppressions are reported as
//! `unused-suppression`.

use super::levels::Levels;
use crate::diagnostic::Diagnostic;
use crate::rules::{self, dead_link, unused_suppression};
use crate::source::comments::{Comment, comments};
use crate::source::{Node, SourceFile, Span};

const PREFIX: &str = "matrixlint:";

/// One rule named in a suppression.
#[derive(Debug)]
struct Named {
    name: String,
    span: Span,
    used: bool,
}

/// A parsed suppression comment.
#[derive(Debug)]
struct Directive {
    /// The line it applies to (`None`: the whole file).
    line: Option<usize>,
    rules: Vec<Named>,
    reason: bool,
    span: Span,
}

/// What to say about the suppressions themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Directives {
    /// Report unknown, unexplained and unused ones (`check`).
    Report,
    /// Only apply them (findings from outside `check`: a dead link).
    Apply,
}

/// Removes suppressed findings from `diagnostics` (all of one file) and,
/// when asked, adds a finding for every suppression that is unknown,
/// unexplained or unused.
pub(super) fn apply(
    file: &std::sync::Arc<SourceFile>,
    root: Option<&Node>,
    diagnostics: &mut Vec<Diagnostic>,
    levels: &Levels,
    say: Directives,
) {
    // Most files have no directive: skip the comment scan for them.
    if !file.text.contains(PREFIX) {
        return;
    }
    let mut problems = Vec::new();
    let mut directives: Vec<Directive> = comments(file, root)
        .iter()
        .filter_map(|c| match parse(file, c) {
            Some(Ok(d)) => Some(d),
            Some(Err((span, message))) => {
                problems.push(report(file, span, message, "write `# matrixlint: ignore[rule-name] reason`"));
                None
            }
            None => None,
        })
        .collect();
    if directives.is_empty() && problems.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let line = d.start().line;
        let mut suppressed = false;
        for directive in directives.iter_mut().filter(|x| x.line.is_none_or(|l| l == line)) {
            for named in
                directive.rules.iter_mut().filter(|n| n.name == d.rule.name || n.name.eq_ignore_ascii_case(d.rule.code))
            {
                named.used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for directive in &directives {
        if !directive.reason {
            problems.push(report(
                file,
                directive.span,
                "suppression without a reason".to_owned(),
                "say why after the `]`: `# matrixlint: ignore[rule] checked with the author`",
            ));
        }
        for named in directive.rules.iter().filter(|n| !n.used) {
            match rules::find(&named.name) {
                None => problems.push(report(
                    file,
                    named.span,
                    format!("unknown rule `{}` in suppression", named.name),
                    &crate::suggest::rule(&named.name).map_or_else(
                        || "name a rule by its name or code; `matrixlint rules` lists them".to_owned(),
                        |c| format!("did you mean `{c}`? `matrixlint rules` lists every rule"),
                    ),
                )),
                // `links` and `evidence` report these rules; `check` cannot tell whether their suppressions are used.
                Some(rule)
                    if rule.info.code == dead_link::INFO.code
                        || crate::evidence::findings::RULES.contains(&rule.info.name) => {}
                Some(rule) if !levels.is_off(rule.info, &file.name) => problems.push(report(
                    file,
                    named.span,
                    format!("suppression of `{}` is unused", rule.info.name),
                    "remove the suppression: nothing here is reported by that rule",
                )),
                Some(_) => {}
            }
        }
    }
    if say == Directives::Report {
        levels.apply(&mut problems);
        diagnostics.extend(problems);
    }
}

fn report(file: &std::sync::Arc<SourceFile>, span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(&unused_suppression::INFO, file, span, message).with_help(help)
}

/// `None` for an ordinary comment; an error for a malformed directive.
fn parse(file: &SourceFile, comment: &Comment) -> Option<Result<Directive, (Span, String)>> {
    let text = &file.text[comment.span.start..comment.span.end];
    let body = text.trim_start_matches('#').trim_start();
    let rest = body.strip_prefix(PREFIX)?.trim_start();
    let (file_wide, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
        (true, r)
    } else if let Some(r) = rest.strip_prefix("ignore") {
        (false, r)
    } else {
        return Some(Err((
            comment.span,
            "unknown matrixlint directive (expected `ignore[…]` or `ignore-file[…]`)".to_owned(),
        )));
    };
    let Some(inner) = rest.strip_prefix('[') else {
        return Some(Err((comment.span, "suppression names no rule: write the rules in brackets".to_owned())));
    };
    let Some(close) = inner.find(']') else {
        return Some(Err((comment.span, "suppression's rule list is missing its `]`".to_owned())));
    };
    let list_start = comment.span.start + (text.len() - inner.len());
    let mut rules = Vec::new();
    let mut offset = 0;
    for part in inner[..close].split(',') {
        let name = part.trim();
        let at = list_start + offset + (part.len() - part.trim_start().len());
        if !name.is_empty() {
            rules.push(Named { name: name.to_owned(), span: Span::new(at, at + name.len()), used: false });
        }
        offset += part.len() + 1;
    }
    if rules.is_empty() {
        return Some(Err((comment.span, "suppression names no rule".to_owned())));
    }
    let line = if file_wide {
        None
    } else if comment.own_line {
        Some(comment.line + 1)
    } else {
        Some(comment.line)
    };
    Some(Ok(Directive { line, rules, reason: !inner[close + 1..].trim().is_empty(), span: comment.span }))
}
