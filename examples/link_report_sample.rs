//! The sample link-audit report (`docs/link-report.png` is its screenshot):
//! four weekly audits, at fixed dates, of a small corpus whose links point
//! at a local server on 127.0.0.1 playing a publisher with real 404s, a
//! site that answers missing pages with 200, one that sends old pages to its
//! home page, a DOI resolver and the web archive. Writes the HTML report of
//! the last audit to PATH. Run by `.ci/link-report.sh`.
//!
//! With `--hostile`, the corpus and the web attack the report instead: a cell
//! named `javascript:alert(1)<!--.yaml` at the corpus root, links to
//! `javascript:`, `data:` and `file:` addresses, and an archive answering
//! with script, file, private-address and multi-line snapshot addresses. The
//! browser check clicks every link of that report too.
//!
//! Usage: link_report_sample [--hostile] PATH

// A tool, not the library: it reports its one failure on stderr.
#![allow(clippy::print_stderr)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::{HeaderMap, Uri, header};
use axum::response::Response;
use matrixlint::app::links::{LinksEnv, LinksRequest, links};
use matrixlint_links::client::Env;
use matrixlint_links::guard::{Lookup, LookupError, LookupFuture};
use matrixlint_links::retry::RecordingSleeper;

/// Every `*.test` name is this machine.
struct Local;

impl Lookup for Local {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            if host.ends_with(".test") { Ok(vec![[127, 0, 0, 1].into()]) } else { Err(LookupError::NotFound { host }) }
        })
    }
}

fn reply(status: u16, kind: &str, body: String) -> Response {
    Response::builder().status(status).header(header::CONTENT_TYPE, kind).body(body.into()).unwrap_or_default()
}

