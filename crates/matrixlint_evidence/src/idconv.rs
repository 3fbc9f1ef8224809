//! The PMC ID converter: a PMCID read from a link becomes the work's PMID
//! and DOI (up to 200 ids of one type per request).

use std::collections::HashMap;

use serde_json::Value;

/// PMCIDs per request.
pub(crate) const BATCH: usize = 200;

/// The request for `ids` at `base`.
#[must_use]
pub(crate) fn query(base: &str, ids: &[String], email: Option<&str>) -> Option<reqwest::Url> {
    let mut url = reqwest::Url::parse(base).ok()?;
    url.query_pairs_mut()
        .append_pair("ids", &ids.join(","))
        .append_pair("format", "json")
        .append_pair("tool", "matrixlint");
    if let Some(email) = email {
        url.query_pairs_mut().append_pair("email", email);
    }
    Some(url)
}

/// What the converter knows of one PMCID.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Ids {
    /// The PMID.
    pub pmid: Option<String>,
    /// The DOI.
    pub doi: Option<String>,
}

/// Reads an answer: each PMCID the converter knows (unknown ones are left out).
///
/// # Errors
/// Anything but a 200 with the converter's JSON, in words.
pub(crate) fn parse(status: u16, body: &[u8]) -> Result<HashMap<String, Ids>, String> {
    if status != 200 {
        return Err(format!("the PMC ID converter answered {status}"));
    }
    let doc: Value =
        serde_json::from_slice(body).map_err(|e| format!("the PMC ID converter's answer is not JSON: {e}"))?;
    let records =
        doc.get("records").and_then(Value::as_array).ok_or("the PMC ID converter's answer has no `records`")?;
    let text = |r: &Value, k: &str| {
        r.get(k).and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_i64().map(|n| n.to_string())))
    };
    let mut out = HashMap::new();
    for r in records {
        if r.get("status").and_then(Value::as_str) == Some("error") {
            continue;
        }
        let Some(pmcid) = text(r, "pmcid") else { continue };
        out.insert(pmcid.to_ascii_uppercase(), Ids { pmid: text(r, "pmid"), doi: text(r, "doi") });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_known_and_unknown() {
        let body = br#"{"status":"ok","responseDate":"2026-11-01 10:00:00","request":"ids=PMC3505233,PMC1","records":[
            {"requested-id":"PMC3505233","pmcid":"PMC3505233","pmid":23193287,"doi":"10.1093/alcalc/ags113"},
            {"requested-id":"PMC1","pmcid":"PMC1","status":"error","errmsg":"invalid article id"}]}"#;
        let ids = parse(200, body).unwrap();
        assert_eq!(ids.len(), 1);
        assert_eq!(ids["PMC3505233"], Ids { pmid: Some("23193287".into()), doi: Some("10.1093/alcalc/ags113".into()) });
        assert!(parse(200, b"oops").is_err());
        assert!(parse(503, b"").is_err());
        let q =
            query("https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/", &["PMC1".into(), "PMC2".into()], None)
                .unwrap();
        assert_eq!(
            q.as_str(),
            "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/?ids=PMC1%2CPMC2&format=json&tool=matrixlint"
        );
    }
}
