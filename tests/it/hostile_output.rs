//! No input can forge a line of output (issue 16, item 2). GitHub Actions
//! runs any log line that starts, after blanks, with `::` as a workflow
//! command; a terminal obeys escape sequences. So hostile YAML keys, values,
//! file names and archive answers go through every format of `check` and of
//! `links`, and every output line is checked: none but the `github` format's
//! own annotations starts with `::`, and no control character from the input
//! survives. Each format is taken from its enum, so a new one is tested too.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::links_support::{TestLookup, sleeper};
use assert_cmd::Command;
use axum::body::Body;
use axum::http::{HeaderMap, Uri, header};
use axum::response::Response;
use matrixlint::app::links::{LinksEnv, LinksRequest, links};
use matrixlint::choice::Choice;
use matrixlint::report::Format;
use matrixlint::report::links::{LinksFormat, render};
use matrixlint_links::audit::State;

/// What the hostile texts try to start: a workflow command on a line of its own.
const FORGED: &str = "::error title=forged::forged";

/// A cell whose keys, values and prose each carry a line break (or another
/// control character) followed by a workflow command.
fn hostile_cell() -> String {
    [
        "matrix: drug",
        "cell: B2",
        "title: \"Practitioners\\n::error title=t::forged\"",
        "\"tittle\\n::error title=key::forged\": 1",
        "\"x\\r\\n  ::warning::forged\": 2",
        "entries:",
        "  - tier: \"K\\n::error title=tier::forged\"",
        "    title: \"Study\\u2028::notice::forged\\u001b[2J\"",
        "    year: \"19\\n::error::forged\"",
        "    url: \"https://findings.org.uk/a\\n::error::forged\"",
        "    text: \"see [x](https://findings.org.uk/b\\n::error::forged) \\t and \\u0085::error::forged\"",
        "  - tier: more",
        "    tittle: \"\\u000b::error::forged\"",
        "",
    ]
    .join("\n")
}

/// A file name holding a line break, then a workflow command.
const HOSTILE_NAME: &str = "cells/drug/B3\n::error title=name::forged.yaml";

/// The lines of `out` that break the rules, if any: a workflow command
/// (unless `github` output, whose own annotations must be well formed), or a
/// control character other than the line feeds (and, for columns, tabs) the
/// format writes itself.
fn violations(out: &str, github: bool) -> Vec<String> {
    let mut bad = Vec::new();
    for line in out.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("::") {
            // An annotation of the format's own: at the start of the line, its
            // properties (up to the `::` before the message) free of any `:`.
            let own = github
                && line == trimmed
                && ["::error ", "::warning ", "::notice "].iter().any(|c| line.starts_with(c))
                && line[2..].split_once("::").is_some_and(|(props, _)| !props.contains(':'));
            if !own {
                bad.push(format!("workflow command: {line:?}"));
            }
        }
        if line.chars().any(|c| c != '\t' && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))) {
            bad.push(format!("control character: {line:?}"));
        }
    }
    bad
}

fn write_corpus(dir: &Path) {
    std::fs::create_dir_all(dir.join("cells/drug")).unwrap();
    std::fs::write(dir.join("matrixlint.yaml"), "cells: [\"cells/**/*.yaml\"]\n").unwrap();
    std::fs::write(dir.join("cells/drug/B2.yaml"), hostile_cell()).unwrap();
    let second = hostile_cell().replace("cell: B2", "cell: B3");
    std::fs::write(dir.join(HOSTILE_NAME), second).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir)
        .args(["--color", "never", "check", "--today", "2026-06-01"])
        .args(args)
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c == 1), "findings, not a failure: {out:?}");
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn no_check_format_forges_a_line() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let mut runs: Vec<(String, Vec<&str>)> =
        Format::ALL.iter().map(|f| (f.name().to_owned(), vec![f.name()])).collect();
    runs.push(("statistics".to_owned(), vec!["human", "--statistics"]));
    for (name, args) in &runs {
        let mut argv = vec!["--format"];
        argv.extend(args);
        let out = check(dir.path(), &argv);
        let bad = violations(&out, name == "github");
        assert!(bad.is_empty(), "{name}:\n{}\n\n{out}", bad.join("\n"));
        if name != "statistics" {
            assert!(out.contains("forged"), "{name}: the hostile texts are reported\n{out}");
            // The input was reached: a key and a file name with line breaks, escaped.
            assert!(out.contains("tittle␊::error title=key::forged"), "{name}: the hostile key, escaped\n{out}");
            // File names are shown in their escaped form (JSON escapes its backslash once more).
            let unjson = out.replace("\\\\", "\\");
            assert!(unjson.contains("B3\\u{a}::error title=name::forged.yaml"), "{name}: the hostile name\n{out}");
        }
    }
}

#[test]
fn github_annotations_escape_as_the_runner_decodes() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let out = check(dir.path(), &["--format", "github"]);
    for line in out.lines() {
        let (props, message) = line.split_once("::").and_then(|(_, rest)| rest.split_once("::")).unwrap();
        // Properties never hold a raw `,` or `:` of their own value; messages never a raw CR or LF.
        let file = props.split(" file=").nth(1).unwrap().split(',').next().unwrap();
        assert!(!file.contains(':'), "{line}");
        assert!(!message.contains('\r'), "{line}");
    }
    assert!(out.contains("file=cells/drug/B3\\u{a}%3A%3Aerror title=name%3A%3Aforged.yaml,"), "{out}");
}

