//! `matrixlint server` over stdio: hover, go to definition, find references
//! and document links on the sample corpus, with exact ranges.

use std::path::Path;

use crate::server_support::{Server, find, range, sample_corpus, uri};
use matrixlint_links::classify::{Class, Outcome, Redirect};
use matrixlint_links::history::{History, Record};
use serde_json::{Value, json};

fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"].as_str().unwrap_or_default().to_owned()
}

/// `(file name, range)` of a location.
fn place(location: &Value, root: &Path) -> (String, (u64, u64, u64, u64)) {
    let prefix = format!("{}/", uri(root));
    let file = location["uri"].as_str().unwrap().strip_prefix(&prefix).unwrap().to_owned();
    (file, range(&location["range"]))
}

#[test]
fn hover_shows_the_target_cell_tier_meaning_heading_and_finding() {
    let (_dir, root) = sample_corpus();
    // A summary on the target cell is quoted.
    let b4 = root.join("cells/drug/B4.yaml");
    let b4_text = std::fs::read_to_string(&b4).unwrap();
    std::fs::write(&b4, b4_text.replacen("entries:", "summary: \"How therapists relate matters.\"\nentries:", 1))
        .unwrap();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let a2 = root.join("cells/drug/A2.yaml");
    let text = std::fs::read_to_string(&a2).unwrap().replacen("cells B2 and B4", "cells B2 and B4 (not cell A5)", 1);
    let text = text.replacen("tier: K", "tier: k", 1);
    let uri = server.open(&a2, &text);
    let (line, column) = find(&text, "B4", 0);
    let hover = server.at("textDocument/hover", &uri, line, column);
    assert_eq!(
        hover_text(&hover),
        "**Drug Treatment Matrix cell B4**: Practitioners; Psychosocial therapies\n\nHow therapists relate matters.\n\n`cells/drug/B4.yaml`"
    );
    assert_eq!(range(&hover["range"]), (line, column, line, column + 2));
    // On the word "cells": the first cell of the phrase.
    let (line, column) = find(&text, "cells B2 and B4", 0);
    assert!(
        hover_text(&server.at("textDocument/hover", &uri, line, column + 1))
            .starts_with("**Drug Treatment Matrix cell B2**")
    );
    let (line, column) = find(&text, "C2]", 0);
    let hover = hover_text(&server.at("textDocument/hover", &uri, line, column));
    assert!(hover.starts_with("**Alcohol Treatment Matrix cell C2**: Management/supervision; Generic"), "{hover}");
    let (line, column) = find(&text, "A5", 0);
    let hover = hover_text(&server.at("textDocument/hover", &uri, line, column));
    assert!(hover.contains("No source yet: `cells/drug/A5.yaml` would hold it."), "{hover}");
    let (line, column) = find(&text, "row 2", 0);
    let hover = hover_text(&server.at("textDocument/hover", &uri, line, column + 4));
    assert!(
        hover.starts_with(
            "**Row 2 of the Drug Treatment Matrix**: Generic and cross-cutting issues\n\nCells with a source: A2, B2."
        ),
        "{hover}"
    );
    let (line, column) = find(&text, "tier: G", 0);
    assert!(hover_text(&server.at("textDocument/hover", &uri, line, column + 6)).starts_with("**G** — Guidance"));
    let (line, column) = find(&text, "discussion: [about]", 0);
    let hover = hover_text(&server.at("textDocument/hover", &uri, line, column + 14));
    assert!(
        hover.starts_with("**What is this cell about?** (`cells/drug/A2.yaml`)\n\nWhatever the specific intervention"),
        "{hover}"
    );
    // A finding: its rule's documentation, and what is written there.
    let (line, column) = find(&text, "tier: k", 0);
    let hover = server.at("textDocument/hover", &uri, line, column + 6);
    let shown = hover_text(&hover);
    assert!(
        shown.starts_with("**ML201** `unknown-tier` (error): unknown tier label `k`\n\nhelp: did you mean `K`?"),
        "{shown}"
    );
    assert!(shown.contains("## What it does") && shown.contains("`k` is not a tier label"), "{shown}");
    assert_eq!(range(&hover["range"]), (line, column + 6, line, column + 7));
    // Another cell's bite issue, through `alcohol/C2#…`.
    let (b4_uri, b4_text) = server.open_file(&b4);
    let (line, column) = find(&b4_text, "alcohol/C2#", 0);
    let hover = hover_text(&server.at("textDocument/hover", &b4_uri, line, column + 12));
    assert!(hover.starts_with("**Recruitment"), "{hover}");
    assert!(hover.contains("(`cells/alcohol/C2.yaml`, issue `recruitment-the-critical-missing-link`)"), "{hover}");
    assert!(server.stop().success());
}

