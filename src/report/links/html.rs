//! The HTML format for a link audit: one self-contained page (inline CSS
//! and SVG, no script, nothing fetched from elsewhere) that a person opens
//! from the weekly workflow's artifacts. Totals by class, a chart of the
//! recent audits, then what needs doing: dead and newly broken links with
//! every place, since when they fail and their archived copy; redirects to
//! update; other problems; recovered links; warnings.
//!
//! Every address in the page came from a cell, a file name or a server, and a
//! person clicks it, so only what an audit would fetch is ever an `href`:
//! http and https URLs that pass the address guard (no loopback, private or
//! metadata address literal, whatever `--allow-private` said for the audit);
//! anything else is shown as text. Places link to their files by relative
//! `./` paths, percent-encoded, so that no file name can choose a scheme.
//! A Content-Security-Policy forbids scripts outright, as a second line.

use std::fmt::Write as _;

use super::evidence::EvidenceSection;
use super::{reported, scope, suggestion, svg};
use crate::config::links::Action;
use crate::links::audit::{Audit, LinkResult, RunSummary, State};
use crate::links::classify::Class;
use crate::links::guard::Guard;
use crate::report::repo_path;
use crate::report::sarif::uri;

/// No script, no plugin, nothing fetched: only the page's own styles and inline SVG.
const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}\
main{max-width:1100px;margin:0 auto;padding:24px}h1{margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}\
th{background:#f0f0f0}td.n{text-align:right}table.totals{width:auto}a{color:#0b57d0;word-break:break-all}\
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:6px;border-radius:2px}.axis{font-size:11px;fill:#555}\
.note{color:#555}.places{margin:0;padding-left:1.1em}p.ok{color:#2e7d32}";

/// Renders the page; `base` is the corpus root relative to the repository,
/// so that each place links to its file (`cells/drug/B2.yaml#L9`).
#[must_use]
pub fn render(audit: &Audit, base: &str) -> String {
    render_with(audit, base, None)
}

/// [`render`] with the "Evidence" section after the chart when the history
/// holds the evidence audit's answers.
#[must_use]
pub fn render_with(audit: &Audit, base: &str, evidence: Option<&EvidenceSection>) -> String {
    let when = audit.now.strftime("%Y-%m-%d %H:%M UTC").to_string();
    let extra = if evidence.is_some() { super::evidence::STYLE } else { "" };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Link audit {}</title>\n<style>{STYLE}{extra}</style>\n</head>\n<body>\n<main>\n<h1>Link audit</h1>\n",
        esc(&when)
    );
    let _ = writeln!(out, "<p class=\"scope\">Audited {} on {}.</p>", esc(&scope(audit)), esc(&when));
    if !audit.history || audit.history_error.is_some() {
        out.push_str("<p class=\"note\"><strong>No history was available</strong>: dead links cannot be told from new failures.</p>\n");
    }
    totals(&mut out, audit);
    trend(&mut out, audit);
    if let Some(section) = evidence {
        out.push_str(&super::evidence::html(section, audit, base));
    }
    let failing = |pick: fn(&State) -> bool| audit.results.iter().filter(move |r| pick(&r.state)).collect::<Vec<_>>();
    let dead = failing(|s| matches!(s, State::Dead { .. }));
    let newly = failing(|s| matches!(s, State::NewlyBroken { .. }));
    if dead.is_empty() && newly.is_empty() {
        out.push_str("<p class=\"ok\" id=\"no-dead\">No dead or newly broken links.</p>\n");
    }
    let failing_header = ["Link", "Result", "Failing since", "Places", "Archived copy"];
    section(
        &mut out,
        "dead",
        "Dead links",
        "Failed in consecutive audits: find the document's new address, or remove the link.",
        &failing_header,
        &dead,
        |r| failing_row(r, base),
    );
    section(
        &mut out,
        "newly-broken",
        "Newly broken",
        "Reported as dead if they fail again in the next audits.",
        &failing_header,
        &newly,
        |r| failing_row(r, base),
    );
    let redirects: Vec<&LinkResult> = audit
        .results
        .iter()
        .filter(|r| r.outcome.class == Class::Redirected && r.outcome.update_to().is_some())
        .collect();
    section(
        &mut out,
        "redirects",
        "Redirects to update",
        "Permanent redirects: the link works, but its address has moved.",
        &["Link", "New address", "Places"],
        &redirects,
        |r| vec![link(r.outcome.update_to().unwrap_or("")), places(r, base)],
    );
    let other: Vec<&LinkResult> = reported(audit)
        .filter(|r| r.state == State::Current && r.outcome.class != Class::Redirected && r.action != Action::Ignore)
        .collect();
    section(
        &mut out,
        "other",
        "Other problems",
        "Refusals, throttling and transport failures say nothing certain about the link; they are checked again next time.",
        &["Link", "Class", "Result", "Places"],
        &other,
        |r| vec![esc(r.outcome.class.as_str()), esc(&r.outcome.detail), places(r, base)],
    );
    let recovered = failing(|s| matches!(s, State::Recovered { .. }));
    section(
        &mut out,
        "recovered",
        "Recovered",
        "Failed in an earlier audit, work now.",
        &["Link", "Was failing since"],
        &recovered,
        |r| {
            vec![match r.state {
                State::Recovered { since: Some(s) } => s.strftime("%Y-%m-%d").to_string(),
                _ => "unknown".to_owned(),
            }]
        },
    );
    out.push_str(&super::problems::html(&audit.problems, base, esc));
    if !audit.warnings.is_empty() {
        out.push_str("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
        for w in &audit.warnings {
            let _ = writeln!(out, "<li>{}</li>", esc(w));
        }
        out.push_str("</ul>\n</section>\n");
    }
    let _ = write!(
        out,
        "<footer class=\"note\"><p>matrixlint {} · <code>matrixlint links --format html</code></p></footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn totals(out: &mut String, audit: &Audit) {
    out.push_str("<section id=\"totals\">\n<h2>Totals by class</h2>\n<table class=\"totals\">\n<thead><tr><th>Class</th><th>Links</th></tr></thead>\n<tbody>\n");
    for class in Class::ALL {
        let _ = writeln!(
            out,
            "<tr class=\"{0}\"><td><span class=\"swatch\" style=\"background:{1}\"></span>{0}</td><td class=\"n\">{2}</td></tr>",
            class.as_str(),
            svg::colour(class),
            audit.count(class)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn trend(out: &mut String, audit: &Audit) {
    let now = [RunSummary { at: audit.now, classes: Class::ALL.iter().map(|c| (*c, audit.count(*c))).collect() }];
    let runs: &[RunSummary] = if audit.trend.is_empty() { &now } else { &audit.trend };
    let _ = writeln!(out, "<section id=\"trend\">\n<h2>Recent audits</h2>\n<figure>\n{}", svg::chart(runs));
    out.push_str("<figcaption>");
    for class in Class::ALL {
        let _ = write!(
            out,
            "<span class=\"swatch\" style=\"background:{}\"></span>{} ",
            svg::colour(class),
            class.as_str()
        );
    }
    out.push_str("</figcaption>\n</figure>\n</section>\n");
}

/// A section with a table whose first column is the link, or nothing when there are no rows.
fn section(
    out: &mut String,
    id: &str,
    title: &str,
    intro: &str,
    header: &[&str],
    rows: &[&LinkResult],
    cells: impl Fn(&LinkResult) -> Vec<String>,
) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"{id}\">\n<h2>{} ({})</h2>\n<p class=\"note\">{}</p>\n<table>",
        esc(title),
        rows.len(),
        esc(intro)
    );
    let heads: Vec<String> = header.iter().map(|h| format!("<th>{}</th>", esc(h))).collect();
    let _ = writeln!(out, "<thead><tr>{}</tr></thead>\n<tbody>", heads.concat());
    for r in rows {
        let mut row = vec![link(&r.target.url)];
        row.extend(cells(r));
        let tds: Vec<String> = row.iter().map(|c| format!("<td>{c}</td>")).collect();
        let _ = writeln!(out, "<tr>{}</tr>", tds.concat());
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn failing_row(r: &LinkResult, base: &str) -> Vec<String> {
    let since = match r.state {
        State::Dead { since, failures } => format!("{} ({failures} audits)", since.strftime("%Y-%m-%d")),
        State::NewlyBroken { since, .. } => since.strftime("%Y-%m-%d").to_string(),
        _ => String::new(),
    };
    let archived = match (&r.archived, suggestion(r)) {
        (Some(s), Some(text)) => anchor(&s.url, &text),
        _ => "<span class=\"note\">none found</span>".to_owned(),
    };
    vec![esc(&r.outcome.detail), since, places(r, base), archived]
}

fn link(url: &str) -> String {
    anchor(url, url)
}

/// `text` linking to `url` when a report may link it (see the module's
/// comment), else `text` alone, saying why it is not a link.
fn anchor(url: &str, text: &str) -> String {
    match Guard::new(false).linkable(url) {
        Ok(parsed) => format!("<a href=\"{}\">{}</a>", esc(parsed.as_str()), esc(text)),
        Err(why) => format!("<span class=\"unlinked\" title=\"not linked: {}\">{}</span>", esc(&why), esc(text)),
    }
}

/// The relative address of a corpus file: `./` then its path with every
/// reserved byte percent-encoded, so `javascript:x.yaml` stays a file name.
fn file_href(path: &str) -> String {
    format!("./{}", uri(path))
}

/// Every place of a result, each a link to its file and line.
fn places(r: &LinkResult, base: &str) -> String {
    let items: Vec<String> = r
        .target
        .places
        .iter()
        .map(|p| {
            let at = p.start();
            let file = repo_path(base, &p.file.name);
            format!(
                "<li><a href=\"{}#L{}\">{}:{}:{}</a> ({})</li>",
                esc(&file_href(&file)),
                at.line,
                esc(&file),
                at.line,
                at.column,
                p.field.as_str()
            )
        })
        .collect();
    format!("<ul class=\"places\">{}</ul>", items.concat())
}

/// Text safe in HTML content and attribute values.
#[must_use]
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::report::visible::one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}
