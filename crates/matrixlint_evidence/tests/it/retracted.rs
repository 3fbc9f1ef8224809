//! A Crossref answer naming a retraction notice becomes a `retracted`
//! finding at the entry's DOI.

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, Uri};
use matrixlint_engine::config::links::LinksConfig;
use matrixlint_engine::source::SourceFile;
use matrixlint_engine::source::yaml::load;
use matrixlint_evidence::audit::{Settings, run};
use matrixlint_evidence::service::Services;
use matrixlint_evidence::{collect, findings};
use matrixlint_links::client::{Checker, Env};
use matrixlint_links::retry::RecordingSleeper;

/// Crossref's record of a work retracted by a later notice; everything else is unknown.
async fn crossref(uri: Uri) -> (StatusCode, String) {
    // The DOI is one path segment: its slash is sent encoded.
    if uri.path() == "/works/10.5555%2Fretracted.1" {
        let body = r#"{"status":"ok","message":{"DOI":"10.5555/retracted.1","updated-by":[{"type":"retraction","DOI":"10.5555/notice.9","updated":{"date-parts":[[2021,3,4]]},"source":"publisher","label":"Retraction"}]}}"#;
        (StatusCode::OK, body.to_owned())
    } else {
        (StatusCode::NOT_FOUND, "unknown".to_owned())
    }
}

#[test]
fn a_retraction_notice_is_a_retracted_finding_at_the_doi() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, Router::new().fallback(crossref)).await.ok() });
        format!("http://{addr}")
    });
    let text = "matrix: drug\ncell: B2\nentries:\n  - tier: K\n    title: A retracted study\n    year: 2019\n    doi: \"10.5555/retracted.1\"\n  - tier: R\n    title: A sound review\n    year: 2020\n    doi: \"10.5555/sound.2\"\n";
    let file = Arc::new(SourceFile::new("c.yaml", "c.yaml", text));
    let root = load(text).unwrap();
    let entries = collect([(&file, &root)]);

    let sleeper = Arc::new(RecordingSleeper::default());
    let env = Env { sleeper: Arc::clone(&sleeper) as _, ..Env::default() };
    let config = LinksConfig { per_host_interval_ms: 0, timeout_ms: 5_000, ..LinksConfig::default() };
    // The services are on loopback, which the address guard refuses unless told otherwise.
    let (checker, _) = Checker::new(&config, true, env).unwrap();
    let services = Arc::new(Services::new(Arc::new(checker), sleeper, 10));
    let settings = Settings {
        email: None,
        crossref: base.clone(),
        pmc_idconv: base.clone(),
        pubmed: base.clone(),
        unpaywall: base.clone(),
        resolver: base,
    };
    let now = jiff::Timestamp::from_second(1_781_481_600).unwrap();
    let (audit, _) = run(entries, Some((&rt, &services)), None, &settings, now);

    let found: Vec<(String, &str, String)> = audit
        .entries
        .iter()
        .flat_map(findings::of)
        .map(|d| (d.rule.name.to_owned(), &text[d.primary.span.start..d.primary.span.end], d.message))
        .collect();
    let unknown: Vec<&String> = audit.entries.iter().flat_map(|c| &c.status.unknown).collect();
    assert_eq!(found.len(), 1, "{found:#?} {unknown:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("retracted", "\"10.5555/retracted.1\""));
    assert!(found[0].2.contains("10.5555/notice.9"), "the message names the notice: {}", found[0].2);
}
