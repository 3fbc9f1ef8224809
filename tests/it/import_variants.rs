//! One fixture page per published variant, each imported to an exact YAML
//! (insta snapshot) and to the field values the variant is about.

use std::path::Path;

use matrixlint_engine::registry::Registry;
use matrixlint_engine::source::yaml::load;
use matrixlint_import::{Imported, import_page};
use serde_json::{Value, json};

fn import(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import").join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    import_page(&text, &Registry::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Imports `name`, checks it against its snapshot and returns its values.
fn variant(name: &str) -> Value {
    let imported = import(name);
    assert_eq!(imported.diagnostics, vec![], "{name}: everything placed");
    insta::assert_snapshot!(name, imported.yaml);
    load(&imported.yaml).expect("loads back").to_json()
}

#[test]
fn double_label() {
    let v = variant("double-label");
    assert_eq!(v["entries"][0]["tier"], json!(["S", "G"]));
    assert_eq!(v["entries"][0]["issuer"], json!("US National Institute on Drug Abuse"));
    assert_eq!(v["entries"][1]["tier"], json!("K"));
}

#[test]
fn more_in_lower_case_with_a_second_line() {
    let v = variant("more-lowercase");
    let more = &v["entries"][1];
    assert_eq!(more["tier"], json!("more"));
    assert_eq!(
        more["text"],
        json!(
            "[This search](https://findings.org.uk/PHP/search.php?terms=empathy) retrieves all relevant analyses. For subtopics go to the [subject search](https://findings.org.uk/topic_search.htm) page."
        )
    );
}

#[test]
fn issuer_before_the_year() {
    let v = variant("issuer");
    assert_eq!((&v["entries"][0]["issuer"], &v["entries"][0]["year"]), (&json!("NHS Health Scotland"), &json!(2011)));
    assert_eq!(v["entries"][1]["issuer"], json!("[UK] National Institute for Health and Clinical Excellence"));
}

#[test]
fn two_years() {
    let v = variant("two-years");
    assert_eq!(v["entries"][0]["year"], json!([1997, 1998]));
    assert_eq!(v["entries"][0]["issuer"], json!("Project MATCH Research Group"));
    assert_eq!(v["entries"][0]["url"], json!("https://findings.org.uk/PHP/dl.php?file=Project_MATCH_3.txt"));
    assert_eq!(v["entries"][1]["year"], json!([1997, 2000]));
}

#[test]
fn free_source_inside_the_year_group() {
    let v = variant("free-in-group");
    for e in v["entries"].as_array().unwrap().iter().take(2) {
        assert_eq!(e["free_source"], json!(""), "{e}");
    }
    assert_eq!(v["entries"][1]["issuer"], json!("Royal College of Psychiatrists"));
    assert_eq!(v["entries"][1]["year"], json!(2014));
}

#[test]
fn free_source_sentence_without_a_link() {
    let v = variant("free-sentence-plain");
    assert_eq!(v["entries"][0]["free_source"], json!(""));
    assert_eq!(v["entries"][0]["text"], json!("The therapeutic relationship early in treatment predicted retention."));
    assert_eq!(v["entries"][1]["free_source"], json!(""));
    assert_eq!(v["entries"][1]["text"], json!("A review of empathy and outcomes."));
}

#[test]
fn free_source_sentence_with_a_link() {
    let v = variant("free-sentence-link");
    let e = &v["entries"][0];
    assert_eq!(e["free_source"], json!("https://psycnet.apa.org/fulltext/2006-04178-011.pdf"));
    assert_eq!(e["url"], json!("https://findings.org.uk/PHP/dl.php?file=Castonguay_LG_1.txt"));
    // The flag on a secondary document stays where it is.
    assert!(e["text"].as_str().unwrap().ends_with("(2006). Free source at time of writing of that book too."));
}

#[test]
fn headlines_with_their_own_punctuation() {
    let v = variant("headline-punctuation");
    let titles: Vec<(&Value, &Value)> =
        v["entries"].as_array().unwrap().iter().map(|e| (&e["title"], &e["year"])).collect();
    assert_eq!(
        titles,
        vec![
            (&json!("What makes some therapists more successful?"), &json!(1985)),
            (&json!("Practice makes (more) perfect: does a £5 voucher help “keep” clients?"), &json!(2009)),
            (&json!("Don’t ‘confront’ – reflect: the (1992) trial’s lesson?"), &json!(1993)),
            (&json!("What the (1992) trial taught us"), &json!(1994)),
            (&Value::Null, &Value::Null),
        ]
    );
}

#[test]
fn short_matrix_name_in_the_heading() {
    let v = variant("short-name");
    assert_eq!((&v["matrix"], &v["cell"]), (&json!("alcohol"), &json!("C2")));
    assert_eq!(v["title"], json!("Management/supervision; Generic and cross-cutting issues"));
}

#[test]
fn effectiveness_bank_prefix() {
    let v = variant("eb-prefix");
    assert_eq!((&v["matrix"], &v["cell"]), (&json!("drug"), &json!("E5")));
    assert_eq!(v["title"], json!("Treatment systems; Safeguarding the community"));
}

#[test]
fn empty_subtitle_leaves_the_title_out() {
    let v = variant("empty-subtitle");
    assert_eq!((&v["matrix"], &v["cell"]), (&json!("drug"), &json!("D5")));
    assert_eq!(v.get("title"), None);
}

#[test]
fn old_style_discussion_sentences() {
    let v = variant("old-style-discussion");
    let discussions: Vec<&Value> = v["entries"].as_array().unwrap().iter().map(|e| &e["discussion"]).collect();
    assert_eq!(
        discussions,
        vec![&json!(["highlighted"]), &json!(["can-empathy-be-taught"]), &json!(["alcohol/C2"]), &Value::Null]
    );
    assert!(v["entries"].as_array().unwrap().iter().all(|e| !e["text"].as_str().unwrap_or("").contains("Discussion")));
    assert_eq!(v["bite"]["issues"][1]["id"], json!("who-should-we-recruit"));
}

#[test]
fn unplaced_text_is_reported_with_its_page_line() {
    let imported = import("unplaced");
    let notes: Vec<(usize, &str)> = imported.diagnostics.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        notes,
        vec![
            (3, "could not place this text: “A stray line above the heading.”"),
            (7, "could not place `updated 2014` from the year group"),
            (7, "could not tell which bite heading the discussion sentence means; it is kept in the text"),
            (13, "could not place this text: “A paragraph between the close button and the bite.”"),
            (17, "could not place this text: “An introduction to the issues with no heading of its own.”"),
        ]
    );
    let v = load(&imported.yaml).unwrap().to_json();
    assert_eq!(v["entries"][0]["year"], json!(2011));
    assert_eq!(
        v["entries"][0]["text"],
        json!(
            "How supervision changes prescribing. For discussion [click here](#) and scroll down to highlighted heading."
        )
    );
    assert_eq!(v["bite"]["issues"][0]["id"], json!("who-checks-the-checkers"));
}
