//! DOIs are checked at the resolver, not at the publisher: publishers put
//! bot walls in front of valid DOIs, so following a `doi.org` link says
//! little. The handle API (`GET {resolver}/api/handles/{doi}`) answers
//! 200 with `responseCode` 1 for a registered DOI and 404 with
//! `responseCode` 100 for one that is not.

use reqwest::Url;

use super::classify::{Class, Reason};

/// The DOI of a `doi.org` or `dx.doi.org` link (as written in its path).
#[must_use]
pub(crate) fn doi_of(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    if !matches!(host.as_str(), "doi.org" | "dx.doi.org" | "www.doi.org") {
        return None;
    }
    let doi = url.path().trim_start_matches('/');
    doi.starts_with("10.").then(|| doi.to_owned())
}

/// The handle API address for `doi` at `resolver`.
#[must_use]
pub fn api_url(resolver: &str, doi: &str) -> Option<Url> {
    Url::parse(&format!("{}/api/handles/{doi}", resolver.trim_end_matches('/'))).ok()
}

/// What the handle API's answer means, when it says something definite.
#[must_use]
pub(crate) fn judge(status: u16, body: &[u8]) -> Option<(Class, &'static str, Reason)> {
    let code = serde_json::from_slice::<serde_json::Value>(body).ok()?.get("responseCode")?.as_i64()?;
    match (status, code) {
        (200, 1) => {
            Some((Class::Ok, "DOI registered at the resolver; the publisher was not contacted", Reason::DoiRegistered))
        }
        (404, 100) => Some((Class::Broken, "DOI not registered at the resolver", Reason::DoiNotRegistered)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doi_links_and_their_api_addresses() {
        let doi = |s: &str| doi_of(&Url::parse(s).unwrap());
        assert_eq!(doi("https://doi.org/10.1037/a0012345").as_deref(), Some("10.1037/a0012345"));
        assert_eq!(
            doi("http://dx.doi.org/10.1016/S0140-6736(10)61462-6").as_deref(),
            Some("10.1016/S0140-6736(10)61462-6")
        );
        assert_eq!(doi("https://doi.org/"), None);
        assert_eq!(doi("https://example.org/10.1037/x"), None);
        assert_eq!(
            api_url("https://doi.org/", "10.1037/a0012345").unwrap().as_str(),
            "https://doi.org/api/handles/10.1037/a0012345"
        );
    }

    #[test]
    fn handle_api_answers() {
        assert_eq!(judge(200, br#"{"responseCode":1,"handle":"10.1/x"}"#).map(|j| j.0), Some(Class::Ok));
        assert_eq!(judge(404, br#"{"responseCode":100}"#).map(|j| j.2), Some(Reason::DoiNotRegistered));
        assert_eq!(judge(200, br#"{"responseCode":200}"#), None, "values not found: not definite");
        assert_eq!(judge(500, b"<html>oops</html>"), None);
    }
}
