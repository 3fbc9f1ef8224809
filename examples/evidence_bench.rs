//! The evidence audit's benchmark: 750 entries (50 cells × 15, each with a
//! DOI, every fifth also a PMID) against a local server playing Crossref,
//! NCBI and Unpaywall on 127.0.0.1 that answers every request after a fixed
//! delay. Times a first audit (everything asked, within the services' rate
//! limits) against the bound those limits allow, then a second audit the
//! next day (every answer from the cache). Real time, real gates.
//!
//! Usage: evidence_bench [DELAY_MS]

// A tool, not the library: it prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::Uri;
use axum::response::Response;
use matrixlint::app::evidence::{EvidenceRequest, evidence};
use matrixlint::app::links::LinksEnv;
use matrixlint_links::client::Env;
use matrixlint_links::guard::{Lookup, LookupError, LookupFuture};
use matrixlint_links::retry::TokioSleeper;

const CELLS: usize = 50;
const PER_CELL: usize = 15;

/// Every `*.test` name is this machine.
struct Local;

impl Lookup for Local {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            if host.ends_with(".test") { Ok(vec![[127, 0, 0, 1].into()]) } else { Err(LookupError::NotFound { host }) }
        })
    }
}

async fn answer(delay: Duration, uri: Uri) -> Response {
    tokio::time::sleep(delay).await;
    let path = uri.path();
    let (media, body) = if path.starts_with("/works/") {
        ("application/json", r#"{"status":"ok","message":{"issued":{"date-parts":[[2010]]}}}"#.to_owned())
    } else if path.starts_with("/v2/") {
        ("application/json", r#"{"is_oa":false,"oa_status":"closed","best_oa_location":null}"#.to_owned())
    } else if path.starts_with("/eutils/") {
        ("text/xml", "<PubmedArticleSet></PubmedArticleSet>".to_owned())
    } else {
        ("application/json", r#"{"status":"ok","records":[]}"#.to_owned())
    };
    Response::builder().header("content-type", media).body(body.into()).unwrap_or_default()
}

fn main() {
    let delay = Duration::from_millis(std::env::args().nth(1).and_then(|d| d.parse().ok()).unwrap_or(100));
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let port = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("an address").port();
        let app = axum::Router::new().fallback(move |uri: Uri| answer(delay, uri));
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        port
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    let base = |host: &str, path: &str| format!("http://{host}:{port}{path}");
    let config = format!(
        "evidence:\n  email: bench@example.org\n  crossref: {}\n  pmc-idconv: {}\n  pubmed: {}\n  unpaywall: {}\n",
        base("crossref.test", ""),
        base("ncbi.test", "/idconv/"),
        base("ncbi.test", "/eutils"),
        base("unpaywall.test", "/v2")
    );
    std::fs::write(root.join("matrixlint.yaml"), config).expect("write the configuration");
    std::fs::create_dir_all(root.join("cells/drug")).expect("a cells folder");
    for c in 0..CELLS {
        let mut text = format!("matrix: drug\ncell: A{}\nentries:\n", c % 5 + 1);
        for e in 0..PER_CELL {
            let n = c * PER_CELL + e;
            text.push_str(&format!(
                "  - tier: R\n    title: \"Study {n}\"\n    year: 2010\n    doi: \"10.5555/bench-{n}\"\n"
            ));
            if n.is_multiple_of(5) {
                text.push_str(&format!("    pmid: {}\n", 30_000_000 + n));
            }
        }
        std::fs::write(root.join(format!("cells/drug/c{c:02}.yaml")), text).expect("write a cell");
    }
    let request = EvidenceRequest {
        cwd: root.to_owned(),
        root: Some(root.to_owned()),
        config: None,
        paths: Vec::new(),
        refresh: false,
        allow_private: true,
        history: None,
        fix: false,
    };
    let env = |now: &str| LinksEnv {
        checker: Env { lookup: Arc::new(Local), sleeper: Arc::new(TokioSleeper) },
        now: now.parse().expect("a time"),
        ..LinksEnv::default()
    };
    let entries = CELLS * PER_CELL;
    // Crossref and Unpaywall each start one request every 100 ms, asked at
    // the same time; NCBI's one efetch overlaps. The bound: the last start
    // plus one answer's delay.
    let bound = Duration::from_millis(100) * u32::try_from(entries - 1).unwrap_or(0) + delay;
    let started = Instant::now();
    let first = match evidence(&request, env("2026-11-01T06:00:00Z")) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("evidence_bench: the first audit failed: {e}");
            std::process::exit(1);
        }
    };
    let took = started.elapsed();
    let started = Instant::now();
    let second = evidence(&request, env("2026-11-02T06:00:00Z")).expect("the second audit runs");
    let cached = started.elapsed();
    println!(
        "{entries} entries, {} ms per answer: first audit {:.2} s (bound {:.2} s, {:.3}×; requests {:?}); cached second audit {:.3} s (requests {:?})",
        delay.as_millis(),
        took.as_secs_f64(),
        bound.as_secs_f64(),
        took.as_secs_f64() / bound.as_secs_f64(),
        first.audit.requests.sent,
        cached.as_secs_f64(),
        second.audit.requests.sent,
    );
}
