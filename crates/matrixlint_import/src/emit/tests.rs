use proptest::prelude::*;

use super::*;
use crate::Issue;
use crate::cell::Tier;
use crate::source::yaml::load;

fn sample() -> Cell {
    Cell {
        matrix: "drug".into(),
        cell: "B2".into(),
        title: Some("Practitioners: \"Generic\"".into()),
        summary: None,
        entries: vec![
            Entry {
                tiers: vec![Tier::Seminal, Tier::Guidance],
                title: Some("Practice makes (more) perfect?".into()),
                issuer: Some("[UK] Ministry of Justice".into()),
                years: vec![1997, 2000],
                year_end: None,
                edition: Some("2nd ed.".into()),
                url: Some("#".into()),
                free_source: Some(String::new()),
                text: Some("One line: with a # and a “quote”.".into()),
                discussion: vec!["about".into(), "alcohol/C2#x".into(), "true".into()],
            },
            Entry { tiers: vec![Tier::More], text: Some("  padded ".into()), ..Entry::default() },
        ],
        bite: Some(Bite {
            about: Some("First.\n\n> Pull quote\n\nLast.".into()),
            issues: vec![Issue { id: "x".into(), title: "X?".into(), text: "Tab\there.".into() }],
            ..Bite::default()
        }),
    }
}

#[test]
fn layout_is_the_corpus_layout() {
    let yaml = write(&sample(), "../s.json");
    let expected = r##"# yaml-language-server: $schema=../s.json
matrix: drug
cell: B2
title: "Practitioners: \"Generic\""
entries:
  - tier: [S, G]
    title: "Practice makes (more) perfect?"
    issuer: "[UK] Ministry of Justice"
    year: [1997, 2000]
    edition: "2nd ed."
    url: "#"
    free_source: ""  # the page flags a free source but gives no address
    text: >-
      One line: with a # and a “quote”.
    discussion: [about, alcohol/C2#x, "true"]

  - tier: more
    text: "  padded "

bite:
  about: |-
    First.

    > Pull quote

    Last.
  issues:
    - id: x
      title: "X?"
      text: "Tab\there."
"##;
    assert_eq!(yaml, expected);
}

#[test]
fn what_is_written_loads_back_as_the_same_values() {
    let yaml = write(&sample(), "s.json");
    let root = load(&yaml).expect("loads");
    let e = root.pointer("/entries/0").unwrap();
    assert_eq!(e.get("free_source").and_then(|n| n.as_str()), Some(""));
    assert_eq!(e.get("discussion").unwrap().to_json(), serde_json::json!(["about", "alcohol/C2#x", "true"]));
    assert_eq!(root.pointer("/entries/1/text").and_then(|n| n.as_str()), Some("  padded "));
    assert_eq!(root.pointer("/bite/about").and_then(|n| n.as_str()), Some("First.\n\n> Pull quote\n\nLast."));
    assert_eq!(root.pointer("/title").and_then(|n| n.as_str()), Some("Practitioners: \"Generic\""));
}

#[test]
fn ids_that_would_read_as_other_types_are_quoted() {
    for (id, plain) in
        [("is-it-best", true), ("2020", false), ("null", false), ("No", false), ("a b", false), ("", false)]
    {
        assert_eq!(word(id) == id, plain, "{id}");
    }
}

proptest! {
    #[test]
    fn any_string_round_trips_as_prose_and_as_quoted(
        text in prop_oneof![any::<String>(), "[ \\t\\n\\r\\u{85}\\u{2028}\\u{feff}a#:>|\"'-]{0,12}"]
    ) {
        let mut out = String::new();
        prose(&mut out, 0, "p", &text, false);
        prose(&mut out, 0, "f", &text, true);
        let _ = writeln!(out, "q: {}", quoted(&text));
        let _ = writeln!(out, "w: {}", word(&text));
        let root = load(&out).map_err(|e| TestCaseError::fail(format!("{e:?}\n{out}")))?;
        prop_assert_eq!(root.get("p").and_then(|n| n.as_str()), Some(text.as_str()), "{}", out);
        prop_assert_eq!(root.get("f").and_then(|n| n.as_str()), Some(text.as_str()), "{}", out);
        prop_assert_eq!(root.get("q").and_then(|n| n.as_str()), Some(text.as_str()), "{}", out);
        prop_assert_eq!(root.get("w").and_then(|n| n.as_str()), Some(text.as_str()), "{}", out);
    }
}
