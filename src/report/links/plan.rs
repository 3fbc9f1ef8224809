//! `links --dump` (the URLs found, with their places) and `links --offline`
//! (what an audit would fetch), in the human, concise and JSON formats.

use std::fmt::Write as _;

use serde::Serialize;

use super::{LinksFormat, problems};
use crate::links::Place;
use crate::links::plan::{Dump, Plan, Planned};
use crate::report::visible::one_line;
use crate::report::{Names, repo_path};

#[derive(Serialize)]
struct JsonPlace {
    file: String,
    line: usize,
    column: usize,
    field: &'static str,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    url: &'a str,
    /// `fetch`, `doi`, `reuse` or `excluded` (`--offline` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'static str>,
    /// The host asked, why it is excluded, or when it was checked (`--offline` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    places: Vec<JsonPlace>,
}

fn json_places(places: &[Place], base: &str) -> Vec<JsonPlace> {
    places
        .iter()
        .map(|p| {
            let at = p.start();
            JsonPlace { file: repo_path(base, &p.file.name), line: at.line, column: at.column, field: p.field.as_str() }
        })
        .collect()
}

fn place(p: &Place, base: &str) -> String {
    let at = p.start();
    format!("{}:{}:{}", one_line(&repo_path(base, &p.file.name)), at.line, at.column)
}

/// Every URL with its places. Formats other than concise and JSON render as human.
#[must_use]
pub fn dump(listed: &Dump, format: LinksFormat, base: &str, names: &Names) -> String {
    let (targets, files) = (&listed.targets, listed.files);
    let mut out = String::new();
    if format != LinksFormat::Json {
        out.push_str(&problems::lines(&listed.problems, names));
    }
    match format {
        LinksFormat::Json => {
            let links: Vec<JsonLink<'_>> = targets
                .iter()
                .map(|t| JsonLink { url: &t.url, action: None, detail: None, places: json_places(&t.places, base) })
                .collect();
            let problems = problems::json(&listed.problems);
            let doc = serde_json::json!({ "version": 1, "files": files, "links": links, "problems": problems });
            out = serde_json::to_string_pretty(&doc).unwrap_or_default();
            out.push('\n');
        }
        LinksFormat::Concise => {
            for t in targets {
                for p in &t.places {
                    let _ = writeln!(out, "{}: {} ({})", place(p, base), t.url, p.field.as_str());
                }
            }
        }
        _ => {
            for t in targets {
                let _ = writeln!(out, "{}", t.url);
                for p in &t.places {
                    let _ = writeln!(out, "    {} ({})", place(p, base), p.field.as_str());
                }
            }
            let places: usize = targets.iter().map(|t| t.places.len()).sum();
            let _ = writeln!(
                out,
                "{} link{} in {places} place{} in {files} file{}.",
                targets.len(),
                s(targets.len()),
                s(places),
                s(files)
            );
        }
    }
    out
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn action(planned: &Planned) -> (&'static str, String) {
    match planned {
        Planned::Fetch { host } => ("fetch", host.clone()),
        Planned::Doi { resolver } => ("doi", format!("the DOI resolver's handle API at {resolver}")),
        Planned::Reuse { checked_at } => ("reuse", format!("worked at {checked_at}")),
        Planned::Excluded { why } => ("excluded", why.clone()),
    }
}

/// The one-line summary of a plan.
#[must_use]
pub fn plan_summary(plan: &Plan) -> String {
    let reused = plan.items.iter().filter(|i| matches!(i.planned, Planned::Reuse { .. })).count();
    let excluded = plan.items.iter().filter(|i| matches!(i.planned, Planned::Excluded { .. })).count();
    let (fetched, hosts) = (plan.fetched(), plan.hosts().len());
    format!(
        "Offline: {} link{} found; would fetch {fetched} from {hosts} host{}, with up to {} soft-404 probe{}; {reused} reused from earlier audits, {excluded} not fetched. No request was sent.\n",
        plan.items.len(),
        s(plan.items.len()),
        s(hosts),
        plan.probes,
        s(plan.probes)
    )
}

/// What an audit would do. Formats other than concise and JSON render as human.
#[must_use]
pub fn offline(plan: &Plan, format: LinksFormat, base: &str, names: &Names) -> String {
    let mut out = String::new();
    if format != LinksFormat::Json {
        out.push_str(&problems::lines(&plan.problems, names));
    }
    match format {
        LinksFormat::Json => {
            let links: Vec<JsonLink<'_>> = plan
                .items
                .iter()
                .map(|i| {
                    let (action, detail) = action(&i.planned);
                    JsonLink {
                        url: &i.target.url,
                        action: Some(action),
                        detail: Some(detail),
                        places: json_places(&i.target.places, base),
                    }
                })
                .collect();
            let doc = serde_json::json!({
                "version": 1,
                "offline": true,
                "summary": {"urls": plan.items.len(), "fetch": plan.fetched(), "hosts": plan.hosts().len(), "probes": plan.probes, "files": plan.files},
                "links": links,
                "warnings": plan.warnings,
                "problems": problems::json(&plan.problems),
            });
            out = serde_json::to_string_pretty(&doc).unwrap_or_default();
            out.push('\n');
            return out;
        }
        LinksFormat::Concise => {
            for i in &plan.items {
                let (action, detail) = action(&i.planned);
                let _ = writeln!(out, "{action} {} ({})", one_line(&i.target.url), one_line(&detail));
            }
        }
        _ => {
            for (title, pick) in [
                (
                    "Would fetch",
                    (|p: &Planned| matches!(p, Planned::Fetch { .. } | Planned::Doi { .. })) as fn(&Planned) -> bool,
                ),
                ("Reused from earlier audits", |p| matches!(p, Planned::Reuse { .. })),
                ("Not fetched", |p| matches!(p, Planned::Excluded { .. })),
            ] {
                let items: Vec<_> = plan.items.iter().filter(|i| pick(&i.planned)).collect();
                if items.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "{title} ({}):", items.len());
                for i in items {
                    let (_, detail) = action(&i.planned);
                    let first = i.target.places.first().map(|p| place(p, base)).unwrap_or_default();
                    let _ = writeln!(out, "  {}  ({}; {first})", one_line(&i.target.url), one_line(&detail));
                }
                out.push('\n');
            }
        }
    }
    for w in &plan.warnings {
        let _ = writeln!(out, "warning: {}", one_line(w));
    }
    out.push_str(&plan_summary(plan));
    out
}
