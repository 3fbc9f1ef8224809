//! Politeness towards the services, on an injected clock (waits are
//! recorded, never slept): NCBI at most three requests a second across the
//! ID converter and efetch, efetch batched 200 PMIDs at a time, Crossref's
//! `X-Rate-Limit-*` headers slowing its gate.

use std::sync::Arc;
use std::time::Duration;

use crate::evidence_support::{Services, corpus_of};
use crate::links_support::TestLookup;
use matrixlint::app::evidence::evidence;
use matrixlint::app::links::LinksEnv;
use matrixlint_links::retry::RecordingSleeper;

fn audit(root: &std::path::Path) -> (matrixlint::app::evidence::EvidenceReport, Vec<Duration>) {
    let sleeper = Arc::new(RecordingSleeper::default());
    let env = LinksEnv {
        checker: matrixlint_links::client::Env { lookup: Arc::new(TestLookup), sleeper: Arc::clone(&sleeper) as _ },
        now: "2026-11-01T06:00:00Z".parse().unwrap(),
        history_busy: Duration::ZERO,
        ..LinksEnv::default()
    };
    let req = crate::evidence_support::request(root);
    let report = evidence(&req, env).expect("the audit runs");
    (report, sleeper.waits())
}

#[test]
fn ncbi_gets_at_most_three_requests_a_second_and_pmids_go_200_at_a_time() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Services::start());
    let dir = tempfile::tempdir().unwrap();
    let mut fields: Vec<String> = (1..=201).map(|n| format!("pmid: {}", 50_000_000 + n)).collect();
    fields.push("free_source: \"https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/\"".to_owned());
    corpus_of(dir.path(), &s, false, &fields);
    let (report, waits) = audit(dir.path());
    assert_eq!(s.hits("/eutils/efetch.fcgi"), 2, "201 PMIDs in two requests");
    assert_eq!(s.hits("/idconv/"), 1);
    assert_eq!(report.audit.requests.sent["pubmed"], 2);
    // Three NCBI requests: the second and third waited a third and two thirds
    // of a second after the first (less the little real time that passed).
    assert_eq!(waits.len(), 2, "{waits:?}");
    for (k, wait) in waits.iter().enumerate() {
        let due = Duration::from_secs(1) * u32::try_from(k + 1).unwrap() / 3;
        assert!(*wait <= due && *wait + Duration::from_millis(250) > due, "wait {k}: {wait:?}, due {due:?}");
    }
    // PubMed knows none of these PMIDs: unknown, never clean.
    let unknown_pmids =
        report.audit.entries.iter().filter(|c| c.entry.pmid.as_ref().is_some_and(|p| p.value.starts_with("5000")));
    assert!(unknown_pmids.clone().count() == 201 && unknown_pmids.clone().all(|c| !c.status.unknown.is_empty()));
}

#[test]
fn crossref_rate_limit_headers_slow_its_gate() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Services::start());
    let dir = tempfile::tempdir().unwrap();
    let fields: Vec<String> = (0..8).map(|n| format!("doi: \"10.5555/limited-{n}\"")).collect();
    corpus_of(dir.path(), &s, false, &fields);
    let (report, waits) = audit(dir.path());
    assert_eq!(report.audit.requests.crossref_interval_ms, Some(500), "2 a second");
    assert_eq!(report.audit.requests.sent["crossref"], 8);
    // Once the headers were read, starts are 500 ms apart: the waits recorded
    // grow by about 500 ms each at the end.
    let last: Vec<Duration> = waits.iter().rev().take(3).copied().collect();
    assert!(last[0] >= last[1] + Duration::from_millis(400), "{waits:?}");
    assert!(last[1] >= last[2] + Duration::from_millis(400), "{waits:?}");
}
