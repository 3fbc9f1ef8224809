//! The link audit's HTML report with the evidence audit's cached answers:
//! an "Evidence" section (both matrices as grids, each cell coloured by its
//! worst open problem among the cached evidence findings and this audit's
//! dead links, then the problems by cell) only when the history holds them.
//! One local server plays the scholarly services and the cited pages.

use std::path::Path;

use crate::evidence_support::Services;
use assert_cmd::Command;

/// One cell per case, every link at the local server.
fn corpus(dir: &Path, s: &Services) {
    let config = s.config_as(true, ["127.0.0.1"; 4]).replacen(
        "links:\n",
        "links:\n  failure-interval-hours: 0\n  soft-404: off\n  retries: 0\n",
        1,
    );
    std::fs::write(dir.join("matrixlint.yaml"), config).unwrap();
    std::fs::create_dir_all(dir.join("cells/drug")).unwrap();
    for (cell, year, fields) in [
        ("B2", 2015, format!("doi: \"10.5555/rw-retracted\"\n    url: \"{}\"", s.url("127.0.0.1", "/article/b2"))),
        ("C3", 2012, format!("doi: \"10.1002/14651858.CD000001.pub2\"\n    url: \"{}\"", s.url("127.0.0.1", "/gone"))),
        ("D4", 2012, "doi: \"10.1002/14651858.CD000001.pub2\"".to_owned()),
        (
            "A1",
            2010,
            format!("doi: \"10.5555/closed\"\n    free_source: \"{}\"", s.url("127.0.0.1", "/article/closed")),
        ),
        ("E5", 2010, "doi: \"10.5555/plain\"".to_owned()),
    ] {
        write_cell(dir, cell, year, &fields);
    }
}

fn write_cell(dir: &Path, cell: &str, year: i32, fields: &str) {
    let text = format!(
        "matrix: drug\ncell: {cell}\ntitle: \"A cell\"\nentries:\n  - tier: R\n    title: \"A study\"\n    year: {year}\n    {fields}\n"
    );
    std::fs::write(dir.join(format!("cells/drug/{cell}.yaml")), text).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out =
        Command::cargo_bin("matrixlint").unwrap().current_dir(dir).env("NO_COLOR", "1").args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap_or(-1), stdout + &String::from_utf8_lossy(&out.stderr))
}

/// The grid square of `cell`: its colour and title.
fn square(colour: &str, title: &str) -> String {
    format!("fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"2\"><title>{title}</title>")
}

#[test]
fn the_link_report_shows_the_cached_evidence_only_when_the_history_holds_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Services::start());
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), &s);

    // No evidence answers yet: the page is the link audit's alone.
    let (code, page) = run(dir.path(), &["links", "--allow-private", "--format", "html"]);
    assert_eq!(code, 0, "{page}");
    assert!(page.contains("<h1>Link audit</h1>") && page.contains("id=\"newly-broken\""), "{page}");
    assert!(!page.contains("Evidence") && !page.contains("<rect x=\"28\""), "no section without answers: {page}");

    let (code, out) = run(dir.path(), &["evidence", "--allow-private", "--format", "concise"]);
    assert_eq!(code, 1, "the retraction fails the evidence audit: {out}");
    // A cell written after the evidence audit: nothing is known about its work.
    write_cell(dir.path(), "E1", 2010, "doi: \"10.5555/new\"");
    let before = s.seen.requests.lock().unwrap().len();

    // The second link audit: /gone failed twice, so it is dead.
    let (code, json) = run(dir.path(), &["links", "--allow-private", "--format", "json", "--html", "report.html"]);
    assert_eq!(code, 1, "{json}");
    assert!(!json.contains("retracted"), "only the HTML report gains the section: {json}");
    let page = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let section = &page[page.find("<section id=\"evidence\">\n<h2>Evidence</h2>").expect("an Evidence section")..];
    let section = &section[..section.find("</section>").unwrap()];
    let date = section.split("answers of ").nth(1).expect("the date of the answers");
    assert!(date[..10].parse::<jiff::civil::Date>().is_ok(), "{section}");
    // Each cell coloured by its worst problem: retraction, dead link, superseded, closed free source.
    for (colour, title) in [
        ("#c62828", "B2: retracted"),
        ("#6a1b9a", "C3: dead link"),
        ("#ef6c00", "D4: superseded"),
        ("#f9a825", "A1: free source closed"),
        ("#a5d6a7", "E5: no problem"),
        ("#9e9e9e", "E1: not fully checked"),
    ] {
        assert!(section.contains(&square(colour, title)), "{title} in {colour}: {section}");
    }
    assert!(section.contains("<a href=\"#evidence-cell-drug-B2\"><rect "), "{section}");
    // The findings under their cell, at their place, worst first.
    let b2 = &section[section.find("<h3 id=\"evidence-cell-drug-B2\">drug B2</h3>").expect("B2's problems")..];
    let b2 = &b2[..b2.find("</table>").unwrap()];
    assert!(b2.contains("cells/drug/B2.yaml:8</a></td><td>retracted</td><td>the work was retracted"), "{b2}");
    let c3 = &section[section.find("<h3 id=\"evidence-cell-drug-C3\">drug C3</h3>").expect("C3's problems")..];
    let c3 = &c3[..c3.find("</table>").unwrap()];
    let dead = c3.find("cells/drug/C3.yaml:9</a></td><td>dead-link</td><td>dead link").expect(c3);
    assert!(c3.find("<td>superseded</td>").is_some_and(|at| at > dead), "{c3}");
    assert!(section.contains("<h3 id=\"evidence-unknown\">Not fully checked</h3>"), "{section}");
    assert!(section.contains("<td>cells/drug/E1.yaml:5</td><td>no evidence answer yet</td>"), "{section}");
    // Read from the history: the link audit asked no scholarly service.
    let asked: Vec<String> = s.seen.requests.lock().unwrap()[before..].iter().map(|(_, p)| p.clone()).collect();
    assert!(asked.iter().any(|p| p.starts_with("/gone?")), "{asked:?}");
    assert!(
        asked.iter().all(|p| !p.starts_with("/works/") && !p.starts_with("/v2/") && !p.starts_with("/api/")),
        "{asked:?}"
    );
}
