use super::super::mistake::char_name;
use super::super::{YamlErrorKind, load};

/// The first error in `text`: its message, `line:column`, the text it covers,
/// its help, and the parser's note with its `line:column`.
fn mistake(text: &str) -> (String, String, String, String, Option<(String, String)>) {
    let errors = load(text).unwrap_err();
    let e = &errors[0];
    let place = |at: usize| {
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        format!("{line}:{column}")
    };
    let parser = match &e.kind {
        YamlErrorKind::Syntax { parser, .. } => parser.as_ref().map(|(words, at)| (words.clone(), place(at.start))),
        _ => None,
    };
    (e.kind.to_string(), place(e.span.start), text[e.span.start..e.span.end].to_owned(), e.kind.help(), parser)
}

const HEAD: &str = "matrix: drug\ncell: B2\nentries:\n  - tier: K\n";

#[test]
fn an_unquoted_value_holding_a_colon() {
    let (message, at, covered, help, parser) = mistake(&format!("{HEAD}    title: Note: this is it\n    year: 2001\n"));
    assert_eq!(message, "the value of `title` contains `: ` but is not in quotes");
    assert_eq!((at.as_str(), covered.as_str()), ("5:12", "Note: this is it"));
    assert_eq!(help, r#"put the value in quotes: `title: "Note: this is it"`"#);
    assert_eq!(parser, Some(("mapping values are not allowed in this context".to_owned(), "5:16".to_owned())));
}

#[test]
fn a_key_indented_more_than_its_siblings() {
    let (message, at, covered, help, _) = mistake(&format!("{HEAD}    title: T\n     year: 2001\n    url: x\n"));
    assert_eq!(message, "`year:` is indented to column 6, but the lines around it start at column 5");
    assert_eq!((at.as_str(), covered.as_str()), ("6:6", "year"));
    assert_eq!(help, "move `year:` to column 5 (indent it by 4 spaces), in line with the lines around it");
}

#[test]
fn a_key_indented_less_than_its_siblings() {
    let (message, at, _, _, _) = mistake(&format!("{HEAD}    title: T\n   year: 2001\n    url: x\n"));
    assert_eq!(message, "`year:` is indented to column 4, but the lines around it start at column 5");
    assert_eq!(at, "6:4");
}

#[test]
fn a_key_moved_to_column_1_is_reported_on_its_own_line() {
    // The parser stops on the line after, where `url:` cannot continue `year`'s value.
    let (message, at, covered, _, parser) = mistake(&format!("{HEAD}    title: T\nyear: 2001\n    url: x\n"));
    assert_eq!(message, "`year:` is indented to column 1, but the lines around it start at column 5");
    assert_eq!((at.as_str(), covered.as_str()), ("6:1", "year"));
    assert_eq!(parser.unwrap().1, "7:8");
}

#[test]
fn a_list_item_out_of_line() {
    let text = "entries:\n  - tier: K\n    title: T\n   - tier: R\n";
    let (message, at, covered, _, _) = mistake(text);
    assert_eq!(message, "the list item `- tier:` is indented to column 4, but the lines around it start at column 3");
    assert_eq!((at.as_str(), covered.as_str()), ("4:4", "- tier"));
}

#[test]
fn an_under_indented_line_of_a_folded_block() {
    // The parser stops at the end of the file, a line after the mistake.
    let text = format!("{HEAD}    text: >-\n      line one\n    line two\n");
    let (message, at, covered, help, _) = mistake(&text);
    assert_eq!(message, "this line of the `text` block starts at column 5, left of the block's first line (column 7)");
    assert_eq!((at.as_str(), covered.as_str()), ("7:5", "line two"));
    assert_eq!(help, "indent the line to column 7, like the first line of the block");
}

#[test]
fn an_under_indented_continuation_of_plain_text() {
    let (message, at, covered, help, _) = mistake(&format!("{HEAD}    text: This is plain\n   and continued\n"));
    assert_eq!(message, "this line continues `text` but starts at column 4, not to the right of `text:`");
    assert_eq!((at.as_str(), covered.as_str()), ("6:4", "and continued"));
    assert_eq!(help, "indent the line to column 6 or further, or put the value of `text` in quotes");
}

#[test]
fn a_word_where_a_key_belongs() {
    let (message, at, covered, help, _) = mistake(&format!("{HEAD}    title: T\n    year 2001\n"));
    assert_eq!(message, "`year` is where a key belongs, but has no `:` after it");
    assert_eq!((at.as_str(), covered.as_str()), ("6:5", "year"));
    assert_eq!(
        help,
        "write `year: ` before the value if `year` is a key; if the line continues the text above, indent it further"
    );
}

#[test]
fn tabs_as_indentation_and_after_a_colon() {
    let (message, at, covered, help, parser) = mistake(&format!("{HEAD}\ttitle: T\n"));
    assert_eq!((message.as_str(), at.as_str(), covered.as_str()), ("a tab in the indentation", "5:1", "\t"));
    assert_eq!(help, "indent with spaces: YAML does not allow tabs in indentation");
    assert!(parser.is_some());
    let (message, at, _, help, _) = mistake(&format!("{HEAD}    title:\tT\n"));
    assert_eq!((message.as_str(), at.as_str()), ("a tab after `title:`", "5:11"));
    assert_eq!(help, "write a space after the colon instead of the tab");
}

#[test]
fn tabs_the_parser_accepts_are_reported_too() {
    // Issue 8, item 9: ` \t- tier:` and `-\ttier:` loaded without a word.
    for (text, at) in [("entries:\n \t- tier: K\n", "2:2"), ("entries:\n  -\ttier: K\n", "2:4")] {
        let (message, found, _, _, parser) = mistake(text);
        assert_eq!((message.as_str(), found.as_str(), parser), ("a tab in the indentation", at, None), "{text:?}");
    }
    // Tabs inside values and before comments are white space like any other.
    load("a: \"x\ty\"\nb: |\n  \tcode\nc: [1,\t2]\nd: 1\t# note\n").unwrap();
}

#[test]
fn unclosed_quotes_and_brackets_point_where_they_opened() {
    let (message, at, _, help, parser) = mistake(&format!("{HEAD}    title: \"T\n    year: 2001\n"));
    assert_eq!((message.as_str(), at.as_str()), ("the quote `\"` opened here is never closed", "5:12"));
    assert_eq!(help, "end the value with `\"` on the line where it ends");
    assert!(parser.is_some());
    let (message, at, _, _, _) = mistake(&format!("{HEAD}    title: 'It s\n    year: 2001\n"));
    assert_eq!((message.as_str(), at.as_str()), ("the quote `'` opened here is never closed", "5:12"));
    let (message, at, _, help, parser) = mistake("matrix: drug\nentries:\n  - tier: [S, G\n    title: T\n");
    assert_eq!((message.as_str(), at.as_str()), ("the `[` opened here is never closed", "3:11"));
    assert_eq!(help, "close it with `]` after the last item, or remove it");
    assert_eq!(parser.unwrap().1, "4:10");
    let (message, at, _, _, _) = mistake("matrix: drug\nentries: [\n");
    assert_eq!((message.as_str(), at.as_str()), ("the `[` opened here is never closed", "2:10"));
}

#[test]
fn an_under_indented_line_of_a_quoted_value() {
    let (message, at, _, _, _) = mistake(&format!("{HEAD}    title: \"a long\n  title\"\n"));
    assert_eq!(message, "this line continues `title` but starts at column 3, not to the right of `title:`");
    assert_eq!(at, "6:3");
}

#[test]
fn control_characters_are_reported_where_they_are() {
    // Issue 8, item 9: C0 controls and DEL inside quotes loaded without a word.
    let text = "title: \"a \u{1b}[31m red\"\nissuer: 'x\u{7f}'\nnote: \"\u{9b}\"\n";
    let errors = load(text).unwrap_err();
    let found: Vec<(String, &str)> =
        errors.iter().map(|e| (e.kind.to_string(), &text[e.span.start..e.span.end])).collect();
    assert_eq!(
        found,
        [
            ("control character U+001B (ESC) is not allowed in YAML".to_owned(), "\u{1b}"),
            ("control character U+007F (DEL) is not allowed in YAML".to_owned(), "\u{7f}"),
            ("control character U+009B (CSI) is not allowed in YAML".to_owned(), "\u{9b}"),
        ]
    );
    assert_eq!(
        errors[0].kind.help(),
        "delete it (most editors do not show it); if it is meant, write `\\x1b` inside double quotes"
    );
    // Written as escapes they are fine, and so are tabs and line breaks.
    load("title: \"a \\e[31m red\\x7f\"\nb: \"\t\"\r\n").unwrap();
}

#[test]
fn anything_else_keeps_the_parser_words() {
    let (message, _, _, help, parser) = mistake("%YAML 1.2\n%YAML 1.2\n---\na: 1\n");
    assert_eq!(message, "invalid YAML: duplicate version directive");
    assert_eq!(help, "check the quotes, brackets and indentation on this line and the line before");
    assert_eq!(parser, None);
}

#[test]
fn stray_characters_and_items_among_keys() {
    let (message, at, _, help, _) = mistake(&format!("{HEAD}    title: T\n    discussion: [about]\n]\n"));
    assert_eq!((message.as_str(), at.as_str(), help.as_str()), ("a stray `]`", "7:1", "remove the `]`"));
    let (message, at, _, _, _) = mistake(&format!("{HEAD}    title: T\n>   year: 2001\n"));
    assert_eq!((message.as_str(), at.as_str()), ("a stray `>`", "6:1"));
    let (message, at, _, help, _) = mistake("matrix: drug\ncell: B2\n- tier: K\n");
    assert_eq!((message.as_str(), at.as_str()), ("a list item `- ` where the keys of a mapping go on", "3:1"));
    assert_eq!(help, "remove the `- `, or indent the list under its key");
}

#[test]
fn a_stray_colon_starting_a_line() {
    let (message, at, _, help, _) = mistake(&format!("{HEAD}:     title: T\n    year: 2001\n"));
    assert_eq!((message.as_str(), at.as_str(), help.as_str()), ("a stray `:`", "5:1", "remove the `:`"));
}

#[test]
fn a_quote_left_open_is_found_where_the_next_value_closes_it() {
    // `"tries:` swallows the lines below up to the next opening quote.
    let text = "matrix: drug\n\"tries:\n  - tier: K\n    title: \"Written responses\"\n";
    let (message, at, _, _, _) = mistake(text);
    assert_eq!((message.as_str(), at.as_str()), ("the quote `\"` opened here is never closed", "2:1"));
}

#[test]
fn a_key_at_the_column_of_the_items_dashes() {
    let (message, at, _, _, _) = mistake(&format!("{HEAD}    title: T\n  - tier: R\n  title: U\n"));
    assert_eq!(message, "`title:` is indented to column 3, but the lines around it start at column 5");
    assert_eq!(at, "7:3");
}

#[test]
fn text_after_a_closing_quote_or_a_block_indicator() {
    let (message, at, _, help, _) = mistake(&format!("{HEAD}    url: \"\"https://x.org\"\n"));
    assert_eq!((message.as_str(), at.as_str()), ("the value of `url` goes on after its closing quote", "5:11"));
    assert_eq!(help, "remove the stray quote, or write a quote inside the value as `\\\"`");
    let (message, at, _, help, _) = mistake(&format!("{HEAD}    text: >-'  From the analysis\n"));
    assert_eq!((message.as_str(), at.as_str()), ("text after the `|` or `>` of `text`, on its line", "5:13"));
    assert_eq!(help, "start the text on the next line, indented; only `-`, `+` or a digit may follow `|` or `>`");
}

#[test]
fn a_line_break_typed_into_a_long_line_of_a_block() {
    // The parser reads on to the next key; the mistake is the line at column 1.
    let text =
        format!("{HEAD}    text: >-\n      A long line broken in the mid\ndle by a slip.\n    discussion: [about]\n");
    let (message, at, _, _, _) = mistake(&text);
    assert_eq!(message, "this line of the `text` block starts at column 1, left of the block's first line (column 7)");
    assert_eq!(at, "7:1");
}

#[test]
fn control_characters_across_the_scans_block_boundaries() {
    // The scan reads 512-byte blocks: a C1 control split over two, an ESC first in a block.
    for pad in [508, 509, 510, 511] {
        let text = format!("a: \"{}\u{9b}\"\nb: \"{}\u{1b}\"\n", "x".repeat(pad), "y".repeat(500));
        let found: Vec<String> =
            load(&text).unwrap_err().iter().map(|e| text[e.span.start..e.span.end].to_owned()).collect();
        assert_eq!(found, ["\u{9b}", "\u{1b}"], "{pad}");
    }
}

#[test]
fn control_character_names() {
    assert_eq!(char_name('\0'), "U+0000 (NUL)");
    assert_eq!(char_name('\u{7}'), "U+0007 (BEL)");
    assert_eq!(char_name('\u{85}'), "U+0085");
}

#[test]
fn a_key_without_the_space_after_its_colon() {
    let (message, at, covered, help, _) = mistake(&format!("{HEAD}    title: T\n    cell:B4\n"));
    assert_eq!(message, "a space is missing after the colon of `cell:`, so YAML reads the line as one word");
    assert_eq!((at.as_str(), covered.as_str()), ("6:5", "cell:"));
    assert_eq!(help, "write a space after the colon: `cell: B4`");
}
