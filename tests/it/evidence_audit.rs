//! The evidence audit against a local server playing every service: each
//! finding with its rule, place and message; requests per service (cache
//! hits send nothing); a failing service never yields "clean"; no network
//! records nothing; the guard; `--fix`; `check` reading the cache.

use std::sync::Arc;

use crate::evidence_support::{Services, corpus, request};
use crate::links_support::{Offline, TestLookup};
use matrixlint::app::evidence::{EvidenceError, EvidenceReport, EvidenceRequest, evidence};
use matrixlint::app::links::LinksEnv;
use matrixlint_links::guard::Lookup;
use matrixlint_links::retry::RecordingSleeper;

fn run(
    req: &EvidenceRequest,
    now: &str,
    lookup: Arc<dyn Lookup>,
) -> (Result<EvidenceReport, EvidenceError>, Arc<RecordingSleeper>) {
    let sleeper = Arc::new(RecordingSleeper::default());
    let env = LinksEnv {
        checker: matrixlint_links::client::Env { lookup, sleeper: Arc::clone(&sleeper) as _ },
        now: now.parse().unwrap(),
        history_busy: std::time::Duration::ZERO,
        ..LinksEnv::default()
    };
    (evidence(req, env), sleeper)
}

fn start() -> (tokio::runtime::Runtime, Services, tempfile::TempDir) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Services::start());
    (rt, s, tempfile::tempdir().unwrap())
}

/// `line:col rule message` for every finding.
fn listing(r: &EvidenceReport) -> Vec<String> {
    r.diagnostics
        .iter()
        .map(|d| {
            let at = d.start();
            format!("{}:{} {} {} {}", at.line, at.column, d.severity.as_str(), d.rule.name, d.message)
        })
        .collect()
}

fn unknown_of<'a>(r: &'a EvidenceReport, title: &str) -> &'a [String] {
    &r.audit
        .entries
        .iter()
        .find(|c| c.entry.title == title)
        .unwrap_or_else(|| panic!("no entry {title}"))
        .status
        .unknown
}

#[test]
fn every_case_gives_its_finding_at_its_place() {
    let (_rt, s, dir) = start();
    corpus(dir.path(), &s, true);
    let (report, sleeper) = run(&request(dir.path()), "2026-11-01T06:00:00Z", Arc::new(TestLookup));
    let r = report.expect("the audit runs");
    let closed = s.url("publisher.test", "/article/closed");
    assert_eq!(
        listing(&r),
        vec![
            "8:10 error retracted the work was retracted: Retraction, DOI 10.5555/rw-notice, 2021-03-04 (reported by Retraction Watch)".to_owned(),
            "12:10 error retracted the identifier is itself a notice (Retraction, DOI 10.5555/some-work, 2019-02-01 (reported by the publisher via Crossref))".to_owned(),
            "16:10 warning expression-of-concern the work was the subject of an expression of concern: Expression of concern, DOI 10.5555/eoc-notice, 2022-01-10 (reported by the publisher via Crossref)".to_owned(),
            "20:11 info corrected the work was corrected: ErratumIn Invented J. 2012 Feb;3(1):9, PMID 11111112, 2012 (reported by PubMed)".to_owned(),
            "24:10 warning superseded a newer version exists: DOI 10.1002/14651858.CD000001.pub3 (2021); the DOI handle API has a later Cochrane version".to_owned(),
            "28:10 warning superseded a newer version exists: PMID 33333333 (2019); PubMed lists an update".to_owned(),
            format!("33:18 warning free-source-closed the free source no longer gives the document: Unpaywall calls the work closed and it answers with a login or paywall page (`type=\"password\"`)"),
            "37:10 info free-source-available an open copy exists: https://repository.example/open.pdf (repository, Unpaywall: green)".to_owned(),
            "40:11 warning year-mismatch year 2014 is 2 years from the registry's dates (issued 2012-11, published online 2012-10-02)".to_owned(),
        ],
        "free source was {closed}"
    );
    // The fix of the Cochrane finding: the newer DOI and its year, offered, not applied.
    let cochrane = r.diagnostics.iter().find(|d| d.message.contains("Cochrane")).unwrap();
    let edits: Vec<&str> = cochrane.fix.as_ref().unwrap().edits.iter().map(|e| e.replacement.as_str()).collect();
    assert_eq!(edits, vec!["\"10.1002/14651858.CD000001.pub3\"", "2021"]);
    let text = std::fs::read_to_string(dir.path().join("cells/drug/B2.yaml")).unwrap();
    assert!(text.contains(".CD000001.pub2"), "nothing is changed without --fix");

    // A failing service is unknown, never clean.
    assert_eq!(unknown_of(&r, "Crossref fails"), ["Crossref answered 500"]);
    assert!(unknown_of(&r, "A broken answer")[0].starts_with("Crossref's answer is not JSON"));
    assert_eq!(
        unknown_of(&r, "Not in Crossref"),
        ["Crossref does not know the DOI 10.5555/unknown (another agency may have registered it)"]
    );
    assert!(unknown_of(&r, "Crossref asks to wait").is_empty(), "the 429 was waited out and asked again");
    assert!(
        sleeper.waits().contains(&std::time::Duration::from_secs(1)),
        "Retry-After: 1 was honoured: {:?}",
        sleeper.waits()
    );
    // The PMCID became a DOI and a PMID through the converter.
    let pmc = r.audit.entries.iter().find(|c| c.entry.title == "In PubMed Central").unwrap();
    assert_eq!(pmc.entry.doi.as_ref().map(|d| d.value.as_str()), Some("10.5555/via-pmc"));
    assert_eq!(pmc.entry.pmid.as_ref().map(|d| d.value.as_str()), Some("44444444"));
    assert!(pmc.status.unknown.is_empty());
    assert!(!r.audit.entries.iter().find(|c| c.entry.title == "No identifier").unwrap().entry.identified());

    // Requests: one per DOI (13) at Crossref (plus the newer Cochrane version,
    // the 500's two retries and the 429's second try), one batch at each
    // NCBI tool, one per DOI at Unpaywall, two handle probes, one free source.
    let hosts = s.per_host();
    assert_eq!(hosts["crossref.test"], 13 + 1 + 2 + 1, "{hosts:?}");
    assert_eq!(s.hits("/idconv/"), 1);
    assert_eq!(s.hits("/eutils/efetch.fcgi"), 1, "one efetch for all PMIDs");
    assert_eq!(hosts["unpaywall.test"], 13);
    assert_eq!(hosts["doi.test"], 2, ".pub3 registered, .pub4 not");
    assert_eq!(hosts["publisher.test"], 1);
    assert_eq!(r.audit.requests.sent["crossref"], 17);
    assert_eq!(r.audit.requests.sent["pubmed"] + r.audit.requests.sent["pmc-idconv"], 2);

    // A second audit the next day reuses every answer that read; only the
    // failures are asked again.
    let (again, _) = run(&request(dir.path()), "2026-11-02T06:00:00Z", Arc::new(TestLookup));
    let again = again.unwrap();
    let before = hosts.values().sum::<usize>();
    assert_eq!(
        s.per_host().values().sum::<usize>() - before,
        3 + 1,
        "the 500 (with its retries) and the malformed answer"
    );
    assert_eq!(listing(&again), listing(&r));
    assert_eq!(again.audit.requests.cached["crossref"], 12);
    assert_eq!(unknown_of(&again, "Crossref fails"), ["Crossref answered 500"]);
}

