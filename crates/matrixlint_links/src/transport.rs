//! One hop of a check: the name looked up and the address guarded first,
//! then HEAD (GET when HEAD is refused) within the politeness limits,
//! retried while the failure is transient. Only the first bytes of a body
//! are ever read.

use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderMap, HeaderValue, RETRY_AFTER, SET_COOKIE};
use reqwest::{Method, Url};

use super::classify::{BODY_PREFIX, Class, Reason, classify_error, classify_status, status_text, wants_body};
use super::client::Checker;
use super::guard::{LookupError, Refusal};
use super::politeness::{Lane, host_key};
use super::retry::{Next, jitter_unit, parse_retry_after};

/// What a check asks of each hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Ask {
    /// Start with GET (the host's `method: get`, or a body is needed).
    pub get: bool,
    /// Read up to this many bytes of a successful answer's body (0: none).
    pub body: usize,
    /// The slots the request takes beside its host's (a probe's own lane).
    pub lane: Lane,
}

/// An answer with the little of it that a check reads.
pub(crate) struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// The media type, lowercase, without parameters.
    pub(crate) fn media_type(&self) -> Option<String> {
        let value = self.headers.get(CONTENT_TYPE)?.to_str().ok()?;
        Some(value.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
    }
}

/// Why a hop got no answer.
pub(crate) enum Failure {
    /// The name did not resolve; nothing was sent.
    Lookup(LookupError),
    /// Every address of the name is refused by the guard; nothing was sent.
    Refused(Refusal),
    /// The request failed on the way (connect, TLS, timeout).
    Http(reqwest::Error),
}

/// A failed hop, classified: class, status, detail and reason.
pub(crate) type Failed = (Class, Option<u16>, String, Option<Reason>);

/// Cookies set during one check, sent back only to the host that set them:
/// some publishers redirect to themselves until a session cookie comes back,
/// and nothing may carry a cookie to another host.
#[derive(Default)]
pub(crate) struct Jar(Vec<(String, String)>);

impl Jar {
    pub(crate) fn store(&mut self, host: &str, headers: &HeaderMap) {
        for value in headers.get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            let pair = value.split(';').next().unwrap_or("").trim();
            if let Some((name, _)) = pair.split_once('=') {
                self.0.retain(|(h, p)| !(h == host && p.split_once('=').is_some_and(|(n, _)| n == name)));
                self.0.push((host.to_owned(), pair.to_owned()));
            }
        }
    }

    pub(crate) fn header(&self, host: &str) -> Option<HeaderValue> {
        let pairs: Vec<&str> = self.0.iter().filter(|(h, _)| h == host).map(|(_, p)| p.as_str()).collect();
        if pairs.is_empty() { None } else { HeaderValue::from_str(&pairs.join("; ")).ok() }
    }
}

