//! Archived copies (`--suggest`): the web archive's availability API
//! (`{archive-api}?url=…&timestamp=YYYYMMDDhhmmss`) answers with the
//! snapshot closest to a moment, which the audit picks as the last time the
//! history saw the link working. Nothing is changed in a cell: the report
//! only names the copy.

use jiff::Timestamp;
use reqwest::Url;

use super::audit::Snapshot;

/// The availability query for `url` near `at`.
#[must_use]
pub fn query(api: &str, url: &str, at: Timestamp) -> Option<Url> {
    let mut q = Url::parse(api).ok()?;
    let stamp = at.strftime("%Y%m%d%H%M%S").to_string();
    q.query_pairs_mut().append_pair("url", url).append_pair("timestamp", &stamp);
    Some(q)
}

/// The closest snapshot in an availability answer (`None`: the archive has none).
///
/// # Errors
/// An answer that is not the API's JSON.
pub fn parse(body: &[u8]) -> Result<Option<Snapshot>, String> {
    let doc: serde_json::Value = serde_json::from_slice(body).map_err(|e| format!("not the archive's JSON: {e}"))?;
    let snapshots = doc.get("archived_snapshots").ok_or("no `archived_snapshots` in the answer")?;
    let Some(closest) = snapshots.get("closest") else { return Ok(None) };
    if closest.get("available").and_then(serde_json::Value::as_bool) == Some(false) {
        return Ok(None);
    }
    let url = closest.get("url").and_then(serde_json::Value::as_str).ok_or("a snapshot without `url`")?;
    let stamp = closest.get("timestamp").and_then(serde_json::Value::as_str).ok_or("a snapshot without `timestamp`")?;
    let timestamp = jiff::civil::DateTime::strptime("%Y%m%d%H%M%S", stamp)
        .and_then(|d| jiff::tz::TimeZone::UTC.to_timestamp(d))
        .map_err(|e| format!("snapshot timestamp `{stamp}`: {e}"))?;
    Ok(Some(Snapshot { url: url.to_owned(), timestamp }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_the_url_and_the_moment() {
        let at: Timestamp = "2019-03-02T10:20:30Z".parse().unwrap();
        let q = query("https://archive.org/wayback/available", "https://x.org/a?b=1&c=2", at).unwrap();
        assert_eq!(
            q.as_str(),
            "https://archive.org/wayback/available?url=https%3A%2F%2Fx.org%2Fa%3Fb%3D1%26c%3D2&timestamp=20190302102030"
        );
    }

    #[test]
    fn answers_with_and_without_a_snapshot() {
        let found = br#"{"url":"x.org/a","archived_snapshots":{"closest":{"status":"200","available":true,"url":"http://web.archive.org/web/20190301000000/https://x.org/a","timestamp":"20190301000000"}}}"#;
        let s = parse(found).unwrap().unwrap();
        assert_eq!(s.url, "http://web.archive.org/web/20190301000000/https://x.org/a");
        assert_eq!(s.timestamp, "2019-03-01T00:00:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(parse(br#"{"url":"x.org/a","archived_snapshots":{}}"#).unwrap(), None);
        assert!(parse(b"<html>busy</html>").is_err());
    }
}
