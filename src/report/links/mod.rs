//! Rendering a link audit. Each format renders from the same
//! [`Audit`]; the words for each result are chosen here once, so that the
//! formats agree.

pub mod concise;
pub mod evidence;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod problems;
mod svg;

use std::fmt::Write as _;

use crate::config::links::Action;
use crate::diagnostic::{Diagnostic, Severity};
use crate::links::audit::{Audit, LinkResult, State};
use crate::links::classify::Class;
use crate::report::visible::one_line;
use crate::rules::dead_link;

crate::choice::choice! {
    /// Output formats of `links`.
    pub enum LinksFormat {
        /// Each failing URL once with all its places and what to do.
        Human = "human",
        /// One line per place: `file:line:col: severity[code/rule] message`.
        Concise = "concise",
        /// One JSON document with every URL.
        Json = "json",
        /// A report for a person: summary table, dead links, newly broken, recovered, redirects to update.
        Markdown = "markdown",
        /// GitHub Actions annotations, one per place.
        Github = "github",
        /// One self-contained HTML page: totals, what needs doing, a chart of recent audits.
        Html = "html",
    }
}

/// Renders `audit`. `base` is the corpus root relative to the working
/// directory (the repository in CI), which paths start from; `color`
/// applies to the human format only.
#[must_use]
pub fn render(audit: &Audit, format: LinksFormat, base: &str, names: &crate::report::Names, color: bool) -> String {
    match format {
        LinksFormat::Human => human::render(audit, human::Style { color, names }),
        LinksFormat::Concise => concise::render(audit, names),
        LinksFormat::Json => json::render(audit),
        LinksFormat::Markdown => markdown::render(audit, base),
        LinksFormat::Github => github::render(audit, base),
        LinksFormat::Html => html::render(audit, base),
    }
}

/// The results a report shows as findings (policy `warn` or `fail`), errors first.
pub fn reported(audit: &Audit) -> impl Iterator<Item = &LinkResult> {
    let mut shown: Vec<&LinkResult> = audit.results.iter().filter(|r| r.action != Action::Ignore).collect();
    shown.sort_by(|a, b| b.action.cmp(&a.action).then_with(|| a.target.url.cmp(&b.target.url)));
    shown.into_iter()
}

/// The severity a finding is shown with.
#[must_use]
pub fn severity(action: Action) -> Severity {
    match action {
        Action::Fail => Severity::Error,
        Action::Warn => Severity::Warning,
        Action::Ignore => Severity::Info,
    }
}

/// "3 days", "1 day", "less than a day".
#[must_use]
pub fn age(since: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let days = now.duration_since(since).as_hours() / 24;
    match days {
        ..=0 => "less than a day".to_owned(),
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    }
}

/// The sentence for one result, on one line whatever the URL, the server's
/// answer or the redirect target hold.
#[must_use]
pub fn headline(r: &LinkResult, audit: &Audit) -> String {
    let url = one_line(&r.target.url);
    let detail = one_line(&r.outcome.detail);
    match r.state {
        State::Dead { failures, since } => format!(
            "dead link {url} ({detail}), failing in {failures} consecutive audits since {} ({})",
            since.strftime("%Y-%m-%d"),
            age(since, audit.now)
        ),
        State::NewlyBroken { failures, .. } => {
            let left = audit.failures_before_dead.saturating_sub(failures);
            let audits = if left == 1 { "audit" } else { "audits" };
            format!("newly broken link {url} ({detail}); reported as dead if it fails {left} more {audits}")
        }
        _ => match r.outcome.class {
            Class::Redirected => format!(
                "{url} permanently redirects to {}",
                one_line(r.outcome.update_to().unwrap_or(r.outcome.redirects.last().map_or("", |h| h.to.as_str())))
            ),
            Class::Blocked => format!("{url} refused the check ({detail})"),
            Class::RateLimited => format!("{url} was rate-limited ({detail})"),
            Class::Timeout => format!("{url} did not answer in time ({detail})"),
            Class::Network => format!("{url} could not be reached ({detail})"),
            Class::Excluded => format!("{url} was not checked ({detail})"),
            Class::Broken => format!("broken link {url} ({detail})"),
            Class::Ok => format!("{url} works ({detail})"),
        },
    }
}

