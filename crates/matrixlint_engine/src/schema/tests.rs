use super::*;
use serde_json::json;

fn errors(v: Value) -> Vec<SchemaError> {
    Schema::cell().unwrap().validate(&v)
}

fn minimal() -> Value {
    json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "title": "T", "year": 2001}]})
}

#[test]
fn a_minimal_cell_is_valid() {
    assert_eq!(errors(minimal()), vec![]);
}

#[test]
fn unknown_key_names_the_closest_known_one() {
    let mut v = minimal();
    v["entries"][0].as_object_mut().unwrap().remove("year");
    v["entries"][0]["yaer"] = json!(2001);
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].pointer, "/entries/0");
    assert_eq!(e[0].target, Target::Key("yaer".into()));
    assert_eq!(e[0].message, "unknown field `yaer`; did you mean `year`?");
    assert_eq!(e[0].help.as_deref(), Some("rename `yaer` to `year`"));
    assert_eq!(e[0].rename.as_deref(), Some("year"));
}

#[test]
fn a_misspelt_required_key_is_one_finding_with_a_rename() {
    // Issue 9, item 2: `tittle:` was also "missing required field `title`".
    let v = json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "tittle": "T", "year": 2001}]});
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].message, "unknown field `tittle`; did you mean `title`?");
    assert_eq!(e[0].target, Target::Key("tittle".into()));
    let root = crate::source::yaml::load("matrix: drug\nentries:\n  - tier: K\n    tittle: T  # c\n").unwrap();
    let fix = e[0].fix(&root).expect("a rename");
    assert_eq!(fix.title, "rename `tittle` to `title`");
    assert_eq!(fix.edits[0].replacement, "title");
    assert_eq!(fix.edits[0].span, root.pointer("/entries/0").unwrap().entry("tittle").unwrap().0.span);
    // At the top level too.
    let e = errors(json!({"matrx": "drug", "cell": "B2", "entries": [{"tier": "more", "text": "x"}]}));
    assert_eq!(
        e.iter().map(|e| e.message.as_str()).collect::<Vec<_>>(),
        ["unknown field `matrx`; did you mean `matrix`?"]
    );
}

#[test]
fn a_rename_is_offered_only_when_certain() {
    // The field is set already: no rename, and the help says so.
    let mut v = minimal();
    v["entries"][0]["titel"] = json!("U");
    let e = errors(v);
    assert_eq!(e[0].message, "unknown field `titel`; did you mean `title`?");
    assert_eq!(e[0].help.as_deref(), Some("`title` is set already: remove `titel`, or merge the two"));
    assert_eq!(e[0].rename, None);
    // Two keys stand for one field: neither is renamed, and `title` is not also missing.
    let v = json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "titel": "T", "tittle": "U"}]});
    let e = errors(v);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e.iter().all(|e| e.rename.is_none()
            && e.help.as_deref() == Some("rename one of the keys to `title`, and remove the other")),
        "{e:?}"
    );
    // No close field: the help lists them.
    let mut v = minimal();
    v["entries"][0]["colour"] = json!("red");
    let e = errors(v);
    assert_eq!(e[0].message, "unknown field `colour`");
    assert_eq!(
        e[0].help.as_deref(),
        Some(
            "remove `colour`, or rename it to one of the fields here: discussion, doi, edition, free_source, issuer, pmid, text, tier, title, url, year, year_end"
        )
    );
}

#[test]
fn missing_title_on_a_study_is_required_but_not_on_more() {
    let v = json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K"}, {"tier": "more", "text": "x"}]});
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].target, Target::Missing("title".into()));
    assert_eq!(e[0].pointer, "/entries/0");
    assert_eq!(e[0].help.as_deref(), Some("add `title:` with the document's headline"));
}

#[test]
fn year_of_wrong_type_reports_one_error_naming_both_forms() {
    let mut v = minimal();
    v["entries"][0]["year"] = json!("1985");
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].pointer, "/entries/0/year");
    assert_eq!(e[0].message, "expected an integer or a list, found `1985`");
    assert_eq!(e[0].help.as_deref(), Some("write the year without quotes: `year: 1985`"));
}

