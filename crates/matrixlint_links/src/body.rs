//! Reading a whole answer (up to a limit) through the checker: the
//! evidence audit asks registries' APIs with the link audit's guard,
//! politeness, retries and redirects, and needs their bodies.

use reqwest::Url;
use reqwest::header::HeaderMap;

use super::classify::Outcome;
use super::client::Checker;
use super::transport::Ask;

/// An answer with its body.
#[derive(Debug, Clone)]
pub struct BodyAnswer {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, at most the limit asked.
    pub body: Vec<u8>,
    /// The address that answered (after redirects).
    pub url: Url,
    /// Requests sent (retries and redirects included).
    pub requests: u32,
}

impl Checker {
    /// GETs `url`, following redirects, and reads up to `limit` bytes of
    /// whatever answer comes (an API's 404 says why).
    ///
    /// # Errors
    /// No answer at all (refused by the guard, unreachable, timed out): the
    /// check's outcome, whose `detail` says why.
    pub async fn get_body(&self, url: Url, limit: usize) -> Result<BodyAnswer, Outcome> {
        let (outcome, landing) = self.follow(url, Ask { get: true, body: limit, ..Ask::default() }).await;
        match landing.answer {
            Some(a) => Ok(BodyAnswer {
                status: a.status,
                headers: a.headers,
                body: a.body,
                url: landing.url,
                requests: outcome.requests,
            }),
            None => Err(outcome),
        }
    }
}
