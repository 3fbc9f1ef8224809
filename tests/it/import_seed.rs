//! Importing the seed page (Drug Matrix B2): the YAML passes the schema, holds
//! every entry and the whole bite, matches the hand transcription in
//! `fixtures/corpus` wherever the page carries the same information, and
//! `check` on it reports exactly the placeholder links, the entries without a
//! `url` and the colon title.

use std::path::PathBuf;

use matrixlint::app::{Project, check::check_files};
use matrixlint_engine::registry::Registry;
use matrixlint_engine::schema::Schema;
use matrixlint_engine::source::yaml::load;
use matrixlint_import::{Imported, import_page};
use serde_json::{Value, json};

use crate::common::repo;

fn seed_text() -> String {
    std::fs::read_to_string(repo().join("fixtures/import/seed-B2.txt")).expect("seed copy")
}

fn seed() -> Imported {
    import_page(&seed_text(), &Registry::default()).expect("the seed imports")
}

fn seed_json() -> Value {
    load(&seed().yaml).expect("loads").to_json()
}

#[test]
fn the_fixture_is_a_faithful_copy_of_the_shared_seed() {
    // CI has `shared/` beside the clone; elsewhere the copy stands alone.
    let shared = repo().join("../shared/seed/000_f49b9652a252cda9.txt");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(original, seed_text());
    }
}

#[test]
fn the_seed_imports_cleanly_and_passes_the_schema() {
    let imported = seed();
    assert_eq!((imported.matrix.as_str(), imported.cell.as_str()), ("drug", "B2"));
    assert_eq!(imported.diagnostics, vec![], "everything on the seed page has a place");
    let errors = Schema::cell().expect("schema").validate(&seed_json());
    assert!(errors.is_empty(), "{errors:?}");
    assert!(imported.yaml.starts_with("# yaml-language-server: $schema=../../schemas/cell.schema.json\n"));
    insta::assert_snapshot!("seed-B2", imported.yaml);
}

#[test]
fn all_fifteen_entries_with_tiers_years_and_free_source_flags() {
    let json = seed_json();
    let entries = json["entries"].as_array().expect("entries");
    let got: Vec<(Value, Value, Value)> =
        entries.iter().map(|e| (e["tier"].clone(), e["year"].clone(), e["free_source"].clone())).collect();
    let n = Value::Null;
    let expected = vec![
        (json!("S"), json!(1985), n.clone()),
        (json!("K"), json!(2008), n.clone()),
        (json!("K"), json!(1999), n.clone()),
        (json!("K"), json!(2002), n.clone()),
        (json!("K"), json!(2010), n.clone()),
        (json!("R"), json!(2006), n.clone()),
        // "**Free source** at time of writing." gives no address: kept as an empty field.
        (json!("R"), json!(2012), json!("")),
        (json!("R"), json!(2005), json!("")),
        (json!("R"), json!(2000), json!("")),
        (json!("R"), json!(2014), json!("")),
        (json!("R"), json!(2011), n.clone()),
        (json!("R"), json!(2012), json!("")),
        (json!("R"), json!(2016), n.clone()),
        // "[Free source](#)": the page's `#` is kept.
        (json!("G"), json!(2006), json!("#")),
        (json!("more"), n.clone(), n),
    ];
    assert_eq!(got, expected);
    assert_eq!(entries[10]["issuer"], json!("American Psychological Association"));
    assert_eq!(entries[13]["url"], json!("#"));
    assert!(entries.iter().all(|e| !e["text"].as_str().unwrap_or("").contains("scroll down")));
}

#[test]
fn the_whole_bite_with_every_issue_heading() {
    let json = seed_json();
    let bite = &json["bite"];
    for key in ["about", "start", "highlighted"] {
        assert!(bite[key].as_str().is_some_and(|t| t.len() > 500), "{key}");
    }
    let titles: Vec<&str> =
        bite["issues"].as_array().expect("issues").iter().filter_map(|i| i["title"].as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Is it best to busk it?",
            "Do relationship-forging staff just mean clients stay longer?",
            "You’re not taking me seriously!"
        ]
    );
}

