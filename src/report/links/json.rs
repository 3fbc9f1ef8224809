//! The JSON format for a link audit (version 1): every URL with its class,
//! standing over audits and places, a summary and the warnings.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{headline, severity};
use crate::config::links::Action;
use crate::links::audit::{Audit, LinkResult, State};
use crate::links::classify::{Class, Reason, Redirect};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    audited_at: String,
    history: bool,
    summary: Summary,
    links: Vec<Link<'a>>,
    warnings: &'a [String],
    /// Files that could not be read or parsed, as `check --format json` reports them.
    problems: serde_json::Value,
}

#[derive(Serialize)]
struct Summary {
    urls: usize,
    places: usize,
    files: usize,
    reused: usize,
    classes: BTreeMap<&'static str, usize>,
    dead: usize,
    newly_broken: usize,
    recovered: usize,
    fails: bool,
}

#[derive(Serialize)]
struct Link<'a> {
    url: &'a str,
    class: Class,
    status: Option<u16>,
    detail: &'a str,
    /// Why, when the status alone does not say: `soft-404`, `home-page-redirect`,
    /// `doi-registered`, `doi-not-registered`, `unknown-host`, or null.
    reason: Option<Reason>,
    /// `dead`, `newly-broken`, `recovered` or null.
    state: Option<&'static str>,
    failures: Option<u32>,
    failing_since: Option<String>,
    update_to: Option<&'a str>,
    redirects: &'a [Redirect],
    requests: u32,
    cached: bool,
    /// The web archive's copy closest to when the link last worked (`--suggest`), or null.
    archived: Option<Archived>,
    checked_at: String,
    /// `error`, `warning` or null (not reported).
    severity: Option<&'static str>,
    message: String,
    places: Vec<Place<'a>>,
}

#[derive(Serialize)]
struct Archived {
    url: String,
    timestamp: String,
}

#[derive(Serialize)]
struct Place<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    field: &'static str,
}

/// The JSON document, pretty-printed, with a final newline.
#[must_use]
pub fn render(audit: &Audit) -> String {
    let count = |f: fn(&State) -> bool| audit.results.iter().filter(|r| f(&r.state)).count();
    let doc = Document {
        version: 1,
        audited_at: audit.now.to_string(),
        history: audit.history,
        summary: Summary {
            urls: audit.results.len(),
            places: audit.places(),
            files: audit.files,
            reused: audit.reused(),
            classes: Class::ALL.iter().map(|c| (c.as_str(), audit.count(*c))).collect(),
            dead: count(|s| matches!(s, State::Dead { .. })),
            newly_broken: count(|s| matches!(s, State::NewlyBroken { .. })),
            recovered: count(|s| matches!(s, State::Recovered { .. })),
            fails: audit.fails(),
        },
        links: audit.results.iter().map(|r| link(r, audit)).collect(),
        warnings: &audit.warnings,
        problems: super::problems::json(&audit.problems),
    };
    // A problem's fix carries its new text exactly (see `visible::json_escaped`).
    let mut s = crate::report::visible::json_escaped(serde_json::to_string_pretty(&doc).unwrap_or_default());
    s.push('\n');
    s
}

fn link<'a>(r: &'a LinkResult, audit: &Audit) -> Link<'a> {
    let (state, failures, since) = match r.state {
        State::Dead { failures, since } => (Some("dead"), Some(failures), Some(since)),
        State::NewlyBroken { failures, since } => (Some("newly-broken"), Some(failures), Some(since)),
        State::Recovered { since } => (Some("recovered"), None, since),
        State::Current => (None, None, None),
    };
    Link {
        url: &r.target.url,
        class: r.outcome.class,
        status: r.outcome.status,
        detail: &r.outcome.detail,
        reason: r.outcome.reason,
        state,
        failures,
        failing_since: since.map(|s| s.to_string()),
        update_to: r.outcome.update_to(),
        redirects: &r.outcome.redirects,
        requests: r.outcome.requests,
        cached: r.cached,
        archived: r.archived.as_ref().map(|s| Archived { url: s.url.clone(), timestamp: s.timestamp.to_string() }),
        checked_at: r.checked_at.to_string(),
        severity: (r.action != Action::Ignore).then(|| severity(r.action).as_str()),
        message: headline(r, audit),
        places: r
            .target
            .places
            .iter()
            .map(|p| {
                let (start, end) = (p.start(), p.end());
                Place {
                    file: &p.file.name,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    field: p.field.as_str(),
                }
            })
            .collect(),
    }
}
