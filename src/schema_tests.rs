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
    v["entries"][0]["yaer"] = json!(2001);
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].pointer, "/entries/0");
    assert_eq!(e[0].target, Target::Key("yaer".into()));
    assert!(e[0].help.as_deref().unwrap().starts_with("did you mean `year`?"), "{e:?}");
}

#[test]
fn missing_title_on_a_study_is_required_but_not_on_more() {
    let v = json!({"matrix": "drug", "cell": "B2", "entries": [{"tier": "K"}, {"tier": "more", "text": "x"}]});
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].target, Target::Missing("title".into()));
    assert_eq!(e[0].pointer, "/entries/0");
    assert_eq!(e[0].help.as_deref(), Some("The headline, without the year group."));
}

#[test]
fn year_of_wrong_type_reports_one_error_naming_both_forms() {
    let mut v = minimal();
    v["entries"][0]["year"] = json!("1985");
    let e = errors(v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].pointer, "/entries/0/year");
    assert_eq!(e[0].message, "expected an integer or a list, found `1985`");
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