/// The web for the link audit: a site whose pages are gone, and an archive
/// whose availability API answers with hostile snapshots.
fn serve(uri: &Uri, headers: &HeaderMap) -> Response {
    let host = crate::links_support::host_name(headers);
    let host = host.as_str();
    let query: HashMap<String, String> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
    let json = |body: serde_json::Value| {
        Response::builder().header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
    };
    match host {
        "archive.test" => {
            let asked = query.get("url").cloned().unwrap_or_default();
            let (url, timestamp) = match asked.rsplit('/').next().unwrap_or("") {
                "url-break" => (format!("http://web.archive.test/web/1/x\n{FORGED}"), "20261101000000".to_owned()),
                "stamp-break" => ("http://web.archive.test/web/2/x".to_owned(), format!("2026\n{FORGED}")),
                "script" => ("javascript:alert(1)//\n::error::forged".to_owned(), "20261101000000".to_owned()),
                _ => ("http://web.archive.test/web/3/x\u{1b}[2J".to_owned(), "20261101000000".to_owned()),
            };
            let closest = serde_json::json!({"available": true, "url": url, "timestamp": timestamp});
            json(serde_json::json!({"archived_snapshots": {"closest": closest}}))
        }
        _ => Response::builder().status(404).body(Body::from("gone")).unwrap(),
    }
}

#[test]
fn no_links_format_forges_a_line() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let port = rt.block_on(async {
        let app = axum::Router::new().fallback(|u: Uri, h: HeaderMap| async move { serve(&u, &h) });
        crate::links_support::serve_local(app).await.port()
    });
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "cells: [\"cells/**/*.yaml\"]\nlinks:\n  per-host-interval-ms: 0\n  retries: 0\n  archive-api: http://archive.test:{port}/wayback/available\n"
    );
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), config).unwrap();
    let entries: String = ["url-break", "stamp-break", "script", "escape"]
        .iter()
        .map(|p| format!("  - tier: K\n    title: \"T\"\n    year: 2001\n    url: \"http://site.test:{port}/{p}\"\n"))
        .collect();
    let cell = format!("matrix: drug\ncell: B2\ntitle: \"P\"\nentries:\n{entries}");
    std::fs::write(dir.path().join(HOSTILE_NAME), cell).unwrap();
    let request = LinksRequest {
        cwd: dir.path().to_owned(),
        root: Some(dir.path().to_owned()),
        paths: Vec::new(),
        no_cache: false,
        allow_private: true,
        history: None,
        config: None,
        suggest: true,
    };
    let env = LinksEnv {
        checker: matrixlint_links::client::Env { lookup: Arc::new(TestLookup), sleeper: sleeper() },
        now: "2026-11-01T06:00:00Z".parse().unwrap(),
        history_busy: std::time::Duration::ZERO,
        ..LinksEnv::default()
    };
    let audit = links(&request, env).expect("the audit runs").0;
    assert_eq!(audit.results.len(), 4);
    assert!(audit.results.iter().all(|r| matches!(r.state, State::NewlyBroken { .. })), "{:?}", audit.results);
    // Only the snapshot whose address is usable is kept; the others are warnings.
    let kept: Vec<&str> = audit.results.iter().filter_map(|r| r.archived.as_ref().map(|s| s.url.as_str())).collect();
    assert_eq!(kept, Vec::<&str>::new(), "an escape sequence in an address is refused too");
    assert_eq!(audit.warnings.iter().filter(|w| w.contains("no archive answer")).count(), 4, "{:?}", audit.warnings);
    let names = matrixlint::report::Names::new(dir.path(), dir.path());
    for format in LinksFormat::ALL {
        let out = render(&audit, *format, "", &names, false);
        let bad = violations(&out, *format == LinksFormat::Github);
        assert!(bad.is_empty(), "{}:\n{}\n\n{out}", format.name(), bad.join("\n"));
        // As a GitHub property, `:` is percent-encoded; JSON escapes the backslash once more.
        let unjson = out.replace("\\\\", "\\").replace("%3A", ":");
        assert!(
            unjson.contains("B3\\u{a}::error title=name::forged.yaml"),
            "{}: the hostile name\n{out}",
            format.name()
        );
        // The concise format is one line per place, without the audit's warnings.
        if *format != LinksFormat::Concise {
            assert!(
                out.contains("2026␊::error title=forged::forged"),
                "{}: the hostile timestamp\n{out}",
                format.name()
            );
        }
    }
}

#[test]
fn no_links_plan_forges_a_line() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    // Links that are listed: in a file whose name holds a line break.
    let cell = "matrix: drug\ncell: B4\ntitle: \"P\"\nentries:\n  - tier: K\n    title: \"T\"\n    year: 2001\n    url: \"https://findings.org.uk/c\"\n";
    std::fs::write(dir.path().join("cells/drug/B4\n::error title=plan::forged.yaml"), cell).unwrap();
    for mode in ["--offline", "--dump"] {
        // Plans print these three formats (the others are refused).
        for format in [LinksFormat::Human, LinksFormat::Concise, LinksFormat::Json] {
            let out = Command::cargo_bin("matrixlint")
                .unwrap()
                .current_dir(dir.path())
                .args(["--color", "never", "links", mode, "--format", format.name()])
                .output()
                .unwrap();
            let out = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            let bad = violations(&out, false);
            assert!(bad.is_empty(), "{mode} {}:\n{}\n\n{out}", format.name(), bad.join("\n"));
            assert!(out.contains("findings.org.uk"), "{mode} {}: the links are listed\n{out}", format.name());
        }
    }
}
