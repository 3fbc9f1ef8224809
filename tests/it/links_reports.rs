//! Every `links` format rendered from one audit built by hand (fixed URLs,
//! times and history), as snapshots: the words a person reads are reviewed
//! when they change. The HTML page is also checked for what must hold
//! whatever its styling: self-contained, every section, a chart.

use std::sync::Arc;

use matrixlint::config::links::Action;
use matrixlint::report::links::{LinksFormat, render};
use matrixlint_engine::source::{SourceFile, Span};
use matrixlint_links::audit::{Audit, LinkResult, RunSummary, Snapshot, State};
use matrixlint_links::classify::{Class, Outcome, Reason, Redirect};
use matrixlint_links::{Field, Place, Target};

const CELL: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners\"\nentries:\n  - tier: R\n    title: \"Some therapists are just better than others\"\n    url: \"https://findings.org.uk/PHP/dl.php?file=Baldwin_SA_1.txt\"\n    free_source: \"https://findings.org.uk/gone/baldwin-2012.pdf\"\n    text: \"“Ingenious” — see [the review](https://www.example.gov/reports/old-review.html).\"\n  - tier: K\n    title: \"Guidance\"\n    url: \"https://doi.org/10.1000/never\"\n    free_source: \"https://publisher.example/moved\"\n  - tier: more\n    text: \"[Search](https://blocked.example/search?q=x) and [again](https://findings.org.uk/gone/baldwin-2012.pdf).\"\n";

fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

fn target(file: &Arc<SourceFile>, url: &str, field: Field, nth: usize) -> Target {
    let written = match url {
        u if u.contains("baldwin-2012") => "https://findings.org.uk/gone/baldwin-2012.pdf",
        u => u,
    };
    let places = CELL
        .match_indices(written)
        .skip(nth)
        .map(|(start, w)| Place {
            file: Arc::clone(file),
            span: Span { start, end: start + w.len() },
            field: if CELL[..start].ends_with("](") { Field::Prose } else { field },
        })
        .collect();
    Target { url: url.to_owned(), places }
}

fn result(target: Target, outcome: Outcome, state: State, action: Action) -> LinkResult {
    LinkResult { target, outcome, checked_at: at("2026-11-23T06:00:00Z"), cached: false, state, action, archived: None }
}

fn audit() -> Audit {
    let file = Arc::new(SourceFile::new("cells/drug/B2.yaml", "cells/drug/B2.yaml", CELL));
    let now = at("2026-11-23T06:00:00Z");
    let mut soft = Outcome::new(Class::Broken, Some(200), "looks like the site's not-found page");
    soft.reason = Some(Reason::Soft404);
    let mut home = Outcome::new(Class::Broken, Some(200), "redirected to the home page, https://www.example.gov/");
    home.reason = Some(Reason::HomePageRedirect);
    home.redirects = vec![Redirect { status: 301, to: "https://www.example.gov/".into() }];
    let mut doi = Outcome::new(Class::Broken, Some(404), "DOI not registered at the resolver");
    doi.reason = Some(Reason::DoiNotRegistered);
    let mut moved = Outcome::new(Class::Redirected, Some(200), "200 OK");
    moved.redirects = vec![Redirect { status: 301, to: "https://publisher.example/papers/2012/baldwin".into() }];
    let mut dead = result(
        target(&file, "https://findings.org.uk/gone/baldwin-2012.pdf", Field::FreeSource, 0),
        Outcome::new(Class::Broken, Some(410), "410 Gone"),
        State::Dead { failures: 3, since: at("2026-11-09T06:00:00Z") },
        Action::Fail,
    );
    dead.archived = Some(Snapshot {
        url: "http://web.archive.org/web/20261102060000/https://findings.org.uk/gone/baldwin-2012.pdf".into(),
        timestamp: at("2026-11-02T06:00:00Z"),
    });
    let results = vec![
        result(
            target(&file, "https://blocked.example/search?q=x", Field::Prose, 0),
            Outcome::new(Class::Blocked, Some(403), "403 Forbidden"),
            State::Current,
            Action::Warn,
        ),
        result(
            target(&file, "https://doi.org/10.1000/never", Field::Url, 0),
            doi,
            State::NewlyBroken { failures: 1, since: now },
            Action::Warn,
        ),
        dead,
        result(
            target(&file, "https://findings.org.uk/PHP/dl.php?file=Baldwin_SA_1.txt", Field::Url, 0),
            soft,
            State::NewlyBroken { failures: 1, since: now },
            Action::Warn,
        ),
        result(
            target(&file, "https://publisher.example/moved", Field::FreeSource, 0),
            moved,
            State::Current,
            Action::Warn,
        ),
        result(
            target(&file, "https://www.example.gov/reports/old-review.html", Field::Prose, 0),
            home,
            State::NewlyBroken { failures: 1, since: now },
            Action::Warn,
        ),
    ];
    let trend = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]
        .iter()
        .enumerate()
        .map(|(i, d)| RunSummary {
            at: at(&format!("{d}T06:00:00Z")),
            classes: vec![
                (Class::Ok, 4 - i.min(3)),
                (Class::Broken, i.min(3) + 1),
                (Class::Blocked, 1),
                (Class::Redirected, 1),
            ],
        })
        .collect();
    Audit {
        results,
        warnings: vec!["header `X-Key` for api.example is not sent: environment variable KEY is unset".into()],
        now,
        history: true,
        files: 1,
        failures_before_dead: 2,
        trend,
        history_error: None,
        problems: Vec::new(),
    }
}

