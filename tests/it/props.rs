//! Property tests: arbitrary text and arbitrary YAML-shaped cells never make
//! the loader, the prose scanners or the rules panic, and every span they
//! produce lies inside the file, on character boundaries; and in every
//! scalar style, with every kind of escape and folding, each piece of a value
//! maps back to exactly the bytes written for it.

use matrixlint::config::Config;
use matrixlint_engine::index::Corpus;
use matrixlint_engine::index::xref;
use matrixlint_engine::lint::{Linter, Loaded, RuleFilter};
use matrixlint_engine::markdown;
use matrixlint_engine::source::prose::ValueMap;
use matrixlint_engine::source::{Node, Scalar, Span, yaml};
use proptest::prelude::*;

fn assert_span(text: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?} splits a character");
}

fn assert_tree(text: &str, node: &Node) {
    assert_span(text, node.span);
    match &node.value {
        Scalar::Seq(items) => items.iter().for_each(|i| assert_tree(text, i)),
        Scalar::Map(entries) => entries.iter().for_each(|(k, v)| {
            assert_tree(text, k);
            assert_tree(text, v);
        }),
        Scalar::Str(value, _) => {
            let map = ValueMap::new(text, node.span, value);
            for (i, _) in value.char_indices() {
                assert_span(text, map.span(i..value.len()));
            }
        }
        _ => {}
    }
}

/// Prose with the characters and phrases the scanners care about.
fn prose() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "cell ",
        "cells ",
        "row ",
        "column ",
        "A2",
        "F9",
        " and ",
        ", ",
        " of the ",
        "Alcohol Treatment Matrix",
        "Drug Matrix",
        "[",
        "]",
        "(",
        ")",
        "https://x.org/a",
        "#",
        "**",
        "*",
        "\n",
        "\n\n",
        " ",
        "é",
        "’",
        "“",
        "—",
        "👁️",
        "(2031)",
        "1985",
        "Free source at time of writing.",
        "\\",
        "\"",
        "'",
        ":",
        "- ",
        "  ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// A string scalar written in one of YAML's styles, indented for a mapping value.
