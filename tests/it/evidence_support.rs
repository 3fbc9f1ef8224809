//! A local server playing Crossref, the PMC ID converter, PubMed efetch,
//! Unpaywall, the DOI handle API and a publisher, started by each test on
//! 127.0.0.1 and reached under `.test` host names (nothing leaves the
//! machine). Answers are shaped as the services document them; the texts
//! are invented. It counts every request by host.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;

/// What the server saw: `host path?query`, in arrival order.
#[derive(Default)]
pub(crate) struct Seen {
    pub(crate) requests: Mutex<Vec<(String, String)>>,
}

/// A running server.
pub(crate) struct Services {
    pub(crate) addr: SocketAddr,
    pub(crate) seen: Arc<Seen>,
}

impl Services {
    pub(crate) async fn start() -> Self {
        let seen = Arc::new(Seen::default());
        let app = axum::Router::new().fallback(handle).with_state(Arc::clone(&seen));
        Self { addr: crate::links_support::serve_local(app).await, seen }
    }

    /// `http://{host}:PORT{path}`.
    pub(crate) fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.addr.port())
    }

    /// Requests per host name (`crossref.test` → 12).
    pub(crate) fn per_host(&self) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for (host, _) in self.seen.requests.lock().unwrap().iter() {
            *out.entry(host.clone()).or_insert(0) += 1;
        }
        out
    }

    /// Requests whose path and query contain `part`.
    pub(crate) fn hits(&self, part: &str) -> usize {
        self.seen.requests.lock().unwrap().iter().filter(|(_, p)| p.contains(part)).count()
    }

    /// The configuration pointing every service at this server.
    pub(crate) fn config(&self, email: bool) -> String {
        self.config_as(email, ["doi.test", "crossref.test", "ncbi.test", "unpaywall.test"])
    }

    /// [`Services::config`] with the hosts given (`127.0.0.1` for the binary, which resolves names itself).
    pub(crate) fn config_as(&self, email: bool, hosts: [&str; 4]) -> String {
        let email = if email { "  email: editor@example.org\n" } else { "" };
        format!(
            "links:\n  doi-resolver: {}\n  per-host-interval-ms: 0\n  retry-base-ms: 10\nevidence:\n{email}  crossref: {}\n  pmc-idconv: {}\n  pubmed: {}\n  unpaywall: {}\n",
            self.url(hosts[0], ""),
            self.url(hosts[1], ""),
            self.url(hosts[2], "/idconv/v1/articles/"),
            self.url(hosts[2], "/eutils"),
            self.url(hosts[3], "/v2"),
        )
    }
}

fn reply(status: u16, media: &str, body: impl Into<String>) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header(header::CONTENT_TYPE, media)
        .body(Body::from(body.into()))
        .unwrap()
}

fn json(status: u16, body: serde_json::Value) -> Response {
    reply(status, "application/json", body.to_string())
}

fn decode(s: &str) -> String {
    s.replace("%2F", "/").replace("%2f", "/").replace("%2C", ",").replace("%40", "@")
}

async fn handle(State(seen): State<Arc<Seen>>, uri: Uri, headers: HeaderMap) -> Response {
    let host = crate::links_support::host_name(&headers);
    let path = decode(uri.path());
    let query = decode(uri.query().unwrap_or(""));
    let hits = {
        let mut r = seen.requests.lock().unwrap();
        r.push((host.clone(), format!("{path}?{query}")));
        r.iter().filter(|(h, p)| *h == host && p.starts_with(&format!("{path}?"))).count()
    };
    // Each service has its own paths, so the server also answers under 127.0.0.1 (the CLI tests).
    match path.as_str() {
        p if p.starts_with("/works/") => crossref(p.trim_start_matches("/works/"), hits),
        p if p.starts_with("/idconv/") => idconv(&query),
        "/eutils/efetch.fcgi" => efetch(&query),
        p if p.starts_with("/v2/") => unpaywall(p.trim_start_matches("/v2/")),
        p if p.starts_with("/api/handles/") => handle_api(p.trim_start_matches("/api/handles/")),
        "/article/closed" => reply(
            200,
            "text/html",
            "<html><body><h1>Institution sign-in</h1><form><input name=\"user\"><input type=\"password\" name=\"pw\"></form></body></html>",
        ),
        p if p.starts_with("/article/") => reply(200, "application/pdf", "%PDF-1.7 an invented document"),
        _ => reply(404, "text/plain", "not here"),
    }
}

fn work(doi: &str, issued: &[i64], extra: serde_json::Value) -> Response {
    let mut message = serde_json::json!({"DOI": doi, "type": "journal-article", "title": ["An invented title"], "issued": {"date-parts": [issued]}});
    if let (Some(m), Some(e)) = (message.as_object_mut(), extra.as_object()) {
        m.extend(e.clone());
    }
    json(
        200,
        serde_json::json!({"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": message}),
    )
}

