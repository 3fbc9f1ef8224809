//! One audit from start to end, without the network: what to fetch given the
//! history, and what the fetched results mean given the history.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};

use super::Target;
use super::classify::{Class, Outcome, Reason};
use super::history::{Prior, Record};
use crate::config::links::{Action, ExitPolicy, LinksConfig};
use crate::diagnostic::{Diagnostic, Severity};

/// The settings an audit's judgement depends on.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Consecutive failing audits before a link is dead.
    pub failures_before_dead: u32,
    /// Failing audits closer together than this count as one.
    pub failure_interval: SignedDuration,
    /// How long a success is reused; `None` with `--no-cache`.
    pub max_age: Option<SignedDuration>,
    /// What each class does.
    pub policy: ExitPolicy,
}

impl Settings {
    /// From the configuration and `--no-cache`.
    #[must_use]
    pub fn new(config: &LinksConfig, no_cache: bool) -> Self {
        let hours = i64::try_from(config.max_age_hours).unwrap_or(i64::MAX / 3600);
        Self {
            failures_before_dead: config.failures_before_dead.max(1),
            failure_interval: SignedDuration::from_hours(
                i64::try_from(config.failure_interval_hours).unwrap_or(i64::MAX / 3600).min(i64::MAX / 3600),
            ),
            max_age: (!no_cache && hours > 0).then(|| SignedDuration::from_hours(hours)),
            policy: config.policy,
        }
    }
}

/// A URL's standing over audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Nothing to say beyond the class.
    Current,
    /// Broken in fewer consecutive audits than make it dead.
    NewlyBroken {
        /// Consecutive failing audits, this one included.
        failures: u32,
        /// When the failures started.
        since: Timestamp,
    },
    /// Broken in enough consecutive audits.
    Dead {
        /// Consecutive failing audits, this one included.
        failures: u32,
        /// When the failures started.
        since: Timestamp,
    },
    /// Works again after failing.
    Recovered {
        /// When the failures had started, if known.
        since: Option<Timestamp>,
    },
}

/// One URL's place in the report.
#[derive(Debug, Clone)]
pub struct LinkResult {
    /// The URL and its places.
    pub target: Target,
    /// What the check found.
    pub outcome: Outcome,
    /// When it was checked (earlier than now when reused).
    pub checked_at: Timestamp,
    /// Reused from an earlier audit.
    pub cached: bool,
    /// Its standing over audits.
    pub state: State,
    /// What the policy does with it.
    pub action: Action,
    /// An archived copy, when `--suggest` asked for one and the archive had it.
    pub archived: Option<Snapshot>,
}

/// A copy of a page in the web archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Where to read it.
    pub url: String,
    /// When it was taken.
    pub timestamp: Timestamp,
}

/// One earlier audit, counted by class (for the trend chart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    /// When it ran.
    pub at: Timestamp,
    /// URLs per class.
    pub classes: Vec<(Class, usize)>,
}

/// A finished audit: what the reports render.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Every URL, in URL order.
    pub results: Vec<LinkResult>,
    /// Problems that did not stop the audit (no history, a missing header value).
    pub warnings: Vec<String>,
    /// When the audit ran.
    pub now: Timestamp,
    /// Whether history was available.
    pub history: bool,
    /// Files whose links were audited.
    pub files: usize,
    /// Consecutive failures before dead, for the report's words.
    pub failures_before_dead: u32,
    /// The latest audits from the history, oldest first, this one included.
    pub trend: Vec<RunSummary>,
    /// Why the history could not be read or this audit not recorded, if so:
    /// without it no link can ever become dead, so the run cannot pass.
    pub history_error: Option<String>,
    /// Files that could not be read or parsed (their links were not
    /// audited): the `read-error` and `yaml-syntax` findings of `check`.
    pub problems: Vec<Diagnostic>,
}

impl Audit {
    /// Whether the run fails: some result's action is `fail`, or a file could not be read or parsed.
    #[must_use]
    pub fn fails(&self) -> bool {
        self.results.iter().any(|r| r.action == Action::Fail) || failing(&self.problems)
    }

    /// How many URLs ended in `class`.
    #[must_use]
    pub fn count(&self, class: Class) -> usize {
        self.results.iter().filter(|r| r.outcome.class == class).count()
    }

    /// How many places use the audited URLs.
    #[must_use]
    pub fn places(&self) -> usize {
        self.results.iter().map(|r| r.target.places.len()).sum()
    }