fn styled(text: &str, style: u8) -> String {
    match style % 4 {
        0 => serde_json::to_string(text).unwrap(),
        1 => format!("'{}'", text.replace('\'', "''").replace('\n', "\n\n")),
        2 => format!("|-\n      {}", text.replace('\n', "\n      ")),
        _ => format!(">-\n      {}", text.replace('\n', "\n\n      ")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_never_panics_and_spans_stay_inside(text in "\\PC{0,200}") {
        if let Ok(root) = yaml::load(&text) {
            assert_tree(&text, &root);
        }
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[a-z:\\-\\[\\]{}&*!|>'\"# \n\t,?é]{0,120}") {
        match yaml::load(&text) {
            Ok(root) => assert_tree(&text, &root),
            Err(errors) => errors.iter().for_each(|e| assert_span(&text, e.span)),
        }
    }

    #[test]
    fn prose_scanners_stay_inside_the_value(text in prose()) {
        for x in xref::scan(&text) {
            assert!(text.get(x.range.clone()).is_some() && text.get(x.phrase.clone()).is_some(), "{x:?}");
        }
        let scan = markdown::scan(&text);
        for l in scan.links {
            assert!(text.get(l.whole).is_some() && text.get(l.text).is_some() && text.get(l.target).is_some());
        }
        for m in scan.malformed {
            assert!(text.get(m.range).is_some());
        }
    }

    #[test]
    fn prose_in_every_style_maps_back_into_the_file(text in prose(), style in 0u8..4) {
        let doc = format!("entries:\n  - text: {}\n", styled(&text, style));
        if let Ok(root) = yaml::load(&doc) {
            assert_tree(&doc, &root);
        }
    }
}

/// A cell-shaped document: known keys with values of random kinds.
fn cell() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        prose().prop_map(|t| serde_json::to_string(&t).unwrap()),
        (1000i64..3000).prop_map(|y| y.to_string()),
        Just("[S, G]".to_owned()),
        Just("[1997, 2000]".to_owned()),
        Just("more".to_owned()),
        Just("K".to_owned()),
        Just("~".to_owned()),
        Just("{}".to_owned()),
    ];
    let key = prop::sample::select(vec![
        "tier",
        "title",
        "year",
        "issuer",
        "url",
        "free_source",
        "text",
        "discussion",
        "extra",
    ]);
    let entry = prop::collection::vec((key, value.clone()), 0..6)
        .prop_map(|kv| kv.into_iter().map(|(k, v)| format!("    {k}: {v}\n")).collect::<String>());
    (prop::collection::vec(entry, 0..5), prose(), value).prop_map(|(entries, about, title)| {
        let mut doc = format!("matrix: drug\ncell: B2\ntitle: {title}\nentries:\n");
        for e in entries {
            doc.push_str("  -\n");
            doc.push_str(&e);
        }
        doc.push_str(&format!("bite:\n  about: {}\n", styled(&about, 2)));
        doc
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_whole_check_never_panics_and_spans_stay_inside(doc in cell()) {
        // The engine lints the text itself: no corpus on disk.
        let linter = Linter::new(&Config::default(), RuleFilter::default(), jiff::civil::date(2026, 6, 15)).unwrap();
        let name = "cells/drug/B2.yaml";
        let cell = Loaded::from_text(std::path::Path::new(name), name, doc.clone());
        let corpus = Corpus::new(cell.record().into_iter().collect());
        for d in linter.lint(&cell, &corpus) {
            assert_span(&doc, d.primary.span);
            d.secondary.iter().for_each(|l| assert_span(&doc, l.span));
            if let Some(fix) = &d.fix {
                fix.edits.iter().for_each(|e| assert_span(&doc, e.span));
            }
        }
    }
}

/// One style of writing a string scalar, as pieces: words (each written and
/// meant) joined by separators (each written and meant). Folding strips white
/// space at the ends of lines, so words never start or end with white space.
#[derive(Debug, Clone, Copy)]
enum Style {
    Double,
    Single,
    Plain,
    Literal,
    Folded,
}

/// The continuation lines of the value of `  - text:` are indented by six.
const INDENT: &str = "\n      ";

fn word_piece(style: Style) -> BoxedStrategy<(String, String)> {
    let plain = vec![
        ("cell", "cell"),
        ("F2", "F2"),
        ("é", "é"),
        ("’", "’"),
        ("👁️", "👁️"),
        ("1985", "1985"),
        ("(2031)", "(2031)"),
        ("x", "x"),
    ];
    let extra: Vec<(&str, &str)> = match style {
        Style::Double => vec![
            ("\\n", "\n"),
            ("\\t", "\t"),
            ("\\\"", "\""),
            ("\\\\", "\\"),
            ("\\u2019", "\u{2019}"),
            ("\\x41", "A"),
            ("\\U0001F600", "\u{1F600}"),
            ("\\e", "\u{1b}"),
            ("\\ ", " "),
            ("\\/", "/"),
            ("\\_", "\u{a0}"),
            ("'", "'"),
            ("#", "#"),
            (":", ":"),
        ],
        Style::Single => vec![("''", "'"), ("\\", "\\"), ("\"", "\""), ("#", "#"), (":", ":")],
        Style::Literal | Style::Folded => vec![("\"", "\""), ("#", "#"), ("\\", "\\"), (":", ":")],
        Style::Plain => vec![],
    };
    // A plain scalar of digits alone would be a number.
    let plain = plain.into_iter().filter(|(w, _)| !matches!(style, Style::Plain) || *w != "1985");
    let pieces: Vec<(String, String)> = plain.chain(extra).map(|(w, m)| (w.to_owned(), m.to_owned())).collect();
    prop::sample::select(pieces).boxed()
}

fn separator(style: Style) -> BoxedStrategy<(String, String)> {
    let fold = (INDENT.to_owned(), " ".to_owned());
    let paragraph = (format!("\n{INDENT}"), "\n".to_owned());
    let space = (" ".to_owned(), " ".to_owned());
    let choices = match style {
        Style::Double => vec![
            space,
            fold,
            paragraph,
            (format!("\\{INDENT}"), String::new()),
            (format!(" \\{INDENT}"), " ".to_owned()),
            (format!("\\{INDENT}\\ "), " ".to_owned()),
            (format!("\\\n{INDENT}"), "\n".to_owned()),
        ],
        Style::Single | Style::Folded => vec![space, fold, paragraph],
        Style::Plain => vec![space, fold],
        Style::Literal => vec![space, (INDENT.to_owned(), "\n".to_owned()), (format!("\n{INDENT}"), "\n\n".to_owned())],
    };
    prop::sample::select(choices).boxed()
}

/// For each word: the byte range of its meaning in the value and of its writing in the document.
type Words = Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>;

/// A scalar in some style: the document, the value it means, and its words.
fn written_value() -> impl Strategy<Value = (String, String, Words)> {
    prop::sample::select(vec![Style::Double, Style::Single, Style::Plain, Style::Literal, Style::Folded])
        .prop_flat_map(|style| {
            let word = prop::collection::vec(word_piece(style), 1..4);
            (Just(style), word.clone(), prop::collection::vec((separator(style), word), 0..6))
        })
        .prop_map(|(style, first, rest)| {
            let (open, close) = match style {
                Style::Double => ("\"", "\""),
                Style::Single => ("'", "'"),
                Style::Plain => ("", ""),
                Style::Literal => ("|-", ""),
                Style::Folded => (">-", ""),
            };
            let mut doc = format!("entries:\n  - text: {open}");
            if matches!(style, Style::Literal | Style::Folded) {
                doc.push_str(INDENT);
            }
            let mut value = String::new();
            let mut words = Vec::new();
            let mut push_word = |doc: &mut String, value: &mut String, pieces: Vec<(String, String)>| {
                for (written, meant) in pieces {
                    words.push((value.len()..value.len() + meant.len(), doc.len()..doc.len() + written.len()));
                    doc.push_str(&written);
                    value.push_str(&meant);
                }
            };
            push_word(&mut doc, &mut value, first);
            for ((sep_written, sep_meant), word) in rest {
                doc.push_str(&sep_written);
                value.push_str(&sep_meant);
                push_word(&mut doc, &mut value, word);
            }
            doc.push_str(close);
            doc.push('\n');
            (doc, value, words)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_escape_and_fold_maps_to_exactly_what_was_written((doc, value, words) in written_value()) {
        let root = yaml::load(&doc).unwrap_or_else(|e| panic!("{doc:?}: {e:?}"));
        let node = root.pointer("/entries/0/text").expect("the text node");
        // The test's own decoding agrees with the parser's.
        prop_assert_eq!(node.as_str(), Some(value.as_str()), "{:?}", doc);
        let map = ValueMap::new(&doc, node.span, &value);
        for (meant, written) in words {
            let span = map.span(meant.clone());
            prop_assert_eq!(
                &doc[span.start..span.end],
                &doc[written.clone()],
                "{:?} of {:?} in {:?}",
                &value[meant],
                value,
                doc
            );
        }
    }
}

/// A real cell with a few slips of the hand: characters editors mistype
/// inserted, or characters deleted, at random places.
fn slipped_cell() -> impl Strategy<Value = String> {
    let cell = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/corpus/cells/drug/B2.yaml"))
        .expect("the corpus cell");
    let slip = (
        any::<prop::sample::Index>(),
        prop::sample::select(vec!["", " ", "  ", "\t", ": ", "\"", "'", "[", "{", "]", "\n", "- ", "#", "\u{1b}", "é"]),
        0usize..3,
    );
    prop::collection::vec(slip, 1..4).prop_map(move |slips| {
        let mut text = cell.clone();
        for (at, insert, delete) in slips {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let mut end = i;
            for _ in 0..delete {
                end += text[end..].chars().next().map_or(0, char::len_utf8);
            }
            text.replace_range(i..end, insert);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn slips_in_a_real_cell_are_explained_inside_the_file(text in slipped_cell()) {
        match yaml::load(&text) {
            Ok(root) => assert_tree(&text, &root),
            Err(errors) => {
                for e in &errors {
                    assert_span(&text, e.span);
                    if let yaml::YamlErrorKind::Syntax { parser: Some((_, at)), .. } = &e.kind {
                        assert_span(&text, *at);
                    }
                    prop_assert!(!e.kind.to_string().is_empty() && !e.kind.help().is_empty());
                }
            }
        }
    }
}

/// A paragraph of words the reference scanner cares about, on one line, with
/// nothing any YAML style must escape (the styles below write it as is).
fn paragraph() -> impl Strategy<Value = Vec<&'static str>> {
    let words = prop::sample::select(vec![
        "cell",
        "cells",
        "Cell",
        "row",
        "rows",
        "ROW",
        "column",
        "levels",
        "level",
        "A2",
        "B12",
        "14",
        "2–4",
        "A3–A5",
        "1-3",
        "to",
        "and",
        "or",
        "D",
        "C4.",
        "C4:",
        "Management:",
        "of the",
        "Alcohol Treatment Matrix",
        "Drug Matrix",
        "services",
        "were",
        "(cells",
        "A1–E1)",
        "’s",
        "x",
    ]);
    prop::collection::vec(words, 1..8)
}

/// A document writing `paragraphs` as the value of `text` in one of six
/// styles, separated by blank lines (or `\n\n` escapes); with `wrap`, each
/// word of a paragraph on its own line.
fn written_paragraphs(paragraphs: &[Vec<&str>], style: u8, wrap: bool) -> String {
    let join = |words: &[&str], sep: &str| words.join(sep);
    let (open, close, soft, hard) = match style % 6 {
        0 => ("|-\n      ", "", "\n      ", "\n\n      "),
        1 => (">-\n      ", "", "\n      ", "\n\n      "),
        2 => ("\"", "\"", "\n      ", "\\n\\n"),
        3 => ("\"", "\"", "\n      ", "\n\n      "),
        4 => ("'", "'", "\n      ", "\n\n      "),
        _ => ("", "", "\n      ", "\n\n      "),
    };
    let soft = if wrap { soft } else { " " };
    let body: Vec<String> = paragraphs.iter().map(|p| join(p, soft)).collect();
    format!("entries:\n  - text: {open}{}{close}\n", body.join(hard))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Issue 17, item 4: in every scalar style (literal, folded, double-quoted
    /// with escaped or written blank lines, single-quoted, plain), the
    /// references of a value are those of its paragraphs scanned one by one.
    #[test]
    fn each_paragraph_is_scanned_alone(paragraphs in prop::collection::vec(paragraph(), 1..4), style in 0u8..6, wrap: bool) {
        let doc = written_paragraphs(&paragraphs, style, wrap);
        // A plain scalar cannot hold `Management: ` (a key): that case says nothing.
        let Ok(root) = yaml::load(&doc) else {
            prop_assert_eq!(style % 6, 5, "{:?}", doc);
            return Ok(());
        };
        let node = root.pointer("/entries/0/text").expect("the text node");
        prop_assume!(node.as_str().is_some());
        let value = node.as_str().unwrap_or_default();
        let whole: Vec<(String, String)> = xref::scan_scalar(node)
            .into_iter()
            .map(|x| (format!("{:?}", x.target), value[x.range].to_owned()))
            .collect();
        // Each paragraph alone, as a literal block would hold it (wrapped
        // words on their own lines) or, in the other styles, folded.
        let mut alone = Vec::new();
        for p in &paragraphs {
            let text = if wrap && style % 6 == 0 { p.join("\n") } else { p.join(" ") };
            alone.extend(
                xref::scan_in(&text, xref::Breaks::BlankLine)
                    .into_iter()
                    .map(|x| (format!("{:?}", x.target), text[x.range].to_owned())),
            );
        }
        prop_assert_eq!(whole, alone, "{:?}", doc);
    }
}
