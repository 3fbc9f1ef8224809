//! The `links` section: how `matrixlint links` audits external URLs.
//!
//! Every field has a default sized for politeness towards the publishers the
//! matrices link to (a few hundred distinct hosts, one of them holding most
//! links), so an empty section is a sensible audit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `links` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LinksConfig {
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host (`host:port`).
    pub per_host_concurrency: usize,
    /// Least time between the starts of two requests to one host, in milliseconds.
    pub per_host_interval_ms: u64,
    /// Time allowed to open a connection, in milliseconds.
    pub connect_timeout_ms: u64,
    /// Time allowed for one request from start to the headers (and the few bytes read), in milliseconds.
    pub timeout_ms: u64,
    /// Retries after a 429, a 5xx, a timeout or a connection error.
    pub retries: u32,
    /// First backoff before a retry, in milliseconds; it doubles with each retry, with jitter.
    pub retry_base_ms: u64,
    /// Longest `Retry-After` honoured, in seconds; a server asking for more is reported as rate-limited.
    pub retry_after_cap_s: u64,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// URLs matching any of these regular expressions are not fetched (class `excluded`).
    pub exclude: Vec<Pattern>,
    /// Extra request headers per host: host → header name → environment variable holding the value.
    pub headers: BTreeMap<String, BTreeMap<String, String>>,
    /// The history database, relative to the corpus root.
    pub history: PathBuf,
    /// How long a successful check is reused by later audits, in hours (0: never).
    pub max_age_hours: u64,
    /// Consecutive audits a link must fail before it is reported as dead.
    pub failures_before_dead: u32,
    /// The User-Agent sent with every request.
    pub user_agent: String,
    /// What each class of result does to the run.
    pub policy: ExitPolicy,
}

impl Default for LinksConfig {
    fn default() -> Self {
        Self {
            concurrency: 16,
            per_host_concurrency: 2,
            per_host_interval_ms: 500,
            connect_timeout_ms: 10_000,
            timeout_ms: 30_000,
            retries: 2,
            retry_base_ms: 1_000,
            retry_after_cap_s: 120,
            max_redirects: 10,
            exclude: Vec::new(),
            headers: BTreeMap::new(),
            history: PathBuf::from(".matrixlint/links.db"),
            max_age_hours: 24,
            failures_before_dead: 2,
            user_agent: concat!(
                "matrixlint/",
                env!("CARGO_PKG_VERSION"),
                " (link audit of the Effectiveness Bank treatment matrices)"
            )
            .to_owned(),
            policy: ExitPolicy::default(),
        }
    }
}

/// What a class of result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Counted only.
    Ignore,
    /// Reported as a warning.
    Warn,
    /// Reported as an error; fails the run (for `broken`, once the link is dead).
    Fail,
}

/// The action for each class of result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ExitPolicy {
    /// Answered with a success.
    pub ok: Action,
    /// Answered after a permanent redirect (the link should be updated).
    pub redirected: Action,
    /// A definite failure: 404, 410, other 4xx, an unknown host name, a redirect loop.
    pub broken: Action,
    /// Refused: 401, 403, 451 or a bot wall.
    pub blocked: Action,
    /// Still 429 after retries, or asked to wait longer than the cap.
    pub rate_limited: Action,
    /// No answer in time.
    pub timeout: Action,
    /// Connection, TLS or server failures (5xx after retries).
    pub network: Action,
    /// Not fetched: excluded by pattern or refused by the address guard.
    pub excluded: Action,
}

impl Default for ExitPolicy {
    fn default() -> Self {
        Self {
            ok: Action::Ignore,
            redirected: Action::Warn,
            broken: Action::Fail,
            blocked: Action::Warn,
            rate_limited: Action::Warn,
            timeout: Action::Warn,
            network: Action::Warn,
            excluded: Action::Ignore,
        }
    }
}

/// A regular expression, compiled when the configuration is read so that a
/// bad pattern is reported at its place in the file.
#[derive(Debug, Clone)]
pub struct Pattern(pub Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl Eq for Pattern {}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Regex::new(&s).map(Pattern).map_err(|e| serde::de::Error::custom(format!("invalid pattern: {e}")))
    }
}

impl JsonSchema for Pattern {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "regex", "description": "A regular expression (Rust `regex` syntax)." })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_section_is_the_default() {
        let c: LinksConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(c, LinksConfig::default());
    }

    #[test]
    fn kebab_case_fields_and_policy() {
        let c: LinksConfig = serde_json::from_value(serde_json::json!({
            "per-host-concurrency": 1,
            "exclude": ["^https://example\\.org/"],
            "headers": {"api.example.org": {"Authorization": "EXAMPLE_TOKEN"}},
            "policy": {"timeout": "fail", "rate-limited": "ignore"}
        }))
        .unwrap();
        assert_eq!(c.per_host_concurrency, 1);
        assert!(c.exclude[0].0.is_match("https://example.org/x"));
        assert_eq!(c.policy.timeout, Action::Fail);
        assert_eq!(c.policy.rate_limited, Action::Ignore);
        assert_eq!(c.policy.broken, Action::Fail);
    }

    #[test]
    fn unknown_fields_and_bad_patterns_are_rejected() {
        assert!(serde_json::from_str::<LinksConfig>(r#"{"concurrenc": 3}"#).is_err());
        let e = serde_json::from_str::<LinksConfig>(r#"{"exclude": ["("]}"#).unwrap_err();
        assert!(e.to_string().contains("invalid pattern"), "{e}");
    }
}
