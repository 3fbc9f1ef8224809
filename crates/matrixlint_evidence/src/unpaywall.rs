//! Unpaywall's `/v2/{doi}?email=…`: whether the work is open, and its best
//! open copy. Unpaywall asks for an email; without one it is not asked.

use serde_json::Value;

use super::status::OpenAccess;

/// The request for `doi` at `base`.
#[must_use]
pub(crate) fn query(base: &str, doi: &str, email: &str) -> Option<reqwest::Url> {
    let mut url = reqwest::Url::parse(&format!("{}/", base.trim_end_matches('/'))).ok()?;
    url.path_segments_mut().ok()?.pop_if_empty().push(doi);
    url.query_pairs_mut().append_pair("email", email);
    Some(url)
}

/// Reads an answer: `None` when Unpaywall does not know the DOI.
///
/// # Errors
/// Anything but a 200 with Unpaywall's JSON or a 404, in words.
pub(crate) fn parse(status: u16, body: &[u8]) -> Result<Option<OpenAccess>, String> {
    if status == 404 {
        return Ok(None);
    }
    if status != 200 {
        return Err(format!("Unpaywall answered {status}"));
    }
    let doc: Value = serde_json::from_slice(body).map_err(|e| format!("Unpaywall's answer is not JSON: {e}"))?;
    let status = doc.get("oa_status").and_then(Value::as_str).ok_or("Unpaywall's answer has no `oa_status`")?;
    let best = doc.get("best_oa_location").filter(|b| b.is_object()).and_then(|b| {
        let url =
            ["url_for_pdf", "url", "url_for_landing_page"].iter().find_map(|k| b.get(*k).and_then(Value::as_str))?;
        Some((url.to_owned(), b.get("host_type").and_then(Value::as_str).unwrap_or("unknown host").to_owned()))
    });
    Ok(Some(OpenAccess { status: status.to_owned(), best }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_closed_and_unknown() {
        let open = br#"{"doi":"10.1/x","is_oa":true,"oa_status":"green","best_oa_location":{"url":"https://repo.example/x","url_for_pdf":"https://repo.example/x.pdf","host_type":"repository","version":"acceptedVersion"}}"#;
        assert_eq!(
            parse(200, open).unwrap(),
            Some(OpenAccess {
                status: "green".into(),
                best: Some(("https://repo.example/x.pdf".into(), "repository".into()))
            })
        );
        let closed = br#"{"doi":"10.1/x","is_oa":false,"oa_status":"closed","best_oa_location":null}"#;
        assert_eq!(parse(200, closed).unwrap(), Some(OpenAccess { status: "closed".into(), best: None }));
        assert_eq!(parse(404, b"").unwrap(), None);
        assert!(parse(422, b"{}").is_err());
        assert!(parse(200, b"{}").is_err());
        assert_eq!(
            query("https://api.unpaywall.org/v2", "10.1/x", "a@b.org").unwrap().as_str(),
            "https://api.unpaywall.org/v2/10.1%2Fx?email=a%40b.org"
        );
    }
}
