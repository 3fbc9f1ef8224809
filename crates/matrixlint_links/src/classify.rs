//! What a check's answer means: the class every URL ends in.
//!
//! The point of the classes is trust: only `broken` is a definite statement
//! that the link is dead. Refusals (`blocked`), throttling (`rate-limited`)
//! and transport trouble (`timeout`, `network`) say nothing about the link
//! itself, so they never count towards "dead".

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

use super::guard::{LookupError, Refusal};
use crate::config::links::{Action, ExitPolicy};

/// The class a checked URL ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// A success, without a permanent redirect.
    Ok,
    /// A success after a permanent redirect (301/308): the link should be updated.
    Redirected,
    /// Definitely dead: 404, 410, other 4xx, an unknown host name, a redirect loop.
    Broken,
    /// Refused: 401, 403, 451 or a bot wall.
    Blocked,
    /// Still throttled after retries.
    RateLimited,
    /// No answer in time.
    Timeout,
    /// Connection, TLS or server trouble.
    Network,
    /// Not fetched (a pattern or the address guard).
    Excluded,
}

impl Class {
    /// Every class, in report order.
    pub const ALL: [Class; 8] = [
        Class::Broken,
        Class::Blocked,
        Class::RateLimited,
        Class::Timeout,
        Class::Network,
        Class::Redirected,
        Class::Excluded,
        Class::Ok,
    ];

    /// The kebab-case name used in every output and in the history.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Redirected => "redirected",
            Self::Broken => "broken",
            Self::Blocked => "blocked",
            Self::RateLimited => "rate-limited",
            Self::Timeout => "timeout",
            Self::Network => "network",
            Self::Excluded => "excluded",
        }
    }

    /// The class named `s`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether the link answered (it works, possibly after a redirect).
    #[must_use]
    pub fn is_success(self) -> bool {
        matches!(self, Self::Ok | Self::Redirected)
    }

    /// Whether the result says something about the link itself (success or
    /// broken), as opposed to a refusal or transport trouble.
    #[must_use]
    pub fn is_definite(self) -> bool {
        matches!(self, Self::Ok | Self::Redirected | Self::Broken)
    }

    /// What the configured policy does with this class.
    #[must_use]
    pub fn action(self, policy: &ExitPolicy) -> Action {
        match self {
            Self::Ok => policy.ok,
            Self::Redirected => policy.redirected,
            Self::Broken => policy.broken,
            Self::Blocked => policy.blocked,
            Self::RateLimited => policy.rate_limited,
            Self::Timeout => policy.timeout,
            Self::Network => policy.network,
            Self::Excluded => policy.excluded,
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One redirect followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    /// 301, 302, 303, 307 or 308.
    pub status: u16,
    /// Where it pointed (absolute).
    pub to: String,
}

impl Redirect {
    /// 301 and 308 say "update your link"; 302, 303 and 307 do not.
    #[must_use]
    pub fn is_permanent(&self) -> bool {
        matches!(self.status, 301 | 308)
    }
}

/// Why a result is what it is, when the status alone does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// The host name does not exist (`broken` only while other names resolve).
    #[serde(rename = "unknown-host")]
    UnknownHost,
    /// The answer matches the site's answer for an address that cannot exist.
    #[serde(rename = "soft-404")]
    Soft404,
    /// A page that redirects to the site's home page.
    #[serde(rename = "home-page-redirect")]
    HomePageRedirect,
    /// The DOI is registered (checked at the resolver; the publisher was not contacted).
    #[serde(rename = "doi-registered")]
    DoiRegistered,
    /// The DOI is not registered.
    #[serde(rename = "doi-not-registered")]
    DoiNotRegistered,
}

