//! What inline suppressions do (their syntax is [`crate::suppression`]'s):
//! `# matrixlint: ignore[rule-name] reason` on the line
//! of a finding or alone on the line before it, and `# matrixlint:
//! ignore-file[rule-name] reason` for the whole file. A reason is required;
//! unknown, unexplained, malformed and unused suppressions are reported as
//! `unused-suppression`.

use super::levels::Levels;
use crate::diagnostic::Diagnostic;
use crate::rules::{self, dead_link, unused_suppression};
use crate::source::comments::{Comment, comments};
use crate::source::{Node, SourceFile, Span};
use crate::suppression::{self, PREFIX, Scope};

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
                    if rule.info.code == dead_link::INFO.code || rules::EVIDENCE_RULES.contains(&rule.info.name) => {}
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

/// `None` for an ordinary comment; an error for a malformed directive (the
/// syntax is [`suppression`]'s).
fn parse(file: &SourceFile, comment: &Comment) -> Option<Result<Directive, (Span, String)>> {
    let text = &file.text[comment.span.start..comment.span.end];
    let parsed = match suppression::parse(text, comment.span.start)? {
        Ok(parsed) => parsed,
        Err(message) => return Some(Err((comment.span, message))),
    };
    let line = match parsed.scope {
        Scope::File => None,
        Scope::Line if comment.own_line => Some(comment.line + 1),
        Scope::Line => Some(comment.line),
    };
    let rules = parsed.rules.into_iter().map(|(name, span)| Named { name, span, used: false }).collect();
    Some(Ok(Directive { line, rules, reason: parsed.reason, span: comment.span }))
}
