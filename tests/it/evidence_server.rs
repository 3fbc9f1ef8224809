//! The language server with `evidence.in-check`: a retraction from the last
//! evidence audit's cached answers shows on the entry's line, without a
//! request; without the setting it does not.

use std::time::Duration;

use crate::server_support::Server;
use matrixlint_evidence::cache::Cache;
use matrixlint_evidence::service::Service;
use matrixlint_evidence::status::{Notice, NoticeKind, Status};

fn corpus(in_check: bool) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("matrixlint.yaml"), format!("evidence:\n  in-check: {in_check}\n")).unwrap();
    std::fs::create_dir_all(root.join("cells/drug")).unwrap();
    let text = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n  - tier: R\n    title: \"A trial\"\n    year: 2015\n    url: \"https://findings.org.uk/PHP/dl.php?file=x.txt\"\n    doi: \"10.5555/retracted\"\n  - tier: more\n    text: \"[This search](https://findings.org.uk/topic_search.php?s=staff) retrieves all relevant analyses.\"\n".to_owned();
    std::fs::write(root.join("cells/drug/B2.yaml"), &text).unwrap();
    std::fs::create_dir_all(root.join(".matrixlint")).unwrap();
    let mut cache = Cache::open(&root.join(".matrixlint/links.db"), Duration::ZERO, 7, false).unwrap();
    let mut status = Status::default();
    status.add_notice(Notice {
        kind: NoticeKind::Retraction,
        label: "Retraction".into(),
        doi: Some("10.5555/notice".into()),
        pmid: None,
        date: Some("2026-01-02".into()),
        source: "publisher".into(),
        is_the_notice: false,
    });
    // Fetched two days before the server's today (2026-06-15).
    let at = "2026-06-13T06:00:00Z".parse().unwrap();
    cache.put(Service::Crossref, &[("10.5555/retracted".to_owned(), Some(status))], at).unwrap();
    (dir, root, text)
}

#[test]
fn a_cached_retraction_shows_on_the_entry_line_when_in_check_is_on() {
    for (in_check, expected) in [(true, vec!["ML501"]), (false, vec![])] {
        let (_dir, root, text) = corpus(in_check);
        let (mut server, _) = Server::start(&root, &["utf-16"]);
        let uri = server.open(&root.join("cells/drug/B2.yaml"), &text);
        let found = server.diagnostics_of(&uri, 1);
        let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes, expected, "in-check {in_check}: {found:#?}");
        if in_check {
            assert_eq!(found[0]["range"]["start"]["line"], 8, "the `doi:` line");
            assert!(found[0]["message"].as_str().unwrap().contains("retracted"));
        }
        assert!(server.stop().success());
    }
}
