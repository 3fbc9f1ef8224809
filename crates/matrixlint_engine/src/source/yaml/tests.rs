use super::*;

fn errs(text: &str) -> Vec<YamlErrorKind> {
    load(text).unwrap_err().into_iter().map(|e| e.kind).collect()
}

#[test]
fn spans_are_bytes_even_after_multibyte_text() {
    let text = "a: é→x\nyear: 2099\n";
    let root = load(text).unwrap();
    let year = root.get("year").unwrap();
    assert_eq!(&text[year.span.start..year.span.end], "2099");
    assert_eq!(year.as_int(), Some(2099));
}

#[test]
fn yaml_1_2_keeps_no_as_a_string() {
    let root = load("tier: NO\nother: yes\n").unwrap();
    assert_eq!(root.get("tier").unwrap().as_str(), Some("NO"));
    assert_eq!(root.get("other").unwrap().as_str(), Some("yes"));
}

#[test]
fn duplicate_keys_are_all_reported_with_both_places() {
    let text = "a: 1\nb: 2\na: 3\nb: 4\n";
    let errors = load(text).unwrap_err();
    assert_eq!(errors.len(), 2);
    match &errors[0].kind {
        YamlErrorKind::DuplicateKey { key, first } => {
            assert_eq!(key, "a");
            assert_eq!(first.start, 0);
            assert_eq!(errors[0].span.start, text.rfind("a:").unwrap());
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn anchors_and_aliases_are_rejected() {
    assert_eq!(errs("a: &x 1\nb: *x\n"), vec![YamlErrorKind::Anchor, YamlErrorKind::Alias]);
}

#[test]
fn billion_laughs_is_rejected_without_expansion() {
    let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        text.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    let kinds = errs(&text);
    assert!(kinds.contains(&YamlErrorKind::Alias));
    assert!(kinds.contains(&YamlErrorKind::Anchor));
}

#[test]
fn several_documents_are_rejected_at_the_second() {
    let text = "a: 1\n---\nb: 2\n";
    let e = load(text).unwrap_err();
    assert_eq!(e[0].kind, YamlErrorKind::MultipleDocuments);
    assert_eq!(e[0].span.start, 5);
}

#[test]
fn syntax_errors_carry_a_position() {
    let text = "a: [1, 2\nb: 3\n";
    let e = load(text).unwrap_err();
    assert!(matches!(e[0].kind, YamlErrorKind::Syntax { .. }));
    assert!(e[0].span.start <= text.len());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Past our limit but within the parser's own.
    let text = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(errs(&text), vec![YamlErrorKind::TooDeep]);
    // Far past: the parser's recursion limit answers first, as a syntax error.
    let kinds = errs(&"[".repeat(100_000));
    assert!(
        matches!(&kinds[..], [YamlErrorKind::Syntax { mistake: Mistake::Other(m), .. }] if m.contains("recursion")),
        "{kinds:?}"
    );
}

#[test]
fn pointer_walks_maps_and_sequences() {
    let root = load("entries:\n  - tier: K\n    year: 2001\n  - year: 2002\n").unwrap();
    assert_eq!(root.pointer("/entries/1/year").unwrap().as_int(), Some(2002));
    assert!(root.pointer("/entries/5").is_none());
    assert_eq!(root.pointer("").unwrap(), &root);
}

#[test]
fn empty_file_is_a_null_document() {
    assert_eq!(load("").unwrap().value, Scalar::Null);
    assert_eq!(load("# only a comment\n").unwrap().value, Scalar::Null);
}

#[test]
fn to_json_keeps_types() {
    let root = load("a: 1\nb: x\nc: [true, null, 1.5]\n").unwrap();
    assert_eq!(root.to_json(), serde_json::json!({"a": 1, "b": "x", "c": [true, null, 1.5]}));
}

#[test]
fn quoted_scalars_end_at_their_closing_quote_before_a_comment() {
    let text = "a: \"quo\\\"ted\"  # c1\nb: 'it''s'  # c2\nc: [\"y\"]\n";
    let root = load(text).unwrap();
    for (key, written) in [("a", "\"quo\\\"ted\""), ("b", "'it''s'")] {
        let node = root.get(key).unwrap();
        assert_eq!(&text[node.span.start..node.span.end], written);
    }
    let y = &root.get("c").unwrap().as_seq().unwrap()[0];
    assert_eq!(&text[y.span.start..y.span.end], "\"y\"");
}