#[test]
fn hover_on_a_link_reads_its_last_audit_from_the_history() {
    let (_dir, root) = sample_corpus();
    let a2 = root.join("cells/drug/A2.yaml");
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, text) = server.open_file(&a2);
    let dead = "https://findings.org.uk/PHP/dl.php?file=NIDA_4.txt";
    let moved = "https://findings.org.uk/PHP/dl.php?file=NICE_28.txt";
    let (line, column) = find(&text, dead, 0);
    let hover = server.at("textDocument/hover", &uri, line, column + 10);
    assert!(hover_text(&hover).contains("Not audited yet: `matrixlint links` records its results in"), "{hover}");
    assert_eq!(range(&hover["range"]), (line, column, line, column + dead.len() as u64));
    // Two audits: the first link broken in both, the second moved for good.
    let mut history = History::open(&root.join(".matrixlint/links.db"), std::time::Duration::ZERO).unwrap();
    let broken = Outcome::new(Class::Broken, Some(404), "404 Not Found");
    let mut redirected = Outcome::new(Class::Redirected, Some(200), "200 OK");
    redirected.redirects = vec![Redirect { status: 301, to: "https://findings.org.uk/new/NICE_28.txt".to_owned() }];
    for when in ["2026-06-01T09:00:00Z", "2026-06-08T09:00:00Z"] {
        let at: jiff::Timestamp = when.parse().unwrap();
        let records = [
            Record { url: dead, outcome: &broken, checked_at: at, cached: false },
            Record { url: moved, outcome: &redirected, checked_at: at, cached: false },
        ];
        history.record(at, &records).unwrap();
    }
    drop(history);
    let shown = hover_text(&server.at("textDocument/hover", &uri, line, column + 10));
    assert!(shown.contains("Last audit (2026-06-08): **broken** — 404 Not Found"), "{shown}");
    assert!(shown.contains("Failing since 2026-06-01 (2 audit(s) in a row)."), "{shown}");
    let (line, column) = find(&text, moved, 0);
    let shown = hover_text(&server.at("textDocument/hover", &uri, line, column + 10));
    assert!(
        shown.contains("**redirected**")
            && shown.contains("Redirects: 301 → <https://findings.org.uk/new/NICE_28.txt>"),
        "{shown}"
    );
    assert!(
        shown.contains("Moved permanently: update the link to <https://findings.org.uk/new/NICE_28.txt>."),
        "{shown}"
    );
    assert!(server.stop().success());
}

#[test]
fn definition_leads_from_references_and_discussion_items_to_their_targets() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, text) = server.open_file(&root.join("cells/drug/A2.yaml"));
    let cell_line = |file: &str| {
        let line =
            std::fs::read_to_string(root.join(file)).unwrap().lines().position(|l| l.starts_with("cell: ")).unwrap();
        (file.to_owned(), (line as u64, 6, line as u64, 8))
    };
    let mut go = |needle: &str, skip: usize, offset: u64| {
        let (line, column) = find(&text, needle, skip);
        let found = server.at("textDocument/definition", &uri, line, column + offset);
        assert!(!found.is_null(), "no definition at {needle:?}");
        place(&found, &root)
    };
    assert_eq!(go("cell B2]", 0, 6), cell_line("cells/drug/B2.yaml"));
    assert_eq!(go("cells B2 and B4", 0, 13), cell_line("cells/drug/B4.yaml"));
    assert_eq!(go("cell B2]", 1, 6), cell_line("cells/alcohol/B2.yaml"), "… of the Alcohol Treatment Matrix");
    assert_eq!(go("cell C2]", 0, 5), cell_line("cells/alcohol/C2.yaml"));
    assert_eq!(go("row 2 of the matrix", 0, 4), cell_line("cells/drug/A2.yaml"), "the row's first cell with a source");
    let (issue_line, issue_column) = find(&text, "does-the-label-on-the-bottle-matter", 1);
    let issue = ("cells/drug/A2.yaml".to_owned(), (issue_line, issue_column, issue_line, issue_column + 35));
    assert_eq!(go("[does-the-label-on-the-bottle-matter]", 0, 3), issue);
    let (about_line, _) = find(&text, "  about: |-", 0);
    assert_eq!(go("discussion: [about]", 0, 15), ("cells/drug/A2.yaml".to_owned(), (about_line, 2, about_line, 7)));
    // Into another cell's bite issue.
    let (b4, b4_text) = server.open_file(&root.join("cells/drug/B4.yaml"));
    let (line, column) = find(&b4_text, "alcohol/C2#", 0);
    let found = place(&server.at("textDocument/definition", &b4, line, column + 15), &root);
    let c2 = std::fs::read_to_string(root.join("cells/alcohol/C2.yaml")).unwrap();
    let (l, c) = find(&c2, "id: recruitment-the-critical-missing-link", 0);
    assert_eq!(found, ("cells/alcohol/C2.yaml".to_owned(), (l, c + 4, l, c + 41)));
    // Nothing there: null, not an error.
    assert_eq!(server.at("textDocument/definition", &uri, 0, 0), Value::Null);
    assert!(server.stop().success());
}