/// The transcription with what the page cannot carry taken out: link
/// targets become `#`, `url` goes, `free_source` keeps only its presence.
fn comparable(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::String(s) => *s = regex::Regex::new(r"\]\([^)]*\)").unwrap().replace_all(s, "](#)").into_owned(),
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::Object(map) => {
                map.remove("url");
                if let Some(free) = map.get_mut("free_source") {
                    *free = json!(true);
                }
                map.values_mut().for_each(walk);
            }
            _ => {}
        }
    }
    walk(&mut v);
    v
}

#[test]
fn content_matches_the_hand_transcription_where_the_page_has_it() {
    let corpus = std::fs::read_to_string(repo().join("fixtures/corpus/cells/drug/B2.yaml")).unwrap();
    let mut transcribed = comparable(load(&corpus).unwrap().to_json());
    let mut imported = comparable(seed_json());
    // The page prints a colon; the transcription has the house style.
    assert_eq!(imported["title"], json!("Practitioners: Generic and cross-cutting issues"));
    assert_eq!(transcribed["title"], json!("Practitioners; Generic and cross-cutting issues"));
    // The page links every discussion to `#`; the importer matches the entry
    // against the bite and agrees with the transcriber on all but one entry.
    assert_eq!(imported["entries"][9]["discussion"], json!(["is-it-best-to-busk-it"]));
    assert_eq!(transcribed["entries"][9]["discussion"], json!(["about"]));
    for v in [&mut transcribed, &mut imported] {
        v["title"] = Value::Null;
        v["entries"][9]["discussion"] = Value::Null;
    }
    assert_eq!(imported, transcribed);
}

const EXPECTED_FINDINGS: &[(&str, usize, usize)] = &[
    ("cell-title", 4, 8),
    ("missing-url", 6, 5),
    ("missing-url", 12, 5),
    ("missing-url", 19, 5),
    ("missing-url", 25, 5),
    ("missing-url", 32, 5),
    ("placeholder-link", 36, 383),
    ("missing-url", 39, 5),
    ("missing-url", 46, 5),
    ("placeholder-link", 49, 18),
    ("missing-url", 53, 5),
    ("placeholder-link", 56, 18),
    ("missing-url", 61, 5),
    ("placeholder-link", 64, 18),
    ("missing-url", 69, 5),
    ("placeholder-link", 72, 18),
    ("placeholder-link", 74, 357),
    ("missing-url", 77, 5),
    ("placeholder-link", 82, 200),
    ("missing-url", 85, 5),
    ("placeholder-link", 88, 18),
    ("missing-url", 93, 5),
    ("placeholder-link", 103, 10),
    ("placeholder-link", 104, 18),
    ("placeholder-link", 106, 165),
    ("placeholder-link", 110, 7),
    ("placeholder-link", 110, 81),
    ("placeholder-link", 110, 123),
    ("placeholder-link", 114, 256),
    ("placeholder-link", 114, 313),
    ("placeholder-link", 114, 332),
    ("placeholder-link", 114, 388),
    ("placeholder-link", 116, 502),
    ("placeholder-link", 120, 101),
    ("placeholder-link", 122, 10),
    ("placeholder-link", 122, 304),
    ("placeholder-link", 124, 52),
    ("placeholder-link", 126, 533),
    ("placeholder-link", 128, 17),
    ("placeholder-link", 130, 60),
    ("placeholder-link", 130, 470),
    ("placeholder-link", 130, 555),
    ("placeholder-link", 132, 725),
    ("placeholder-link", 139, 35),
    ("placeholder-link", 139, 821),
    ("placeholder-link", 143, 297),
    ("placeholder-link", 143, 319),
    ("placeholder-link", 145, 176),
    ("placeholder-link", 145, 199),
    ("placeholder-link", 145, 532),
    ("placeholder-link", 147, 47),
    ("placeholder-link", 155, 182),
    ("placeholder-link", 163, 29),
    ("placeholder-link", 163, 304),
    ("placeholder-link", 163, 546),
    ("placeholder-link", 167, 252),
    ("placeholder-link", 167, 622),
    ("placeholder-link", 173, 242),
    ("placeholder-link", 173, 454),
    ("placeholder-link", 175, 63),
    ("placeholder-link", 175, 468),
    ("placeholder-link", 175, 592),
    ("placeholder-link", 177, 48),
    ("placeholder-link", 177, 805),
    ("placeholder-link", 179, 373),
    ("placeholder-link", 181, 121),
    ("placeholder-link", 181, 159),
];