fn crossref(doi: &str, hits: usize) -> Response {
    use serde_json::json as j;
    match doi {
        // Retraction Watch's record only, merged into `updated-by`; nothing in `update-to`.
        "10.5555/rw-retracted" => work(
            doi,
            &[2015, 6, 1],
            j!({"updated-by": [{"type": "retraction", "DOI": "10.5555/rw-notice", "updated": {"date-parts": [[2021, 3, 4]]}, "source": "retraction-watch", "label": "Retraction", "record-id": 12345}]}),
        ),
        // A retraction notice cited as if it were the work.
        "10.5555/the-notice" => work(
            doi,
            &[2019],
            j!({"update-to": [{"type": "retraction", "DOI": "10.5555/some-work", "updated": {"date-parts": [[2019, 2, 1]]}, "source": "publisher", "label": "Retraction"}]}),
        ),
        "10.5555/concern" => work(
            doi,
            &[2016],
            j!({"updated-by": [{"type": "expression_of_concern", "DOI": "10.5555/eoc-notice", "updated": {"date-parts": [[2022, 1, 10]]}, "source": "publisher", "label": "Expression of concern"}]}),
        ),
        "10.1002/14651858.CD000001.pub2" => work(doi, &[2012, 3, 14], j!({})),
        "10.1002/14651858.CD000001.pub3" => work(doi, &[2021, 5, 5], j!({})),
        "10.5555/year" => work(doi, &[2012, 11], j!({"published-online": {"date-parts": [[2012, 10, 2]]}})),
        "10.5555/online-first" => work(doi, &[2013], j!({"published-online": {"date-parts": [[2012, 12, 20]]}})),
        "10.5555/fails" => reply(500, "text/plain", "Internal Server Error"),
        "10.5555/rate" if hits == 1 => {
            Response::builder().status(429).header(header::RETRY_AFTER, "1").body(Body::empty()).unwrap()
        }
        "10.5555/malformed" => reply(200, "application/json", "{\"status\": \"ok\", \"message\": "),
        "10.5555/unknown" => reply(404, "text/plain", "Resource not found."),
        // Crossref's rate-limit headers: two requests a second.
        d if d.starts_with("10.5555/limited-") => {
            let mut r = work(doi, &[2010], j!({}));
            r.headers_mut().insert("x-rate-limit-limit", "2".parse().unwrap());
            r.headers_mut().insert("x-rate-limit-interval", "1s".parse().unwrap());
            r
        }
        _ => work(doi, &[2010], j!({})),
    }
}

fn idconv(query: &str) -> Response {
    let ids = query.split('&').find_map(|p| p.strip_prefix("ids=")).unwrap_or("");
    let records: Vec<serde_json::Value> = ids
        .split(',')
        .map(|id| match id {
            "PMC1234567" => {
                serde_json::json!({"requested-id": id, "pmcid": id, "pmid": 44444444, "doi": "10.5555/via-pmc"})
            }
            _ => {
                serde_json::json!({"requested-id": id, "pmcid": id, "status": "error", "errmsg": "invalid article id"})
            }
        })
        .collect();
    json(
        200,
        serde_json::json!({"status": "ok", "responseDate": "2026-11-01 10:00:00", "request": query, "records": records}),
    )
}

fn article(pmid: &str, year: i64, extra: &str) -> String {
    format!(
        "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}</PMID><Article><Journal><JournalIssue><PubDate><Year>{year}</Year></PubDate></JournalIssue></Journal><PublicationTypeList><PublicationType UI=\"D016428\">Journal Article</PublicationType></PublicationTypeList></Article>{extra}</MedlineCitation></PubmedArticle>"
    )
}

fn efetch(query: &str) -> Response {
    let ids = query.split('&').find_map(|p| p.strip_prefix("id=")).unwrap_or("");
    let mut body = String::from(
        "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n",
    );
    for id in ids.split(',') {
        body.push_str(&match id {
            "11111111" => article(id, 2011, "<CommentsCorrectionsList><CommentsCorrections RefType=\"ErratumIn\"><RefSource>Invented J. 2012 Feb;3(1):9</RefSource><PMID Version=\"1\">11111112</PMID></CommentsCorrections></CommentsCorrectionsList>"),
            "22222222" => article(id, 2009, "<CommentsCorrectionsList><CommentsCorrections RefType=\"UpdateIn\"><RefSource>Invented Rev. 2019;7:CD1</RefSource><PMID Version=\"1\">33333333</PMID></CommentsCorrections></CommentsCorrectionsList>"),
            "44444444" => article(id, 2010, ""),
            _ => String::new(),
        });
    }
    body.push_str("</PubmedArticleSet>\n");
    reply(200, "text/xml", body)
}