impl Reason {
    /// The kebab-case name used in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnknownHost => "unknown-host",
            Self::Soft404 => "soft-404",
            Self::HomePageRedirect => "home-page-redirect",
            Self::DoiRegistered => "doi-registered",
            Self::DoiNotRegistered => "doi-not-registered",
        }
    }

    /// A few words for a person.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Self::UnknownHost => "unknown host",
            Self::Soft404 => "soft 404",
            Self::HomePageRedirect => "home-page redirect",
            Self::DoiRegistered => "DOI registered",
            Self::DoiNotRegistered => "DOI not registered",
        }
    }
}

/// The result of checking one URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The class.
    pub class: Class,
    /// The last HTTP status received, if any.
    pub status: Option<u16>,
    /// One phrase: "404 Not Found", "connection refused", "redirect loop".
    pub detail: String,
    /// Redirects followed, in order.
    pub redirects: Vec<Redirect>,
    /// HTTP requests made, retries and GET fallbacks included.
    pub requests: u32,
    /// Why, when the status alone does not say (a soft 404, a DOI not registered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

impl Outcome {
    /// An outcome without redirects.
    #[must_use]
    pub fn new(class: Class, status: Option<u16>, detail: impl Into<String>) -> Self {
        Self { class, status, detail: detail.into(), redirects: Vec::new(), requests: 0, reason: None }
    }

    /// Sets the class, status and detail (redirects, requests and reason stay).
    pub fn set(&mut self, class: Class, status: Option<u16>, detail: impl Into<String>) {
        self.class = class;
        self.status = status;
        self.detail = detail.into();
    }

    /// The address a link should be updated to: the target of the last of
    /// the permanent redirects the chain starts with, and only when the chain
    /// ended in a working answer. A chain that never ends (a loop, more than
    /// `max-redirects`) or ends in a failure has nothing to update to: its
    /// addresses redirect again, or lead nowhere.
    #[must_use]
    pub fn update_to(&self) -> Option<&str> {
        if !self.class.is_success() {
            return None;
        }
        self.redirects.iter().take_while(|r| r.is_permanent()).last().map(|r| r.to.as_str())
    }
}

/// "404 Not Found".
#[must_use]
pub fn status_text(status: u16) -> String {
    let reason = StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason());
    reason.map_or_else(|| status.to_string(), |r| format!("{status} {r}"))
}

/// The class of a final (non-redirect) answer. `body` is the start of the
/// body when one was read (only for answers that may be bot walls).
#[must_use]
pub fn classify_status(status: u16, headers: &HeaderMap, body: &[u8]) -> Class {
    if is_bot_wall(status, headers, body) {
        return Class::Blocked;
    }
    match status {
        200..=299 => Class::Ok,
        401 | 403 | 407 | 451 => Class::Blocked,
        429 => Class::RateLimited,
        // A 503 that names a time to come back is throttling, not an outage.
        503 if headers.contains_key(reqwest::header::RETRY_AFTER) => Class::RateLimited,
        400..=499 => Class::Broken,
        // 1xx and 3xx without a usable Location end here too: nothing to follow.
        100..=199 | 300..=399 => Class::Broken,
        _ => Class::Network,
    }
}

/// Whether the answer needs its first bytes read to tell a bot wall from a
/// real refusal or outage.
#[must_use]
pub fn wants_body(status: u16) -> bool {
    matches!(status, 403 | 429 | 503)
}

/// How many body bytes a bot-wall check reads at most.
pub const BODY_PREFIX: usize = 16 * 1024;