/// Issue 9, item 4: every help line says what to do.
#[test]
fn help_lines_say_what_to_write() {
    let cases = [
        (
            json!({"cell": "B2", "entries": [{"tier": "more", "text": "x"}]}),
            "add `matrix:` with the id of the matrix the cell belongs to, such as `matrix: drug`",
        ),
        (
            json!({"matrix": "drug", "cell": "B22", "entries": [{"tier": "more", "text": "x"}]}),
            "write a capital column letter and a row number, such as `cell: B2`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": []}),
            "list at least one document under `entries:`, each an item starting `- tier:`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "more"}]}),
            "add `text:` with the search link: `[This search](https://…) retrieves all relevant analyses.`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "title": ""}]}),
            "write the document's headline after `title:`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "title": 1985}]}),
            "put the value in quotes: `title: \"1985\"`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "title": "T", "year": [1997]}]}),
            "write a single value without brackets: `year: 1997`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K", "title": "T", "discussion": "about"}]}),
            "write a list: `discussion: [about]`, or one `- item` per line below `discussion:`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "more", "text": "x"}], "bite": {"issues": [{"id": "Bad Id", "title": "T", "text": "x"}]}}),
            "write the id in lower-case words joined by hyphens, such as `id: is-it-best-to-busk-it`",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "more", "text": "x"}], "bite": {"issues": [{"id": "a", "text": "x"}]}}),
            "add `title:` with the issue's heading, without ►",
        ),
        (
            json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "more", "text": "x"}], "bite": {"issues": [{"id": "a", "title": "T"}]}}),
            "add `text:` with the discussion of the issue",
        ),
    ];
    for (cell, help) in cases {
        let e = errors(cell.clone());
        assert_eq!(e.len(), 1, "{cell}: {e:?}");
        assert_eq!(e[0].help.as_deref(), Some(help), "{cell}");
    }
}

#[test]
fn configuration_help_says_what_to_write() {
    let schema = Schema::new(crate::config::json_schema()).unwrap();
    let help =
        |v: Value| schema.validate(&v).into_iter().map(|e| (e.message, e.help.unwrap_or_default())).collect::<Vec<_>>();
    assert_eq!(
        help(json!({"rules": {"tier-order": "eror"}})),
        [(
            "`eror` is not one of `error`, `warning`, `info`, `off`".to_owned(),
            "did you mean `error`? Write one of `error`, `warning`, `info`, `off`".to_owned()
        )]
    );
    assert_eq!(
        help(json!({"years": {"min": "1950"}})),
        [("expected an integer, found `1950`".to_owned(), "write the number without quotes: `min: 1950`".to_owned())]
    );
    assert_eq!(
        help(json!({"overrides": [{"rules": {}}]})),
        [(
            "missing required field `files`".to_owned(),
            "add `files:` with globs of files (relative to the root) this override applies to".to_owned()
        )]
    );
}

#[test]
fn any_of_reports_the_branch_whose_type_matched() {
    let mut v = minimal();
    v["entries"][0]["year"] = json!([1997]);
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("fewer than 2 items") || e[0].message.contains("2"), "{e:?}");
}

#[test]
fn wrong_root_type_is_one_error() {
    let e = errors(json!(["a"]));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].message, "expected a mapping, found a list");
}

#[test]
fn configuration_checks_beyond_the_schema_say_what_to_do() {
    let names = ["tier-order", "ML202"];
    let text = "years: {min: 2000, max: 1990}\nrules: {zzz: off}\nregistry:\n  matrices:\n    - {id: drug, name: D, short_name: D, columns: [], rows: [a]}\n    - {id: drug, name: D, short_name: D, columns: [a], rows: [a]}\n";
    let problems = crate::config::parse_text(text, &names).unwrap_err();
    let found: Vec<(String, String)> = problems.into_iter().map(|p| (p.message, p.help.unwrap_or_default())).collect();
    let expected = [
        ("unknown rule `zzz`", "name a rule by its name or code; `matrixlint rules` lists them"),
        ("a matrix has 1 to 26 columns (A–Z)", "list between 1 and 26 column names under `columns:`"),
        ("matrix `drug` is listed twice", "remove one of the two, or give it another `id`"),
        ("`max` (1990) is before `min` (2000)", "raise `max` or lower `min`"),
    ];
    for (message, help) in expected {
        assert!(found.contains(&(message.to_owned(), help.to_owned())), "{message}: {found:?}");
    }
}

#[test]
fn a_label_listed_twice_names_it() {
    let mut v = minimal();
    v["entries"][0]["tier"] = json!(["S", "S"]);
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0].message.as_str(), e[0].help.as_deref()), ("`S` is listed twice", Some("list each value once")));
}
