//! The human format for a link audit: each reported URL once, with the
//! places it is used (`file:line:column`, columns in characters, as in every
//! other format) and what to do, then recovered links, warnings and a
//! summary. Places are named, never quoted: the prose around a link can be a
//! 900-character paragraph.

use std::fmt::Write as _;

use super::{headline, help, reported, severity, suggestion, summary_line};
use crate::diagnostic::Severity;
use crate::links::audit::{Audit, LinkResult, State};
use crate::report::visible::one_line;
use crate::rules::dead_link;

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    /// ANSI colour (only on a terminal).
    pub color: bool,
    /// How files are named (from the working directory).
    pub names: &'a crate::report::Names,
}

/// Renders the audit for a terminal.
#[must_use]
pub fn render(audit: &Audit, style: Style<'_>) -> String {
    let mut out = super::problems::lines(&audit.problems, style.names);
    if !out.is_empty() {
        out.push('\n');
    }
    for r in reported(audit) {
        finding(&mut out, r, audit, style);
        out.push('\n');
    }
    let recovered: Vec<_> = audit.results.iter().filter(|r| matches!(r.state, State::Recovered { .. })).collect();
    if !recovered.is_empty() {
        let _ = writeln!(out, "Recovered ({}):", recovered.len());
        for r in recovered {
            let since = match r.state {
                State::Recovered { since: Some(s) } => format!(" (failing since {})", s.strftime("%Y-%m-%d")),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}{since}", one_line(&r.target.url));
        }
        out.push('\n');
    }
    for w in &audit.warnings {
        let _ = writeln!(out, "{}: {}", paint("warning", YELLOW, style.color), one_line(w));
    }
    out.push_str(&summary_line(audit));
    out
}

const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const BLUE: &str = "1;34";
const BOLD: &str = "1";

fn paint(text: &str, code: &str, color: bool) -> String {
    if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
}

/// One URL: headline, every place, help and suggestion.
fn finding(out: &mut String, r: &LinkResult, audit: &Audit, style: Style<'_>) {
    let sev = severity(r.action);
    let code = if sev == Severity::Error { RED } else { YELLOW };
    let head = format!("{sev}[{}/{}]", dead_link::INFO.code, dead_link::INFO.name);
    let _ = writeln!(out, "{}: {}", paint(&head, code, style.color), paint(&headline(r, audit), BOLD, style.color));
    let arrow = paint("-->", BLUE, style.color);
    for (i, place) in r.target.places.iter().enumerate() {
        let at = place.start();
        let what = if i == 0 {
            format!("{}: {}", place.field.as_str(), r.outcome.class)
        } else {
            format!("also used here ({})", place.field.as_str())
        };
        let file = one_line(&style.names.show(&place.file.name)).into_owned();
        let _ = writeln!(out, "  {arrow} {file}:{}:{}: {what}", at.line, at.column);
    }
    if let Some(h) = help(r) {
        let _ = writeln!(out, "  = {}: {h}", paint("help", BOLD, style.color));
    }
    if let Some(s) = suggestion(r) {
        let _ = writeln!(out, "  = {}: {s}", paint("archived", BOLD, style.color));
    }
}
