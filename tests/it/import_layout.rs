//! The site's current (2019–21) page layout, in fixtures of our own wording
//! (issue 17, items 7–12): the sidebar dropped, the heading split over two
//! lines, entries one a line, a year group without a full stop, captions,
//! discussion sentences naming a section, spans of years and editions.

use std::path::Path;

use matrixlint_engine::registry::Registry;
use matrixlint_engine::source::yaml::load;
use matrixlint_import::{Imported, import_page};
use serde_json::{Value, json};

fn import_text(text: &str) -> Imported {
    import_page(text, &Registry::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn import(name: &str) -> (Imported, Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import").join(format!("{name}.txt"));
    let imported = import_text(&std::fs::read_to_string(&path).unwrap());
    let value = load(&imported.yaml).expect("loads back").to_json();
    (imported, value)
}

#[test]
fn the_sidebar_and_the_title_line_stay_out_of_the_cell() {
    let (imported, v) = import("current-layout");
    assert_eq!(imported.diagnostics, vec![], "everything placed");
    assert_eq!((&v["matrix"], &v["cell"]), (&json!("alcohol"), &json!("A4")));
    assert_eq!(v["title"], json!("Interventions; Psychosocial therapies"));
    // Only the cell's own text: no funder, no menu, no copy of the heading
    // (which made every imported cell refer to itself).
    assert_eq!(
        v["summary"],
        json!("An invented summary of talking therapies, written for this test and naming no real study.")
    );
    for furniture in ["Opens new", "funded by", "Comment/query", "Matrix cell", "Includes harm reduction"] {
        assert!(!imported.yaml.contains(furniture), "{furniture} is furniture:\n{}", imported.yaml);
    }
}

#[test]
fn entries_of_the_current_layout_are_each_read_whole() {
    let (_, v) = import("current-layout");
    assert_eq!(
        v["entries"],
        json!([
            {
                "tier": "S",
                "title": "Listening without arguing lowers resistance",
                "year": 1993,
                "text": "An invented note about a calm counselling style.",
                "discussion": ["does-arguing-backfire"]
            },
            {
                // A span of years; no full stop after the year group; the
                // caption paragraph after the entry is dropped; the discussion
                // sentence names the Issues section after "highlighted heading".
                "tier": "K",
                "title": "Counsellors who ring ahead fill more chairs",
                "year": 1985,
                "year_end": 1990,
                "text": "An invented note about a long study of referral calls.",
                "discussion": ["is-a-phone-call-enough"]
            },
            {
                // An edition is not an issuer. This entry and the next are on
                // consecutive lines.
                "tier": "R",
                "title": "Talking cures compared",
                "year": 2011,
                "edition": "2nd ed.",
                "text": "An invented note about a handbook."
            },
            {
                "tier": "G",
                "title": "Plain guidance for therapists",
                "issuer": "Example Institute",
                "year": 2009,
                "text": "An invented note about guidance."
            }
        ])
    );
}

#[test]
fn a_heading_over_two_lines_with_single_line_breaks() {
    let (imported, v) = import("logo-heading-lines");
    assert_eq!(imported.diagnostics, vec![]);
    assert_eq!((&v["matrix"], &v["cell"]), (&json!("drug"), &json!("C3")));
    // The subtitle does not swallow the line after it.
    assert_eq!(v["title"], json!("Management/supervision; Medical treatment"));
    assert_eq!(v["summary"], json!("An invented summary on one line right under the subtitle."));
    assert_eq!(
        v["entries"],
        json!([
            {
                "tier": "S",
                "title": "Dose and counselling both count",
                "year": 1993,
                "text": "From an invented city, a made-up trial on counselling beside medication."
            },
            { "tier": "K", "title": "Directors shape their clinics", "year": 1991, "text": "An invented note on leadership." }
        ])
    );
}

#[test]
fn a_shortened_subtitle_under_a_full_title_line_keeps_the_full_title() {
    let page = "Drug Treatment Matrix cell D2: Organisational functioning; Generic and cross-cutting issues\n\nDrug Treatment Matrix cell D2 Matrix cell logo\n\nOrganisational functioning\n\nS **An invented study** (2002). Text.\n";
    let v = load(&import_text(page).yaml).unwrap().to_json();
    assert_eq!(v["title"], json!("Organisational functioning; Generic and cross-cutting issues"));
}

#[test]
fn a_paragraph_that_opens_no_entry_is_reported_not_merged_silently() {
    let page = "Drug Treatment Matrix cell B2: Practitioners; Generic and cross-cutting issues\n\nS **An invented study** (1999). A finished note.\n\nA stray sentence that opens nothing and ends properly.\n\nK **Another invented study** (2001). Text.\n";
    let imported = import_text(page);
    assert_eq!(imported.diagnostics.len(), 1, "{:?}", imported.diagnostics);
    assert_eq!(imported.diagnostics[0].line, 5);
    assert!(imported.diagnostics[0].message.contains("opens no entry"), "{}", imported.diagnostics[0].message);
    // Kept, so nothing is lost, and the entries after it are still read.
    let v = load(&imported.yaml).unwrap().to_json();
    assert_eq!(
        v["entries"][0]["text"],
        json!("A finished note. A stray sentence that opens nothing and ends properly.")
    );
    assert_eq!(v["entries"][1]["title"], json!("Another invented study"));
}

#[test]
fn a_page_break_inside_an_entry_is_mended_without_a_word() {
    let page = "Drug Treatment Matrix cell B2: x\n\nS **An invented study** (1999). A note cut by the\n\npage break and continued.\n";
    let imported = import_text(page);
    assert_eq!(imported.diagnostics, vec![]);
    let v = load(&imported.yaml).unwrap().to_json();
    assert_eq!(v["entries"][0]["text"], json!("A note cut by the page break and continued."));
}

#[test]
fn a_span_and_an_edition_pass_the_schema_and_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let bin = || {
        let mut cmd = assert_cmd::Command::cargo_bin("matrixlint").unwrap();
        cmd.env("NO_COLOR", "1");
        cmd
    };
    bin().arg("init").arg(dir.path()).assert().code(0);
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import/current-layout.txt");
    bin().args(["import", "--out-dir"]).arg(dir.path()).arg(page).assert().code(0);
    // The page prints no addresses, so `missing-url` is all there is to say.
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "--ignore", "missing-url"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Checked 1 file: no problems found.\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn older_layouts_bare_heading_menus_and_captions() {
    let (imported, v) = import("older-layout");
    assert_eq!(imported.diagnostics, vec![]);
    assert_eq!(v["title"], json!("Treatment systems; Safeguarding the community"));
    assert_eq!(v["summary"], json!("An invented summary about systems that protect the community."));
    // Two captions after the last entry, the second cut short, are not its text.
    assert_eq!(
        v["entries"],
        json!([{
            "tier": "K",
            "title": "Courts and clinics working together",
            "year": 2009,
            "text": "An invented note about joint working."
        }])
    );
}