#[test]
fn without_an_email_unpaywall_is_not_asked_and_the_report_says_so() {
    let (_rt, s, dir) = start();
    corpus(dir.path(), &s, false);
    let (r, _) = run(&request(dir.path()), "2026-11-01T06:00:00Z", Arc::new(TestLookup));
    let r = r.unwrap();
    assert_eq!(s.per_host().get("unpaywall.test"), None);
    assert!(r.audit.warnings.iter().any(|w| w.starts_with("Unpaywall was not asked")), "{:?}", r.audit.warnings);
    assert!(!r.diagnostics.iter().any(|d| d.rule.name.starts_with("free-source")));
}

#[test]
fn no_network_exits_2_and_records_nothing() {
    let (_rt, s, dir) = start();
    corpus(dir.path(), &s, true);
    let (r, _) = run(&request(dir.path()), "2026-11-01T06:00:00Z", Arc::new(Offline));
    match r {
        Err(EvidenceError::NoNetwork { entries, detail }) => {
            assert_eq!(entries, 15, "every entry with an identifier");
            assert!(detail.contains("DNS name not found"), "{detail}");
        }
        other => panic!("expected no network, got {:?}", other.map(|r| r.diagnostics.len())),
    }
    let db = rusqlite::Connection::open(dir.path().join(".matrixlint/links.db")).unwrap();
    let n: i64 = db.query_row("SELECT count(*) FROM evidence_answers", [], |row| row.get(0)).unwrap_or(0);
    assert_eq!(n, 0);
}

#[test]
fn the_guard_refuses_private_addresses_unless_allowed() {
    let (_rt, s, dir) = start();
    corpus(dir.path(), &s, true);
    let req = EvidenceRequest { allow_private: false, ..request(dir.path()) };
    let (r, _) = run(&req, "2026-11-01T06:00:00Z", Arc::new(TestLookup));
    let r = r.unwrap();
    assert_eq!(s.per_host().values().sum::<usize>(), 0, "nothing reached the server");
    assert!(r.diagnostics.is_empty());
    assert!(unknown_of(&r, "Retracted, says Retraction Watch")[0].contains("did not answer"));
}

#[test]
fn fix_updates_the_superseded_doi_and_year_and_check_reads_the_cache() {
    let (_rt, s, dir) = start();
    corpus(dir.path(), &s, true);
    let req = EvidenceRequest { fix: true, ..request(dir.path()) };
    let (r, _) = run(&req, "2026-11-01T06:00:00Z", Arc::new(TestLookup));
    let r = r.unwrap();
    assert_eq!(r.fixed.len(), 1, "{:?}", r.fixed);
    let text = std::fs::read_to_string(dir.path().join("cells/drug/B2.yaml")).unwrap();
    assert!(text.contains("    year: 2021\n    doi: \"10.1002/14651858.CD000001.pub3\""), "{text}");

    // `check` with `evidence.in-check` shows the cached findings, offline.
    let config = std::fs::read_to_string(dir.path().join("matrixlint.yaml")).unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), config.replace("evidence:\n", "evidence:\n  in-check: true\n"))
        .unwrap();
    let before = s.per_host().values().sum::<usize>();
    let mut check = matrixlint::app::check::CheckRequest::new(dir.path().to_owned(), jiff::civil::date(2026, 11, 2));
    check.root = Some(dir.path().to_owned());
    let found = matrixlint::app::check::check(&check).unwrap();
    let rules: Vec<&str> = found.diagnostics.iter().map(|d| d.rule.name).collect();
    assert!(rules.contains(&"retracted") && rules.contains(&"year-mismatch"), "{rules:?}");
    assert_eq!(s.per_host().values().sum::<usize>(), before, "check sent no request");
}
