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
    /// Requests in flight at once, over all hosts. Soft-404 probes (one per
    /// host and path pattern) have a quarter as many slots again of their
    /// own, so that they never hold up a check; the per-host limits count them.
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
    /// Failing audits closer together than this many hours count as one
    /// toward `failures-before-dead` (a re-run the same day is not a second failure).
    pub failure_interval_hours: u64,
    /// Soft-404 detection for hosts without their own `soft-404` setting:
    /// `auto` probes each host and path pattern once per audit with an
    /// address that cannot exist; `off` trusts status codes alone.
    pub soft_404: Soft404,
    /// Settings for particular hosts (exact host names, without port).
    pub hosts: BTreeMap<String, HostConfig>,
    /// The DOI resolver whose handle API checks `doi.org` links (`{doi-resolver}/api/handles/{doi}`).
    pub doi_resolver: String,
    /// Look up archived copies of dead and newly broken links (as `--suggest` does).
    pub suggest: bool,
    /// The web archive's availability API, asked for the snapshot closest to when a link last worked.
    pub archive_api: String,
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
            failure_interval_hours: 20,
            soft_404: Soft404::Auto,
            hosts: BTreeMap::new(),
            doi_resolver: "https://doi.org".to_owned(),
            suggest: false,
            archive_api: "https://archive.org/wayback/available".to_owned(),
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

/// Whether a host is probed for soft 404s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Soft404 {
    /// Probe once per audit, per host and path pattern, with an address that cannot exist.
    #[default]
    Auto,
    /// Do not probe: status codes alone decide.
    Off,
}

/// How a host is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// HEAD first, GET when HEAD is refused.
    #[default]
    Head,
    /// GET always (for servers that answer HEAD wrongly).
    Get,
}

/// One entry of `links.hosts`: what differs for one host. Unset fields
/// take the section's values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HostConfig {
    /// Requests in flight at once to this host (default: `per-host-concurrency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub concurrency: Option<usize>,
    /// Least time between the starts of two requests to this host, in milliseconds (default: `per-host-interval-ms`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_ms: Option<u64>,
    /// `head` (HEAD first, GET when refused) or `get` (always GET).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// Extra request headers: header name → environment variable holding the value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Soft-404 probing for this host (default: the section's `soft-404`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soft_404: Option<Soft404>,
}

/// Records a configuration problem: JSON pointer, whether the key (not the
/// value) is at fault, the message and the help.
pub type Push<'a> = dyn FnMut(&str, bool, String, Option<String>) + 'a;

impl LinksConfig {
    /// The settings of `host` (lowercase), if it has any.
    #[must_use]
    pub fn host(&self, host: &str) -> Option<&HostConfig> {
        self.hosts.iter().find(|(h, _)| h.eq_ignore_ascii_case(host)).map(|(_, c)| c)
    }

    /// Every problem the schema cannot see: host names that are not host
    /// names, header names HTTP does not allow, resolver addresses that are
    /// not http(s) URLs. `push(pointer, key, message, help)` records one at
    /// its place (`key`: the problem is the mapping key, not the value).
    pub fn problems(&self, push: &mut Push<'_>) {
        for (host, settings) in &self.hosts {
            let pointer = format!("/links/hosts/{}", crate::source::pointer_token(host));
            if let Some(help) = host_name_problem(host) {
                push(&pointer, true, format!("`{host}` is not a host name"), Some(help));
            }
            header_names(&format!("{pointer}/headers"), &settings.headers, push);
        }
        for (host, headers) in &self.headers {
            header_names(&format!("/links/headers/{}", crate::source::pointer_token(host)), headers, push);
        }
        for (key, value) in [("doi-resolver", &self.doi_resolver), ("archive-api", &self.archive_api)] {
            let ok = url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
            if !ok {
                push(
                    &format!("/links/{key}"),
                    false,
                    format!("`{value}` is not an http(s) URL"),
                    Some("give the service's base address, as `https://doi.org`".to_owned()),
                );
            }
        }
    }
}

/// Reports every key of `headers` (at `pointer`) that HTTP does not allow as a header name.
fn header_names(pointer: &str, headers: &BTreeMap<String, String>, push: &mut Push<'_>) {
    for name in headers.keys().filter(|n| http::header::HeaderName::from_bytes(n.as_bytes()).is_err()) {
        push(
            &format!("{pointer}/{}", crate::source::pointer_token(name)),
            true,
            format!("`{name}` is not a valid HTTP header name"),
            Some("header names are letters, digits and `-` (`Authorization`, `X-Api-Key`)".to_owned()),
        );
    }
}

/// Why `host` is not a bare host name, as help, or `None` when it is one.
fn host_name_problem(host: &str) -> Option<String> {
    let bare = host.split("://").last().unwrap_or(host);
    let bare = bare.split(['/', '?', '#']).next().unwrap_or(bare);
    let parsed = url::Url::parse(&format!("http://{bare}/")).ok();
    let name = parsed.as_ref().and_then(|u| u.host_str().map(str::to_owned));
    match name {
        Some(name)
            if bare == host
                && parsed.as_ref().is_some_and(|u| u.port().is_none())
                && name == host.to_ascii_lowercase() =>
        {
            None
        }
        Some(name) => Some(format!("write the host alone, without scheme, port or path: `{name}`")),
        None => Some("write a host name such as `findings.org.uk`".to_owned()),
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
    fn host_names_header_names_and_service_urls_are_checked() {
        let c: LinksConfig = serde_json::from_value(serde_json::json!({
            "hosts": {
                "findings.org.uk": {"concurrency": 1, "method": "get", "soft-404": "off", "headers": {"X-Key": "K"}},
                "https://example.org/path": {},
                "example.org:8080": {"headers": {"bad name": "V"}},
                "Example.COM": {}
            },
            "headers": {"x.org": {"ok-name": "V", "no:colon": "V"}},
            "doi-resolver": "doi.org"
        }))
        .unwrap();
        let mut found = Vec::new();
        c.problems(&mut |pointer, key, message, help| found.push((pointer.to_owned(), key, message, help)));
        let shown: Vec<(&str, &str)> = found.iter().map(|(p, _, m, _)| (p.as_str(), m.as_str())).collect();
        assert_eq!(
            shown,
            [
                ("/links/hosts/example.org:8080", "`example.org:8080` is not a host name"),
                ("/links/hosts/example.org:8080/headers/bad name", "`bad name` is not a valid HTTP header name"),
                ("/links/hosts/https:~1~1example.org~1path", "`https://example.org/path` is not a host name"),
                ("/links/headers/x.org/no:colon", "`no:colon` is not a valid HTTP header name"),
                ("/links/doi-resolver", "`doi.org` is not an http(s) URL"),
            ]
        );
        assert_eq!(found[2].3.as_deref(), Some("write the host alone, without scheme, port or path: `example.org`"));
        assert_eq!(c.host("FINDINGS.org.uk").and_then(|h| h.method), Some(Method::Get));
        assert_eq!(c.host("Example.COM"), Some(&HostConfig::default()), "case does not matter");
    }

    #[test]
    fn unknown_fields_and_bad_patterns_are_rejected() {
        assert!(serde_json::from_str::<LinksConfig>(r#"{"concurrenc": 3}"#).is_err());
        let e = serde_json::from_str::<LinksConfig>(r#"{"exclude": ["("]}"#).unwrap_err();
        assert!(e.to_string().contains("invalid pattern"), "{e}");
    }
}