/// The sites; `week` (0–3) is which audit is running: links break over time.
fn answer(host: &str, path: &str, query: &str, week: usize) -> Response {
    let page = |text: &str| reply(200, "text/html", format!("<html><body><nav>Home Reports</nav>{text}</body></html>"));
    match (host, path) {
        ("findings.test", "/docs/baldwin-2012.pdf") if week < 1 => reply(200, "application/pdf", "%PDF".into()),
        ("findings.test", "/docs/missing-2001.pdf") if week < 3 => reply(200, "application/pdf", "%PDF".into()),
        ("findings.test", "/docs/meier-2005.pdf" | "/docs/wampold-2015.pdf") => reply(200, "application/pdf", "%PDF".into()),
        ("findings.test", "/docs/moved.pdf") => Response::builder()
            .status(301)
            .header(header::LOCATION, "/docs/wampold-2015.pdf")
            .body(String::new().into())
            .unwrap_or_default(),
        ("findings.test", _) => reply(404, "text/html", "not found".into()),
        ("gov.test", "/") => page("<h1>Welcome</h1>"),
        ("gov.test", "/guidance/2019.html") if week < 3 => page("<h1>Guidance 2019</h1><p>Commissioning treatment services.</p>"),
        ("gov.test", _) => Response::builder().status(302).header(header::LOCATION, "/").body(String::new().into()).unwrap_or_default(),
        ("library.test", "/view.php") if query.contains("id=17") => page("<h1>Audit of treatment outcomes</h1><p>Full report, 84 pages.</p>"),
        ("library.test", _) => page("<h1>Sorry</h1><p>We could not find that document.</p>"),
        ("doi.test", p) if p.ends_with("/10.1000/182") => reply(200, "application/json", r#"{"responseCode":1}"#.into()),
        ("doi.test", _) => reply(404, "application/json", r#"{"responseCode":100}"#.into()),
        ("archive.test", _) if query.contains("hostile") => {
            let url = match query.rsplit("hostile-").next().unwrap_or("").get(..1) {
                Some("1") => "javascript:alert(1)",
                Some("2") => "file:///etc/passwd",
                Some("3") => "http://127.0.0.1:9/admin",
                Some("4") => "data:text/html,<script>alert(1)</script>",
                _ => "https://web.archive.org/web/1/x\n::error::forged",
            };
            let closest = serde_json::json!({"available": true, "url": url, "timestamp": "20261101000000"});
            reply(200, "application/json", serde_json::json!({"archived_snapshots": {"closest": closest}}).to_string())
        }
        ("archive.test", _) if query.contains("baldwin") => reply(
            200,
            "application/json",
            r#"{"archived_snapshots":{"closest":{"available":true,"url":"https://web.archive.org/web/20261101000000/https://findings.org.uk/docs/baldwin-2012.pdf","timestamp":"20261101000000"}}}"#.into(),
        ),
        ("archive.test", _) => reply(200, "application/json", r#"{"archived_snapshots":{}}"#.into()),
        ("slow.test", _) => reply(403, "text/html", "<title>Just a moment...</title>".into()),
        _ => reply(404, "text/plain", String::new()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let hostile = args.iter().any(|a| a == "--hostile");
    let Some(out) = args.iter().find(|a| !a.starts_with("--")).cloned() else {
        eprintln!("usage: link_report_sample [--hostile] PATH");
        std::process::exit(2);
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let week = Arc::new(AtomicUsize::new(0));
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let seen = Arc::clone(&week);
    let port = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("an address").port();
        let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
            let week = seen.load(Ordering::SeqCst);
            async move {
                let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
                let host = host.split(':').next().unwrap_or("").to_owned();
                answer(&host, uri.path(), uri.query().unwrap_or(""), week)
            }
        });
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        port
    });
    let url = |host: &str, path: &str| format!("http://{host}:{port}{path}");
    let cell = format!(
        "matrix: drug\ncell: B2\ntitle: \"Practitioners\"\nentries:\n{}",
        [
            ("R", url("findings.test", "/docs/baldwin-2012.pdf"), url("findings.test", "/docs/meier-2005.pdf")),
            ("R", url("findings.test", "/docs/moved.pdf"), url("gov.test", "/guidance/2019.html")),
            ("K", url("library.test", "/view.php?id=17"), url("library.test", "/view.php?id=99")),
            ("K", "https://doi.org/10.1000/182".to_owned(), "https://doi.org/10.1000/0000".to_owned()),
            ("G", url("slow.test", "/report"), url("findings.test", "/docs/missing-2001.pdf")),
        ]
        .iter()
        .enumerate()
        .map(|(i, (tier, a, b))| format!(
            "  - tier: {tier}\n    title: \"Study {i}\"\n    year: 2012\n    url: \"{a}\"\n    free_source: \"{b}\"\n"
        ))
        .collect::<String>()
    );
    std::fs::create_dir_all(dir.path().join("cells/drug")).expect("cells/drug");
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), cell).expect("the cell");
    let cells = if hostile {
        let links: String =
            (1..=5).map(|i| format!("[{i}]({}) ", url("gone.test", &format!("/hostile-{i}")))).collect();
        let text = format!(
            "matrix: drug\ncell: B3\ntitle: \"T\"\nentries:\n  - tier: more\n    text: \"{links}[a](javascript:alert(2)) [b](data:text/html,x) [c](file:///etc/passwd)\"\n"
        );
        std::fs::write(dir.path().join("javascript:alert(1)<!--.yaml"), text).expect("the hostile cell");
        "cells: [\"cells/**/*.yaml\", \"*:*.yaml\"]\n"
    } else {
        ""
    };
    let config = format!(
        "{cells}links:\n  per-host-interval-ms: 0\n  retries: 0\n  suggest: true\n  doi-resolver: {}\n  archive-api: {}\n",
        url("doi.test", ""),
        url("archive.test", "/wayback/available")
    );
    std::fs::write(dir.path().join("matrixlint.yaml"), config).expect("matrixlint.yaml");
    let request = LinksRequest {
        cwd: dir.path().to_owned(),
        root: Some(dir.path().to_owned()),
        paths: Vec::new(),
        no_cache: true,
        allow_private: true,
        history: None,
        config: None,
        suggest: true,
    };
    let mut last = None;
    for (i, day) in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"].iter().enumerate() {
        week.store(i, Ordering::SeqCst);
        let env = LinksEnv {
            checker: Env { lookup: Arc::new(Local), sleeper: Arc::new(RecordingSleeper::default()) },
            now: format!("{day}T06:00:00Z").parse().expect("a time"),
            history_busy: std::time::Duration::ZERO,
            ..LinksEnv::default()
        };
        match links(&request, env) {
            Ok((audit, _)) => last = Some(audit),
            Err(e) => {
                eprintln!("the sample audit failed: {e}");
                std::process::exit(1);
            }
        }
    }
    let audit = last.expect("four audits ran");
    let page = matrixlint::report::links::html::render(&audit, "");
    std::fs::write(&out, page).unwrap_or_else(|e| {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    });
}
