//! One line index for every line break YAML knows: `\n`, `\r\n` and a lone `\r`.

use matrixlint_engine::source::{LineCol, LineIndex, SourceFile};

#[test]
fn every_kind_of_line_break_starts_a_line() {
    let text = "a\nbb\r\nccc\rdddd";
    let index = LineIndex::new(text);
    assert_eq!(index.line_count(), 4);
    let starts: Vec<_> = (0..4).map(|l| index.start(l).unwrap()).collect();
    assert_eq!(starts, [0, 2, 6, 10]);
    assert_eq!(index.start(4), None);
    // `\r\n` is one break: its `\n` is on the line it ends.
    assert_eq!([index.line_of(4), index.line_of(5), index.line_of(6), index.line_of(9)], [1, 1, 2, 2]);
    assert_eq!(index.line_of(10), 3);
}

#[test]
fn files_number_lines_and_count_columns_in_characters_the_same_way() {
    let text = "é\r\nü x\rlast";
    let file = SourceFile::new("c.yaml", "c.yaml", text);
    assert_eq!(file.line_count(), 3);
    assert_eq!(file.line_col(text.find('x').unwrap()), LineCol { line: 2, column: 3 });
    assert_eq!(file.line_col(text.find("last").unwrap()), LineCol { line: 3, column: 1 });
    assert_eq!(file.line_text(2), "ü x");
}