impl Checker {
    /// One hop: HEAD (or GET when asked), GET when HEAD is refused, retried
    /// while the failure is transient; with the host's configured headers
    /// only when `trusted` (the check's own origin).
    pub(crate) async fn fetch(
        &self,
        url: &Url,
        jar: &mut Jar,
        requests: &mut u32,
        ask: Ask,
        trusted: bool,
    ) -> Result<Answer, Failed> {
        let mut method = self.first_method(url, ask);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut result = self.send(&method, url, jar, requests, ask, trusted).await;
            // 405/501 are the honest refusals; 403, 404 and 5xx are what some
            // servers answer to HEAD while GET works.
            if method == Method::HEAD && result.as_ref().is_ok_and(|a| a.status >= 400 && a.status != 429) {
                method = Method::GET;
                result = self.send(&method, url, jar, requests, ask, trusted).await;
            }
            let (retryable, retry_after) = match &result {
                Ok(a) => (retryable_status(a), a.headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok())),
                // A lookup is made once per audit: asking again gives the same answer.
                Err(Failure::Lookup(_) | Failure::Refused(_)) => (false, None),
                Err(Failure::Http(e)) => {
                    (matches!(classify_error(e, self.timeout).0, Class::Timeout | Class::Network), None)
                }
            };
            let retry_after = retry_after.and_then(|v| parse_retry_after(v, jiff::Timestamp::now()));
            let next = if retryable { self.retry.next(attempt, retry_after, jitter_unit()) } else { Next::Stop };
            match next {
                Next::Retry(wait) => self.sleeper.sleep(wait).await,
                Next::Stop => return result.map_err(|f| self.classify_failure(&f)),
                Next::TooLong(wait) => {
                    let status = result.as_ref().ok().map(|a| a.status);
                    let detail = format!(
                        "{}, asked to wait {} s, longer than the {} s cap",
                        status.map_or_else(String::new, status_text),
                        wait.as_secs(),
                        self.retry.retry_after_cap.as_secs()
                    );
                    return Err((Class::RateLimited, status, detail, None));
                }
            }
        }
    }

    fn classify_failure(&self, failure: &Failure) -> Failed {
        match failure {
            Failure::Lookup(e @ LookupError::NotFound { .. }) => {
                (Class::Broken, None, e.to_string(), Some(Reason::UnknownHost))
            }
            Failure::Lookup(e @ LookupError::Failed { .. }) => (Class::Network, None, e.to_string(), None),
            Failure::Refused(r) => (Class::Excluded, None, r.to_string(), None),
            Failure::Http(e) => {
                let (class, detail) = classify_error(e, self.timeout);
                (class, None, detail, None)
            }
        }
    }

    /// Resolves the host (once per audit) and checks its addresses, before
    /// any politeness wait: a request that cannot reach the host waits for nothing.
    async fn reachable(&self, url: &Url) -> Result<(), Failure> {
        let Some(name) = url.domain() else { return Ok(()) };
        let ips = self.lookup.resolve(name).await.map_err(Failure::Lookup)?;
        let mut refusal = None;
        for ip in ips {
            match self.guard.check_ip(name, ip) {
                Ok(()) => return Ok(()),
                Err(r) => {
                    refusal.get_or_insert(r);
                }
            }
        }
        Err(refusal.map_or_else(|| Failure::Lookup(LookupError::NotFound { host: name.to_owned() }), Failure::Refused))
    }

    /// One request, within the politeness limits.
    async fn send(
        &self,
        method: &Method,
        url: &Url,
        jar: &mut Jar,
        requests: &mut u32,
        ask: Ask,
        trusted: bool,
    ) -> Result<Answer, Failure> {
        self.reachable(url).await?;
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let permit = self.politeness.acquire(&host_key(url), ask.lane).await;
        *requests += 1;
        self.stats.connecting();
        let mut request = self.client.request(method.clone(), url.clone());
        for (name, value) in self.headers.get(&host).into_iter().flatten().filter(|_| trusted) {
            request = request.header(name, value);
        }
        if let Some(cookie) = jar.header(&host) {
            request = request.header(COOKIE, cookie);
        }
        let mut response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                if e.is_connect() {
                    permit.refund();
                }
                return Err(Failure::Http(e));
            }
        };
        self.stats.answered();
        jar.store(&host, response.headers());
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let limit = match status {
            _ if *method != Method::GET => 0,
            s if wants_body(s) => BODY_PREFIX.max(ask.body),
            // A body asked for is read whatever the status (a DOI API's 404 says why).
            _ => ask.body,
        };
        let mut body = Vec::new();
        // A read error or timeout mid-body keeps what arrived: enough to compare or to look for a challenge.
        while body.len() < limit {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        body.truncate(limit);
        Ok(Answer { status, headers, body })
    }
}

/// Worth asking again: throttling and server trouble, unless it is a bot wall.
fn retryable_status(a: &Answer) -> bool {
    let transient = a.status == 429 || (500..=599).contains(&a.status) && !matches!(a.status, 501 | 505);
    transient && classify_status(a.status, &a.headers, &a.body) != Class::Blocked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jar_replaces_cookies_by_name_and_keeps_hosts_apart() {
        let mut jar = Jar::default();
        let mut h = HeaderMap::new();
        h.append(SET_COOKIE, HeaderValue::from_static("a=1; Path=/"));
        h.append(SET_COOKIE, HeaderValue::from_static("b=2"));
        jar.store("x.org", &h);
        let mut h = HeaderMap::new();
        h.append(SET_COOKIE, HeaderValue::from_static("a=3"));
        jar.store("x.org", &h);
        assert_eq!(jar.header("x.org").unwrap(), "b=2; a=3");
        assert!(jar.header("y.org").is_none());
    }
}