/// Challenge pages of the common bot-protection services. They answer a
/// browser with JavaScript and a script with 403/503, which says nothing
/// about whether the document exists.
#[must_use]
pub fn is_bot_wall(status: u16, headers: &HeaderMap, body: &[u8]) -> bool {
    if !matches!(status, 403 | 429 | 503) {
        return false;
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    if headers.contains_key("cf-mitigated") || headers.contains_key("x-datadome") {
        return true;
    }
    if matches!(header("x-amzn-waf-action").as_str(), "captcha" | "challenge") {
        return true;
    }
    let server = header("server");
    let walled_server = ["cloudflare", "ddos-guard", "sucuri", "akamaighost"].iter().any(|s| server.contains(s));
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    let challenge = ["challenge-platform", "cf-chl", "just a moment...", "captcha", "ddos-guard", "datadome"]
        .iter()
        .any(|m| text.contains(m));
    challenge || (walled_server && status != 429)
}

/// The class of a request that got no answer, and a phrase saying why.
#[must_use]
pub fn classify_error(e: &reqwest::Error, timeout: Duration) -> (Class, String) {
    let mut source: Option<&(dyn StdError + 'static)> = Some(e);
    let mut innermost: &dyn StdError = e;
    while let Some(s) = source {
        if let Some(refusal) = s.downcast_ref::<Refusal>() {
            return (Class::Excluded, refusal.to_string());
        }
        if let Some(lookup) = s.downcast_ref::<LookupError>() {
            let class = match lookup {
                LookupError::NotFound { .. } => Class::Broken,
                LookupError::Failed { .. } => Class::Network,
            };
            return (class, lookup.to_string());
        }
        innermost = s;
        source = s.source();
    }
    if e.is_timeout() {
        return (Class::Timeout, format!("no answer within {} s", timeout.as_secs_f64()));
    }
    let cause = innermost.to_string();
    let detail = if e.is_connect() { format!("cannot connect: {cause}") } else { cause };
    (Class::Network, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, SERVER};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn statuses() {
        let none = HeaderMap::new();
        assert_eq!(classify_status(200, &none, b""), Class::Ok);
        assert_eq!(classify_status(404, &none, b""), Class::Broken);
        assert_eq!(classify_status(410, &none, b""), Class::Broken);
        assert_eq!(classify_status(400, &none, b""), Class::Broken);
        assert_eq!(classify_status(403, &none, b""), Class::Blocked);
        assert_eq!(classify_status(401, &none, b""), Class::Blocked);
        assert_eq!(classify_status(429, &none, b""), Class::RateLimited);
        assert_eq!(classify_status(503, &none, b""), Class::Network);
        assert_eq!(classify_status(503, &headers(&[("retry-after", "30")]), b""), Class::RateLimited);
        assert_eq!(classify_status(500, &none, b""), Class::Network);
    }

    #[test]
    fn bot_walls_are_blocked_not_broken_or_down() {
        let cf = headers(&[("server", "cloudflare")]);
        assert_eq!(classify_status(503, &cf, b""), Class::Blocked);
        assert_eq!(classify_status(403, &headers(&[("cf-mitigated", "challenge")]), b""), Class::Blocked);
        assert_eq!(classify_status(503, &HeaderMap::new(), b"<title>Just a moment...</title>"), Class::Blocked);
        assert_eq!(classify_status(404, &cf, b""), Class::Broken);
        let mut akamai = HeaderMap::new();
        akamai.insert(SERVER, HeaderValue::from_static("AkamaiGHost"));
        assert!(is_bot_wall(403, &akamai, b""));
    }

    #[test]
    fn update_target_is_the_end_of_the_leading_permanent_redirects() {
        let mut o = Outcome::new(Class::Ok, Some(200), "200 OK");
        o.redirects = vec![
            Redirect { status: 301, to: "https://a/1".into() },
            Redirect { status: 308, to: "https://a/2".into() },
            Redirect { status: 302, to: "https://a/3".into() },
        ];
        assert_eq!(o.update_to(), Some("https://a/2"));
        o.class = Class::Broken;
        assert_eq!(o.update_to(), None, "a chain that ends in a failure has nothing to update to");
        o.class = Class::Ok;
        o.redirects.remove(0);
        o.redirects.remove(0);
        assert_eq!(o.update_to(), None);
    }

    #[test]
    fn names_round_trip() {
        for c in Class::ALL {
            assert_eq!(Class::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(599), "599");
    }
}
