//! The Markdown format for a link audit: a report for a person (the weekly
//! job summary). A summary table by class, then what needs doing: dead
//! links with their places and how long they have failed, newly broken
//! links, recovered links, redirects to update, other problems, warnings.

use std::fmt::Write as _;

use super::{age, reported, scope, suggestion};
use crate::config::links::Action;
use crate::links::audit::{Audit, LinkResult, State};
use crate::links::classify::Class;
use crate::report::repo_path;
use crate::report::visible::one_line;

/// Renders the report; `base` is the corpus root relative to the repository.
#[must_use]
pub fn render(audit: &Audit, base: &str) -> String {
    let mut out = String::from("# Link audit\n\n");
    let _ = writeln!(
        out,
        "Audited {} on {}.{}\n",
        scope(audit),
        audit.now.strftime("%Y-%m-%d %H:%M UTC"),
        if audit.history && audit.history_error.is_none() {
            ""
        } else {
            " **No history was available**: dead links cannot be told from new failures."
        },
    );
    out.push_str("| Class | Links |\n| --- | ---: |\n");
    for class in Class::ALL {
        let _ = writeln!(out, "| {class} | {} |", audit.count(class));
    }
    out.push('\n');

    let dead: Vec<&LinkResult> = audit.results.iter().filter(|r| matches!(r.state, State::Dead { .. })).collect();
    if dead.is_empty() {
        out.push_str("No dead links.\n\n");
    } else {
        let _ = writeln!(out, "## Dead links ({})\n", dead.len());
        for r in dead {
            let State::Dead { failures, since } = r.state else { continue };
            let _ = writeln!(out, "### <{}>\n", cell(&r.target.url));
            let _ = writeln!(
                out,
                "{} · failing since {} ({}, {failures} consecutive audits)\n",
                one_line(&r.outcome.detail),
                since.strftime("%Y-%m-%d"),
                age(since, audit.now)
            );
            for p in &r.target.places {
                let s = p.start();
                let _ = writeln!(
                    out,
                    "- `{}:{}:{}` ({})",
                    one_line(&repo_path(base, &p.file.name)),
                    s.line,
                    s.column,
                    p.field.as_str()
                );
            }
            if let Some(archived) = suggestion(r) {
                let _ = writeln!(out, "- archived copy: {}", cell(&archived));
            }
            out.push('\n');
        }
    }

    table(
        &mut out,
        "Newly broken",
        "Reported as dead if they fail again in the next audits.",
        &["Link", "Result", "Failing since", "Places", "Archived copy"],
        audit.results.iter().filter(|r| matches!(r.state, State::NewlyBroken { .. })),
        |r| {
            let State::NewlyBroken { since, .. } = r.state else { return Vec::new() };
            let archived = suggestion(r).map_or_else(|| "none found".to_owned(), |s| cell(&s));
            vec![cell(&r.outcome.detail), since.strftime("%Y-%m-%d").to_string(), places(r, base), archived]
        },
    );
    table(
        &mut out,
        "Recovered",
        "Failed in an earlier audit, work now.",
        &["Link", "Was failing since"],
        audit.results.iter().filter(|r| matches!(r.state, State::Recovered { .. })),
        |r| match r.state {
            State::Recovered { since: Some(s) } => vec![s.strftime("%Y-%m-%d").to_string()],
            _ => vec!["unknown".to_owned()],
        },
    );
    table(
        &mut out,
        "Redirects to update",
        "Permanent redirects: the link works, but its address has moved.",
        &["Link", "New address", "Places"],
        audit.results.iter().filter(|r| r.outcome.class == Class::Redirected && r.outcome.update_to().is_some()),
        |r| vec![format!("<{}>", cell(r.outcome.update_to().unwrap_or(""))), places(r, base)],
    );
    table(
        &mut out,
        "Other problems",
        "Refusals, throttling and transport failures say nothing certain about the link; they are checked again next time.",
        &["Link", "Class", "Result", "Places"],
        reported(audit).filter(|r| {
            r.state == State::Current && r.outcome.class != Class::Redirected && r.action != Action::Ignore
        }),
        |r| vec![r.outcome.class.to_string(), cell(&r.outcome.detail), places(r, base)],
    );
    out.push_str(&super::problems::markdown(&audit.problems, base));
    if !audit.warnings.is_empty() {
        out.push_str("## Warnings\n\n");
        for w in &audit.warnings {
            let _ = writeln!(out, "- {}", one_line(w));
        }
        out.push('\n');
    }
    out
}

/// A section with a table whose first column is the link, or nothing when empty.
fn table<'a>(
    out: &mut String,
    title: &str,
    intro: &str,
    header: &[&str],
    rows: impl Iterator<Item = &'a LinkResult>,
    cells: impl Fn(&LinkResult) -> Vec<String>,
) {
    let rows: Vec<&LinkResult> = rows.collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {title} ({})\n\n{intro}\n", rows.len());
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
    for r in rows {
        let mut row = vec![format!("<{}>", cell(&r.target.url))];
        row.extend(cells(r));
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// Every place of a result, for a table cell.
fn places(r: &LinkResult, base: &str) -> String {
    r.target
        .places
        .iter()
        .map(|p| {
            let s = p.start();
            format!("`{}:{}:{}`", cell(&repo_path(base, &p.file.name)), s.line, s.column)
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text safe inside a table cell.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}