#[test]
fn human() {
    insta::assert_snapshot!(render(&audit(), LinksFormat::Human, "", &names(""), false));
}

#[test]
fn concise() {
    insta::assert_snapshot!(render(&audit(), LinksFormat::Concise, "content", &names("content"), false));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(render(&audit(), LinksFormat::Markdown, "", &names(""), false));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(&audit(), LinksFormat::Github, "", &names(""), false));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&audit(), LinksFormat::Json, "", &names(""), false));
}

#[test]
fn html() {
    let page = render(&audit(), LinksFormat::Html, "content", &names("content"), false);
    // Self-contained: no script, nothing loaded from elsewhere.
    assert!(!page.contains("<script"), "no script");
    assert!(!page.contains(" src="), "nothing loaded");
    assert!(!page.contains("<link"), "no stylesheet from elsewhere");
    for heading in [
        "Totals by class",
        "Recent audits",
        "Dead links (1)",
        "Newly broken (3)",
        "Redirects to update (1)",
        "Other problems (1)",
        "Warnings",
    ] {
        assert!(page.contains(&format!("{heading}</h2>")), "{heading}");
    }
    assert_eq!(page.matches(r#"<g class="run">"#).count(), 4, "one bar per audit in the history");
    assert!(
        page.contains(r#"<a href="./content/cells/drug/B2.yaml#L8">content/cells/drug/B2.yaml:8:19</a> (free_source)"#),
        "places link to their file and line"
    );
    assert!(page.contains("web.archive.org/web/20261102060000"), "the archived copy");
    insta::assert_snapshot!(page);
}

/// Every `href` in `page`, as written (entities left encoded).
fn hrefs(page: &str) -> Vec<&str> {
    page.split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect()
}

/// Whether a report may link `href`: an http(s) URL, or a relative `./` path.
fn safe_href(href: &str) -> bool {
    href.starts_with("http://") || href.starts_with("https://") || href.starts_with("./")
}

#[test]
fn html_links_only_what_an_audit_would_fetch() {
    let mut audit = audit();
    let hostile = [
        "javascript:alert(document.domain)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "http://127.0.0.1:8080/admin",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "https://web.archive.org/web/1/x\n::error::forged",
    ];
    // Archived copies as an availability API (or an old cache) might return them.
    let dead = audit.results.iter().position(|r| r.archived.is_some()).unwrap();
    for (i, url) in hostile.iter().enumerate() {
        let mut r = audit.results[dead].clone();
        r.target.url = format!("https://findings.org.uk/gone/{i}.pdf");
        r.archived = Some(Snapshot { url: (*url).to_owned(), timestamp: at("2026-11-02T06:00:00Z") });
        audit.results.push(r);
    }
    // And the links themselves, as a cell might hold them.
    for url in hostile {
        let mut r = audit.results[dead].clone();
        r.target.url = url.to_owned();
        r.archived = None;
        audit.results.push(r);
    }
    let page = render(&audit, LinksFormat::Html, "", &names(""), false);
    let found = hrefs(&page);
    assert!(found.iter().all(|h| safe_href(h)), "{found:?}");
    assert!(
        found.iter().all(|h| !h.contains("127.0.0.1") && !h.contains("[::1]") && !h.contains("169.254")),
        "{found:?}"
    );
    assert!(found.contains(&"http://web.archive.org/web/20261102060000/https://findings.org.uk/gone/baldwin-2012.pdf"));
    // Refused addresses are still shown, as text.
    assert!(
        page.contains(r#"<span class="unlinked" title="not linked: `javascript:` links are not fetched"#),
        "{page}"
    );
    assert!(page.contains("file:///etc/passwd"));
    assert!(page.contains("Content-Security-Policy"), "scripts are forbidden outright too");
}

#[test]
fn html_place_links_cannot_take_a_scheme_from_a_file_name() {
    let mut audit = audit();
    let named = Arc::new(SourceFile::new("javascript:alert(1)<!--.yaml", "javascript:alert(1)<!--.yaml", CELL));
    for r in &mut audit.results {
        for p in &mut r.target.places {
            p.file = Arc::clone(&named);
        }
    }
    for base in ["", "content"] {
        let page = render(&audit, LinksFormat::Html, base, &names(base), false);
        let found = hrefs(&page);
        assert!(found.iter().all(|h| safe_href(h)), "{found:?}");
        let prefix = if base.is_empty() { "./" } else { "./content/" };
        assert!(found.contains(&format!("{prefix}javascript%3Aalert%281%29%3C%21--.yaml#L8").as_str()), "{found:?}");
        assert!(page.contains("javascript:alert(1)&lt;!--.yaml:8:19"), "the name is shown as it is");
    }
}

/// Names as seen from a working directory holding the corpus root at `base`.
fn names(base: &str) -> matrixlint::report::Names {
    let cwd = std::path::Path::new("/repo");
    matrixlint::report::Names::new(cwd, &cwd.join(base))
}
