//! Newer versions of Cochrane reviews: a review keeps its number and
//! changes its DOI suffix (`CD008540`, `.pub2`, `.pub3`), and the old
//! versions stay online. The DOI handle API says whether the next suffix
//! is registered; the audit probes forward until the first miss.

use reqwest::Url;

/// The handle API address for `doi` at `resolver`.
#[must_use]
pub(crate) fn query(resolver: &str, doi: &str) -> Option<Url> {
    crate::links::doi_api_url(resolver, doi)
}

/// Whether the handle API says `doi` is registered (`responseCode` 1) or
/// not (100).
///
/// # Errors
/// Any other answer, in words.
pub(crate) fn registered(status: u16, body: &[u8]) -> Result<bool, String> {
    let code = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("responseCode").and_then(serde_json::Value::as_i64));
    match (status, code) {
        (200, Some(1)) => Ok(true),
        (404, Some(100)) | (200, Some(100)) => Ok(false),
        (_, Some(code)) => Err(format!("the DOI handle API answered {status} with responseCode {code}")),
        (_, None) => Err(format!("the DOI handle API answered {status} without a responseCode")),
    }
}

/// Versions probed at most, past the cited one (a runaway answer stops here).
pub(crate) const MAX_PROBES: u32 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_answers() {
        assert_eq!(registered(200, br#"{"responseCode":1,"handle":"10.1002/x"}"#), Ok(true));
        assert_eq!(registered(404, br#"{"responseCode":100}"#), Ok(false));
        assert!(registered(500, b"oops").is_err());
        assert!(registered(200, br#"{"responseCode":200}"#).is_err());
    }
}
