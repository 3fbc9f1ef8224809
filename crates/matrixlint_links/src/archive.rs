//! Archived copies (`--suggest`): the web archive's availability API
//! (`{archive-api}?url=…&timestamp=YYYYMMDDhhmmss`) answers with the
//! snapshot closest to a moment, which the audit picks as the last time the
//! history saw the link working. Nothing is changed in a cell: the report
//! only names the copy.
//!
//! The answer comes from the network, so its snapshot address is kept only
//! when it passes the checks every audited link passes (http or https, a
//! host, no loopback, private or metadata address literal: see
//! [`Guard::check_url`]) and holds no control character or blank: a report
//! links it, and a person clicks it. Anything quoted from the answer in an
//! error is on one line.

use jiff::Timestamp;
use reqwest::Url;

use super::audit::Snapshot;
use super::guard::Guard;
use crate::visible::one_line;

/// The availability query for `url` near `at`.
#[must_use]
pub(crate) fn query(api: &str, url: &str, at: Timestamp) -> Option<Url> {
    let mut q = Url::parse(api).ok()?;
    let stamp = at.strftime("%Y%m%d%H%M%S").to_string();
    q.query_pairs_mut().append_pair("url", url).append_pair("timestamp", &stamp);
    Some(q)
}

/// The closest snapshot in an availability answer (`None`: the archive has
/// none), its address checked by `guard` as an audited link's would be.
///
/// # Errors
/// An answer that is not the API's JSON, or a snapshot address or time that
/// cannot be used.
pub(crate) fn parse(body: &[u8], guard: &Guard) -> Result<Option<Snapshot>, String> {
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
        .map_err(|e| format!("snapshot timestamp `{}`: {}", one_line(stamp), one_line(&e.to_string())))?;
    let url = usable(url, guard)?;
    Ok(Some(Snapshot { url, timestamp }))
}

/// `url` as a report may link it: parsed, without control characters or
/// blanks (which the URL parser would silently drop or keep), and allowed by
/// `guard`. Also applied to snapshots cached by earlier audits.
///
/// # Errors
/// Why the address is not used, quoting it on one line.
pub fn usable(url: &str, guard: &Guard) -> Result<String, String> {
    match guard.linkable(url) {
        Ok(parsed) => Ok(parsed.into()),
        Err(why) => Err(format!("snapshot address `{}` is not used: {}", one_line(url), one_line(&why))),
    }
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
        let guard = Guard::new(false);
        let s = parse(found, &guard).unwrap().unwrap();
        assert_eq!(s.url, "http://web.archive.org/web/20190301000000/https://x.org/a");
        assert_eq!(s.timestamp, "2019-03-01T00:00:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(parse(br#"{"url":"x.org/a","archived_snapshots":{}}"#, &guard).unwrap(), None);
        assert!(parse(b"<html>busy</html>", &guard).is_err());
    }

    fn answer(url: &str, timestamp: &str) -> Vec<u8> {
        let closest = serde_json::json!({"available": true, "url": url, "timestamp": timestamp});
        serde_json::json!({"archived_snapshots": {"closest": closest}}).to_string().into_bytes()
    }

    #[test]
    fn only_addresses_an_audit_would_fetch_are_kept() {
        let guard = Guard::new(false);
        for hostile in [
            "javascript:alert(document.domain)",
            "JavaScript:alert(1)//http://web.archive.org/",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "http://127.0.0.1:8080/admin",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/",
            "http://",
            "https://web.archive.org/web/2019/x\n::error title=x::forged",
            "https://web.archive.org/web/2019/x\r\n  ::warning::forged",
            "https://web.archive.org/web/2019/a b",
            "\thttps://web.archive.org/web/2019/x",
            "https://web.archive.org/web/2019/\u{1b}[2Jx",
        ] {
            let err = parse(&answer(hostile, "20190301000000"), &guard).unwrap_err();
            assert!(err.starts_with("snapshot address `"), "{hostile}: {err}");
            assert!(!err.contains('\n') && !err.contains('\t'), "one line: {err:?}");
        }
        // With --allow-private the audit fetches private addresses, and so may the report link them.
        let private = parse(&answer("http://10.0.0.1/web/1/x", "20190301000000"), &Guard::new(true)).unwrap();
        assert_eq!(private.unwrap().url, "http://10.0.0.1/web/1/x");
        assert!(parse(&answer("javascript:alert(1)", "20190301000000"), &Guard::new(true)).is_err());
    }

    #[test]
    fn a_timestamp_with_a_line_break_is_quoted_on_one_line() {
        let err = parse(&answer("https://web.archive.org/x", "2019\n::error title=x::forged"), &Guard::new(false))
            .unwrap_err();
        assert!(err.contains("2019␊::error"), "{err}");
        assert!(!err.contains('\n'), "{err:?}");
    }
}