    /// How many URLs were reused from earlier audits.
    #[must_use]
    pub fn reused(&self) -> usize {
        self.results.iter().filter(|r| r.cached).count()
    }
}

/// Whether any of `problems` fails a run (an error, not a warning).
#[must_use]
pub fn failing(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|d| d.severity == Severity::Error)
}

/// The successes of earlier audits still young enough to stand for this one.
#[must_use]
pub fn reusable(
    targets: &[Target],
    prior: &HashMap<String, Prior>,
    now: Timestamp,
    settings: &Settings,
) -> HashMap<String, (Timestamp, Outcome)> {
    let Some(max_age) = settings.max_age else { return HashMap::new() };
    targets
        .iter()
        .filter_map(|t| {
            let (at, outcome) = prior.get(&t.url)?.last_success.as_ref()?;
            let age = now.duration_since(*at);
            (age >= SignedDuration::ZERO && age <= max_age).then(|| (t.url.clone(), (*at, outcome.clone())))
        })
        .collect()
}

/// A URL's standing, from what earlier audits said and what this one found.
/// This audit's failure counts only if it comes `settings.failure_interval`
/// after the last failing audit that counted.
#[must_use]
pub fn assess(prior: Option<&Prior>, class: Class, now: Timestamp, settings: &Settings) -> State {
    let failures_before_dead = settings.failures_before_dead;
    let streak = prior.map_or(0, |p| p.streak);
    match class {
        Class::Broken => {
            let last = prior.and_then(|p| p.last_counted).filter(|_| streak > 0);
            let counts = last.is_none_or(|t| now.duration_since(t) >= settings.failure_interval);
            let failures = streak + u32::from(counts);
            let since = prior.and_then(|p| p.failing_since).filter(|_| streak > 0).unwrap_or(now);
            if failures >= failures_before_dead {
                State::Dead { failures, since }
            } else {
                State::NewlyBroken { failures, since }
            }
        }
        c if c.is_success() && prior.and_then(|p| p.last_definite) == Some(Class::Broken) => {
            State::Recovered { since: prior.and_then(|p| p.failing_since) }
        }
        _ => State::Current,
    }
}

/// Puts the audit together: `checked` are this run's fetches, `reused` the
/// successes taken from history; every target has one or the other.
#[must_use]
pub fn assemble(
    targets: Vec<Target>,
    mut checked: HashMap<String, Outcome>,
    mut reused: HashMap<String, (Timestamp, Outcome)>,
    prior: &HashMap<String, Prior>,
    now: Timestamp,
    settings: &Settings,
) -> Vec<LinkResult> {
    targets
        .into_iter()
        .map(|target| {
            let (outcome, checked_at, cached) = match reused.remove(&target.url) {
                Some((at, outcome)) => (outcome, at, true),
                None => {
                    let outcome = checked.remove(&target.url).unwrap_or_else(|| {
                        Outcome::new(Class::Network, None, "internal error: the URL was not checked")
                    });
                    (outcome, now, false)
                }
            };
            let state = assess(prior.get(&target.url), outcome.class, now, settings);
            let mut action = outcome.class.action(&settings.policy);
            if matches!(state, State::NewlyBroken { .. }) {
                action = action.min(Action::Warn);
            }
            LinkResult { target, outcome, checked_at, cached, state, action, archived: None }
        })
        .collect()
}

/// When no host name resolved in this audit, "name not found" says more
/// about the resolver than about the links: such results become `network`
/// (transient), so that they count for nothing.
pub fn unresolved_is_not_broken<'a>(outcomes: impl IntoIterator<Item = &'a mut Outcome>) {
    for o in outcomes {
        if o.class == Class::Broken && o.reason == Some(Reason::UnknownHost) {
            o.class = Class::Network;
            o.detail.push_str(" (no other host name resolved in this audit either: the resolver may be failing)");
        }
    }
}