#[test]
fn references_to_a_cell_and_to_a_bite_issue_cover_the_corpus() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (b2, _) = server.open_file(&root.join("cells/drug/B2.yaml"));
    let params = json!({
        "textDocument": { "uri": b2 }, "position": { "line": 2, "character": 1 }, "context": { "includeDeclaration": false }
    });
    let found = server.request("textDocument/references", params);
    let mut places: Vec<(String, u64)> =
        found.as_array().unwrap().iter().map(|l| place(l, &root)).map(|(f, r)| (f, r.0)).collect();
    places.sort();
    let expected = [
        ("cells/alcohol/B2.yaml", 29),
        ("cells/alcohol/B2.yaml", 47),
        ("cells/alcohol/C2.yaml", 46),
        ("cells/drug/A2.yaml", 13),
        ("cells/drug/A2.yaml", 21),
        ("cells/drug/A2.yaml", 48),
        ("cells/drug/A2.yaml", 55),
        ("cells/drug/B4.yaml", 11),
        ("cells/drug/B4.yaml", 55),
    ];
    assert_eq!(places, expected.map(|(f, l)| (f.to_owned(), l)), "A2's reference to the alcohol B2 is not one");
    for location in found.as_array().unwrap() {
        let (file, (l, c, el, ec)) = place(location, &root);
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        let line: Vec<u16> = text.lines().nth(l as usize).unwrap().encode_utf16().collect();
        assert_eq!(el, l);
        let written = String::from_utf16(&line[c as usize..ec as usize]).unwrap();
        assert!(written == "B2" || written == "drug/B2#youre-not-taking-me-seriously", "{file}:{l}: {written}");
    }
    // From a bite issue's id: the discussion items naming it, here and elsewhere.
    let (c2, c2_text) = server.open_file(&root.join("cells/alcohol/C2.yaml"));
    let (line, column) = find(&c2_text, "id: recruitment", 0);
    let params = json!({
        "textDocument": { "uri": c2 }, "position": { "line": line, "character": column + 6 }, "context": { "includeDeclaration": true }
    });
    let found = server.request("textDocument/references", params);
    let places: Vec<(String, u64)> =
        found.as_array().unwrap().iter().map(|l| place(l, &root)).map(|(f, r)| (f, r.0)).collect();
    assert_eq!(
        places,
        [
            ("cells/alcohol/C2.yaml", line),
            ("cells/alcohol/B2.yaml", 21),
            ("cells/alcohol/C2.yaml", 12),
            ("cells/drug/B4.yaml", 20)
        ]
        .map(|(f, l)| (f.to_owned(), l)),
        "the declaration first"
    );
    assert!(server.stop().success());
}

#[test]
fn document_links_cover_urls_and_cross_references() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, text) = server.open_file(&root.join("cells/drug/A2.yaml"));
    let links = server.request("textDocument/documentLink", json!({ "textDocument": { "uri": uri } }));
    let links = links.as_array().unwrap();
    let target = |needle: &str, skip: usize, len: usize| {
        let (line, column) = find(&text, needle, skip);
        let at = (line, column, line, column + len as u64);
        links.iter().find(|l| range(&l["range"]) == at).unwrap_or_else(|| panic!("no link at {needle:?}"))["target"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let nida = "https://findings.org.uk/PHP/dl.php?file=NIDA_4.txt";
    assert_eq!(target(nida, 0, nida.len()), nida);
    assert_eq!(target("B2](", 0, 2), uri_in(&root, "cells/drug/B2.yaml"));
    assert_eq!(target("B4.", 0, 2), uri_in(&root, "cells/drug/B4.yaml"));
    assert_eq!(target("B2](", 1, 2), uri_in(&root, "cells/alcohol/B2.yaml"));
    let urls = text.matches("](https://").count()
        + text.matches("url: \"https://").count()
        + text.matches("free_source: \"https://").count();
    let cells = links.iter().filter(|l| l["target"].as_str().unwrap().starts_with("file://")).count();
    assert_eq!(links.len() - cells, urls, "every URL is a link");
    assert!(server.stop().success());
}

fn uri_in(root: &Path, name: &str) -> String {
    uri(&root.join(name))
}