/// A copy of the sample corpus with the imported seed in place of the transcription.
fn corpus_with_seed() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let from = repo().join("fixtures/corpus");
    for rel in [
        "matrixlint.yaml",
        "cells/alcohol/B2.yaml",
        "cells/alcohol/C2.yaml",
        "cells/drug/A2.yaml",
        "cells/drug/B4.yaml",
    ] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(rel), to).unwrap();
    }
    let b2 = dir.path().join("cells/drug/B2.yaml");
    std::fs::write(&b2, seed().yaml).unwrap();
    let root = dir.path().to_owned();
    (dir, root)
}

#[test]
fn check_reports_exactly_the_placeholders_the_missing_urls_and_the_colon_title() {
    let (_guard, root) = corpus_with_seed();
    let project = Project::open(&root, Some(&root), jiff::civil::date(2026, 6, 15)).expect("corpus opens");
    let diagnostics = check_files(&project, &["cells/drug/B2.yaml".to_owned()]).expect("check runs");
    let got: Vec<(&str, usize, usize)> = diagnostics
        .iter()
        .map(|d| {
            let at = d.start();
            (d.rule.name, at.line, at.column)
        })
        .collect();
    assert_eq!(got, EXPECTED_FINDINGS);

    // Independently: one placeholder per `#` link in prose, plus the `#`
    // url, the `#` free source and the five free sources without an address.
    let yaml = seed().yaml;
    let fields = yaml.lines().filter(|l| l.ends_with(": \"#\"") || l.contains("free_source: \"\"")).count();
    assert_eq!(fields, 7);
    assert_eq!(got.iter().filter(|f| f.0 == "placeholder-link").count(), yaml.matches("](#)").count() + fields);
    // Fourteen study entries have no address: thirteen without `url` (missing-url),
    // one with `url: "#"` (placeholder-link, counted above).
    let studies =
        ["S", "K", "R", "G"].iter().map(|t| yaml.matches(&format!("\n  - tier: {t}\n")).count()).sum::<usize>();
    let with_url = yaml.matches("\n    url: ").count();
    assert_eq!((studies, with_url), (14, 1));
    assert_eq!(got.iter().filter(|f| f.0 == "missing-url").count(), studies - with_url);
}

#[test]
fn no_page_link_is_lost() {
    // Every `](#)` on the page is either site furniture, a discussion link
    // turned into `discussion`, or still in the YAML (prose, url, free_source).
    let page = seed_text();
    let furniture = [
        "[About updates](#)",
        "[Links to other documents](#)",
        "[Hover over](#)",
        "[Click to highlight passage referred to](#)",
        "[Unfold extra text](#)",
        "[Close Matrix Bite](#)",
    ];
    let furniture = furniture.iter().map(|f| page.matches(f).count()).sum::<usize>();
    let discussion = page.matches("[click here](#)").count() + page.matches(" and [here](#)").count();
    let yaml = seed().yaml;
    let kept = yaml.matches("](#)").count() + yaml.matches(": \"#\"").count();
    assert_eq!(page.matches("](#)").count(), furniture + discussion + kept);
}