/// The rows to write to history for `results`.
#[must_use]
pub fn records(results: &[LinkResult]) -> Vec<Record<'_>> {
    results
        .iter()
        .map(|r| Record { url: &r.target.url, outcome: &r.outcome, checked_at: r.checked_at, cached: r.cached })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn settings(failures_before_dead: u32) -> Settings {
        Settings { failures_before_dead, ..Settings::new(&LinksConfig::default(), false) }
    }

    #[test]
    fn broken_is_new_then_dead_then_recovered() {
        let now = at("2026-02-01T00:00:00Z");
        let two = settings(2);
        assert_eq!(assess(None, Class::Broken, now, &two), State::NewlyBroken { failures: 1, since: now });
        let once = Prior {
            streak: 1,
            failing_since: Some(at("2026-01-25T00:00:00Z")),
            last_counted: Some(at("2026-01-25T00:00:00Z")),
            last_definite: Some(Class::Broken),
            ..Prior::default()
        };
        assert_eq!(
            assess(Some(&once), Class::Broken, now, &two),
            State::Dead { failures: 2, since: at("2026-01-25T00:00:00Z") }
        );
        assert_eq!(
            assess(Some(&once), Class::Ok, now, &two),
            State::Recovered { since: Some(at("2026-01-25T00:00:00Z")) }
        );
        assert_eq!(assess(Some(&once), Class::Timeout, now, &two), State::Current);
        assert_eq!(assess(None, Class::Broken, now, &settings(1)), State::Dead { failures: 1, since: now });
    }

    #[test]
    fn a_failure_soon_after_the_last_counts_as_the_same_audit() {
        let failed = at("2026-02-01T00:00:00Z");
        let once = Prior {
            streak: 1,
            failing_since: Some(failed),
            last_counted: Some(failed),
            last_definite: Some(Class::Broken),
            ..Prior::default()
        };
        let two = settings(2);
        for (later, state) in [
            ("2026-02-01T00:01:00Z", State::NewlyBroken { failures: 1, since: failed }),
            ("2026-02-01T19:59:59Z", State::NewlyBroken { failures: 1, since: failed }),
            ("2026-02-01T20:00:00Z", State::Dead { failures: 2, since: failed }),
        ] {
            assert_eq!(assess(Some(&once), Class::Broken, at(later), &two), state, "{later}");
        }
    }

    #[test]
    fn unknown_hosts_are_network_when_nothing_resolved() {
        let mut unknown = Outcome::new(Class::Broken, None, "DNS name not found: x.org");
        unknown.reason = Some(Reason::UnknownHost);
        let mut gone = Outcome::new(Class::Broken, Some(410), "410 Gone");
        unresolved_is_not_broken([&mut unknown, &mut gone]);
        assert_eq!(unknown.class, Class::Network);
        assert!(
            unknown.detail.starts_with("DNS name not found: x.org (no other host name resolved"),
            "{}",
            unknown.detail
        );
        assert_eq!(gone.class, Class::Broken);
    }

    #[test]
    fn newly_broken_warns_and_dead_fails() {
        let settings = Settings::new(&LinksConfig::default(), false);
        let target = |u: &str| Target { url: u.to_owned(), places: Vec::new() };
        let now = at("2026-02-01T00:00:00Z");
        let prior = HashMap::from([(
            "https://x/dead".to_owned(),
            Prior {
                streak: 1,
                failing_since: Some(now - SignedDuration::from_hours(168)),
                last_counted: Some(now - SignedDuration::from_hours(168)),
                last_definite: Some(Class::Broken),
                ..Prior::default()
            },
        )]);
        let checked = HashMap::from([
            ("https://x/new".to_owned(), Outcome::new(Class::Broken, Some(404), "404")),
            ("https://x/dead".to_owned(), Outcome::new(Class::Broken, Some(404), "404")),
        ]);
        let results = assemble(
            vec![target("https://x/dead"), target("https://x/new")],
            checked,
            HashMap::new(),
            &prior,
            now,
            &settings,
        );
        assert_eq!(results[0].action, Action::Fail);
        assert_eq!(results[1].action, Action::Warn);
    }

    #[test]
    fn successes_are_reused_until_they_are_too_old() {
        let settings = Settings::new(&LinksConfig::default(), false);
        let checked = at("2026-02-01T00:00:00Z");
        let prior = HashMap::from([(
            "https://x/a".to_owned(),
            Prior { last_success: Some((checked, Outcome::new(Class::Ok, Some(200), "200 OK"))), ..Prior::default() },
        )]);
        let targets = vec![Target { url: "https://x/a".into(), places: Vec::new() }];
        assert_eq!(reusable(&targets, &prior, at("2026-02-01T23:00:00Z"), &settings).len(), 1);
        assert_eq!(reusable(&targets, &prior, at("2026-02-02T01:00:00Z"), &settings).len(), 0);
        let no_cache = Settings::new(&LinksConfig::default(), true);
        assert_eq!(reusable(&targets, &prior, at("2026-02-01T01:00:00Z"), &no_cache).len(), 0);
    }
}