fn unpaywall(doi: &str) -> Response {
    match doi {
        "10.5555/closed" => json(
            200,
            serde_json::json!({"doi": doi, "is_oa": false, "oa_status": "closed", "best_oa_location": null, "oa_locations": []}),
        ),
        "10.5555/open" => json(
            200,
            serde_json::json!({"doi": doi, "is_oa": true, "oa_status": "green", "best_oa_location": {"url": "https://repository.example/open.pdf", "url_for_pdf": "https://repository.example/open.pdf", "url_for_landing_page": "https://repository.example/open", "host_type": "repository", "version": "acceptedVersion", "license": "cc-by"}}),
        ),
        _ => json(404, serde_json::json!({"HTTP_status_code": 404, "error": true, "message": "not in our database"})),
    }
}

fn handle_api(doi: &str) -> Response {
    if doi == "10.1002/14651858.CD000001.pub3" {
        json(200, serde_json::json!({"responseCode": 1, "handle": doi, "values": []}))
    } else {
        json(404, serde_json::json!({"responseCode": 100, "handle": doi}))
    }
}

/// Writes the corpus: `matrixlint.yaml` and one cell with every case.
pub(crate) fn corpus(dir: &std::path::Path, s: &Services, email: bool) {
    std::fs::write(dir.join("matrixlint.yaml"), s.config(email)).unwrap();
    std::fs::create_dir_all(dir.join("cells/drug")).unwrap();
    let closed = s.url("publisher.test", "/article/closed");
    let cell = format!(
        r#"matrix: drug
cell: B2
title: "Practitioners; Generic and cross-cutting issues"
entries:
  - tier: R
    title: "Retracted, says Retraction Watch"
    year: 2015
    doi: "10.5555/rw-retracted"
  - tier: R
    title: "A notice cited as a work"
    year: 2019
    doi: "10.5555/the-notice"
  - tier: R
    title: "Under a cloud"
    year: 2016
    url: "https://doi.org/10.5555/concern"
  - tier: R
    title: "Corrected later"
    year: 2011
    pmid: 11111111
  - tier: R
    title: "A Cochrane review, second version"
    year: 2012
    doi: "10.1002/14651858.CD000001.pub2"
  - tier: R
    title: "Updated in PubMed"
    year: 2009
    url: "https://pubmed.ncbi.nlm.nih.gov/22222222/"
  - tier: R
    title: "Free once, now behind a login"
    year: 2010
    doi: "10.5555/closed"
    free_source: "{closed}"
  - tier: R
    title: "An open copy exists"
    year: 2010
    doi: "10.5555/open"
  - tier: R
    title: "Two years off"
    year: 2014
    doi: "10.5555/year"
  - tier: R
    title: "Online first"
    year: 2012
    doi: "10.5555/online-first"
  - tier: R
    title: "Crossref fails"
    year: 2010
    doi: "10.5555/fails"
  - tier: R
    title: "Crossref asks to wait"
    year: 2010
    doi: "10.5555/rate"
  - tier: R
    title: "A broken answer"
    year: 2010
    doi: "10.5555/malformed"
  - tier: R
    title: "Not in Crossref"
    year: 2010
    doi: "10.5555/unknown"
  - tier: R
    title: "In PubMed Central"
    year: 2010
    url: "https://findings.org.uk/PHP/dl.php?file=pmc.txt"
    free_source: "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/"
  - tier: R
    title: "No identifier"
    year: 2010
    url: "https://findings.org.uk/PHP/dl.php?file=none.txt"
  - tier: more
    text: "[This search](https://findings.org.uk/topic_search.php?s=staff) retrieves all relevant analyses."
"#
    );
    std::fs::write(dir.join("cells/drug/B2.yaml"), cell).unwrap();
}

/// Writes a corpus of one cell whose entries carry the given fields
/// (each a YAML line such as `doi: "10.5555/x"`).
pub(crate) fn corpus_of(dir: &std::path::Path, s: &Services, email: bool, fields: &[String]) {
    std::fs::write(dir.join("matrixlint.yaml"), s.config(email)).unwrap();
    std::fs::create_dir_all(dir.join("cells/drug")).unwrap();
    let mut cell =
        String::from("matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n");
    for (i, f) in fields.iter().enumerate() {
        cell.push_str(&format!("  - tier: R\n    title: \"Study {i}\"\n    year: 2010\n    {f}\n"));
    }
    std::fs::write(dir.join("cells/drug/B2.yaml"), cell).unwrap();
}

/// The request of an evidence audit of the corpus at `root`, with private addresses
/// allowed (the services are played on 127.0.0.1).
pub(crate) fn request(root: &std::path::Path) -> matrixlint::app::evidence::EvidenceRequest {
    matrixlint::app::evidence::EvidenceRequest {
        cwd: root.to_owned(),
        root: Some(root.to_owned()),
        config: None,
        paths: Vec::new(),
        refresh: false,
        allow_private: true,
        history: None,
        fix: false,
    }
}