/// How to act on one result.
#[must_use]
pub fn help(r: &LinkResult) -> Option<String> {
    match (r.state, r.outcome.class) {
        (State::Dead { .. } | State::NewlyBroken { .. }, _) => {
            Some("find the document's new address (publisher's site, DOI, web archive) or remove the link".to_owned())
        }
        (_, Class::Redirected) => r.outcome.update_to().map(|to| format!("update the link to {}", one_line(to))),
        (_, Class::Blocked) => Some("open it in a browser; if it works there, the site only turns away scripts".into()),
        (_, Class::RateLimited | Class::Timeout | Class::Network) => {
            Some("a transient failure says nothing about the link; the next audit checks it again".into())
        }
        _ => None,
    }
}

/// The archived copy to suggest, as "URL (taken YYYY-MM-DD)", on one line.
#[must_use]
pub fn suggestion(r: &LinkResult) -> Option<String> {
    r.archived.as_ref().map(|s| format!("{} (taken {})", one_line(&s.url), s.timestamp.strftime("%Y-%m-%d")))
}

/// One diagnostic per place (for annotations, which have one place each).
#[must_use]
pub fn per_place(r: &LinkResult, audit: &Audit) -> Vec<Diagnostic> {
    let message = headline(r, audit);
    r.target
        .places
        .iter()
        .map(|place| {
            let mut d = Diagnostic::new(&dead_link::INFO, &place.file, place.span, message.clone());
            d.severity = severity(r.action);
            d.help = match (help(r), suggestion(r)) {
                (Some(h), Some(s)) => Some(format!("{h}; archived copy: {s}")),
                (h, s) => h.or(s.map(|s| format!("archived copy: {s}"))),
            };
            d
        })
        .collect()
}

/// "Audited 12 links (…): 1 dead, 2 newly broken, 1 blocked."
#[must_use]
pub fn summary_line(audit: &Audit) -> String {
    let dead = audit.results.iter().filter(|r| matches!(r.state, State::Dead { .. })).count();
    let newly = audit.results.iter().filter(|r| matches!(r.state, State::NewlyBroken { .. })).count();
    let mut parts = Vec::new();
    if dead > 0 {
        parts.push(format!("{dead} dead"));
    }
    if newly > 0 {
        parts.push(format!("{newly} newly broken"));
    }
    for class in Class::ALL.into_iter().filter(|c| !matches!(c, Class::Broken | Class::Ok)) {
        let n = audit.count(class);
        if n > 0 {
            parts.push(format!("{n} {class}"));
        }
    }
    let outcome = if audit.results.is_empty() {
        "no links to check".to_owned()
    } else if parts.is_empty() {
        "all links work".to_owned()
    } else {
        parts.join(", ")
    };
    let mut line = format!("Audited {}: {outcome}.", scope(audit));
    let files: std::collections::HashSet<&str> = audit.problems.iter().map(|d| d.file.name.as_str()).collect();
    if !files.is_empty() {
        let n = files.len();
        let _ = write!(
            line,
            " {n} file{} could not be read or parsed: {} not audited.",
            plural(n),
            if n == 1 { "its links were" } else { "their links were" }
        );
    }
    if audit.history_error.is_some() {
        line.push_str(" The link history could not be used: every link was checked as if for the first time, so none can be reported dead.");
    }
    line.push('\n');
    line
}

/// "12 links (20 places in 5 files; 7 reused from earlier audits)".
#[must_use]
pub fn scope(audit: &Audit) -> String {
    let (links, places) = (audit.results.len(), audit.places());
    format!(
        "{links} link{} ({places} place{} in {} file{}; {} reused from earlier audits)",
        plural(links),
        plural(places),
        audit.files,
        plural(audit.files),
        audit.reused(),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
