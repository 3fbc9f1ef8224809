//! Crossref's `/works/{doi}`: notices in `updated-by` (where Retraction
//! Watch's records are merged) and `update-to` (on a notice, naming the
//! work it updates), newer versions, and the registry's dates.

use serde_json::Value;

use super::status::{Notice, NoticeKind, RegistryDate, Status, Version, date_parts};

/// The request for `doi` at `base`, with `mailto` for the polite pool.
#[must_use]
pub(crate) fn query(base: &str, doi: &str, email: Option<&str>) -> Option<reqwest::Url> {
    let mut url = reqwest::Url::parse(&format!("{}/works/", base.trim_end_matches('/'))).ok()?;
    url.path_segments_mut().ok()?.pop_if_empty().push(doi);
    if let Some(email) = email {
        url.query_pairs_mut().append_pair("mailto", email);
    }
    Some(url)
}

/// Reads an answer (`status` and body): the work's record, or `None` when
/// Crossref does not know the DOI (another agency may: not "wrong").
///
/// # Errors
/// Anything but a 200 with the API's JSON or a 404, in words.
pub(crate) fn parse(status: u16, body: &[u8]) -> Result<Option<Status>, String> {
    if status == 404 {
        return Ok(None);
    }
    if status != 200 {
        return Err(format!("Crossref answered {status}"));
    }
    let doc: Value = serde_json::from_slice(body).map_err(|e| format!("Crossref's answer is not JSON: {e}"))?;
    let message = doc
        .get("message")
        .filter(|_| doc.get("status").and_then(Value::as_str) == Some("ok"))
        .and_then(Value::as_object)
        .ok_or("Crossref's answer has no `message`")?;
    let mut s = Status::default();
    for (field, is_the_notice) in [("updated-by", false), ("update-to", true)] {
        for item in message.get(field).and_then(Value::as_array).into_iter().flatten() {
            let kind_word = item.get("type").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
            let doi = item.get("DOI").and_then(Value::as_str).map(str::to_owned);
            let date = item.get("updated").and_then(date_parts).map(|d| d.1);
            let kind = match kind_word.as_str() {
                "retraction" | "partial_retraction" | "withdrawal" | "removal" => NoticeKind::Retraction,
                "expression_of_concern" => NoticeKind::ExpressionOfConcern,
                "correction" | "erratum" | "corrigendum" | "addendum" => NoticeKind::Correction,
                "new_version" if !is_the_notice => {
                    s.add_version(Version {
                        doi,
                        pmid: None,
                        year: date_year(date.as_deref()),
                        via: "crossref".into(),
                    });
                    continue;
                }
                _ => continue,
            };
            let source = item.get("source").and_then(Value::as_str).unwrap_or("publisher").to_owned();
            let label = item.get("label").and_then(Value::as_str).map_or(kind_word.clone(), str::to_owned);
            s.add_notice(Notice { kind, label, doi, pmid: None, date, source, is_the_notice });
        }
    }
    for (field, what) in
        [("issued", "issued"), ("published-online", "published online"), ("published-print", "published in print")]
    {
        if let Some((year, date)) = message.get(field).and_then(date_parts) {
            s.dates.push(RegistryDate { what: what.to_owned(), year, date });
        }
    }
    Ok(Some(s))
}

fn date_year(date: Option<&str>) -> Option<i64> {
    date?.split('-').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_the_doi_whole() {
        let q = query("https://api.crossref.org", "10.1016/S0140-6736(10)61462-6", Some("a@b.org")).unwrap();
        assert_eq!(q.as_str(), "https://api.crossref.org/works/10.1016%2FS0140-6736(10)61462-6?mailto=a%40b.org");
    }

    #[test]
    fn notices_from_both_fields_and_dates() {
        let body = br#"{"status":"ok","message":{"DOI":"10.1/x","issued":{"date-parts":[[2010,5,3]]},
            "published-print":{"date-parts":[[2011]]},
            "updated-by":[{"type":"retraction","DOI":"10.1/ret","updated":{"date-parts":[[2020,1,2]]},"source":"retraction-watch","label":"Retraction"},
                          {"type":"erratum","DOI":"10.1/err","updated":{"date-parts":[[2012,2,1]]},"source":"publisher"},
                          {"type":"new_version","DOI":"10.1/x.v2","updated":{"date-parts":[[2015,1,1]]},"source":"publisher"}],
            "update-to":[{"type":"expression_of_concern","DOI":"10.1/other","updated":{"date-parts":[[2019,1,1]]}}]}}"#;
        let s = parse(200, body).unwrap().expect("found");
        let kinds: Vec<(NoticeKind, &str, bool)> =
            s.notices.iter().map(|n| (n.kind, n.source.as_str(), n.is_the_notice)).collect();
        assert_eq!(
            kinds,
            vec![
                (NoticeKind::Retraction, "retraction-watch", false),
                (NoticeKind::Correction, "publisher", false),
                (NoticeKind::ExpressionOfConcern, "publisher", true)
            ]
        );
        assert_eq!(s.notices[0].date.as_deref(), Some("2020-01-02"));
        assert_eq!(s.newer.as_ref().and_then(|v| v.doi.as_deref()), Some("10.1/x.v2"));
        assert_eq!(
            s.dates.iter().map(|d| (d.what.as_str(), d.year)).collect::<Vec<_>>(),
            vec![("issued", 2010), ("published in print", 2011)]
        );
        assert_eq!(parse(404, b"Resource not found.").unwrap(), None);
        assert!(parse(200, b"<html>").unwrap_err().contains("not JSON"));
        assert!(parse(500, b"").is_err());
        assert!(parse(200, br#"{"status":"failed"}"#).is_err());
    }
}
