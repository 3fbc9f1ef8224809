use miette::SourceCode;

use super::super::SourceFile;

/// Six lines: multi-byte characters, a `\r\n` and a lone `\r` break, no final break.
const TEXT: &str = "matrix: drug\r\ncell: B2\ntitle: é→ café\rsummary: “quoted” text\nnotes: x\nlast: y";

fn whole() -> SourceFile {
    SourceFile::new("cells/drug/B2.yaml", "cells/drug/B2.yaml", TEXT)
}

/// The bytes of the file on 1-based lines `a..=b` (with their breaks).
fn bytes_of(f: &SourceFile, a: usize, b: usize) -> std::ops::Range<usize> {
    f.line_start(a)..f.line_start(b + 1)
}

#[test]
fn kept_lines_give_the_positions_and_texts_of_the_whole_file() {
    let whole = whole();
    let compact = whole.keep_lines([3..=4, 6..=6]);
    assert!(compact.is_compact() && !whole.is_compact());
    assert!(compact.text.is_empty(), "the whole text is not kept");
    assert_eq!((compact.len(), compact.line_count()), (whole.len(), whole.line_count()));
    assert_eq!(compact.ends_with_newline(), whole.ends_with_newline());
    for line in 1..=7 {
        assert_eq!(compact.line_start(line), whole.line_start(line), "line {line} starts at the same byte");
    }
    for range in [bytes_of(&whole, 3, 4), bytes_of(&whole, 6, 6)] {
        for offset in range.clone() {
            assert_eq!(compact.line_col(offset), whole.line_col(offset), "at byte {offset}");
        }
        assert_eq!(compact.slice(range.start, range.end), whole.slice(range.start, range.end));
    }
    for line in [3, 4, 6] {
        assert_eq!(compact.line_text(line), whole.line_text(line));
    }
    assert_eq!(compact.line_text(2), "", "a line not kept has no text");
    // Every line's start still has its line and column, kept or not.
    assert_eq!(compact.line_col(whole.line_start(2)), whole.line_col(whole.line_start(2)));
    assert_eq!(compact.line_col(usize::MAX), whole.line_col(usize::MAX), "past the end");
}

#[test]
fn touching_ranges_are_one_run_and_a_compact_file_keeps_only_what_it_has() {
    let whole = whole();
    let compact = whole.keep_lines([4..=4, 2..=3, 9..=12]);
    let across = bytes_of(&whole, 2, 4);
    assert_eq!(compact.slice(across.start, across.end), &TEXT[across.clone()], "lines 2 to 4 are one run");
    let again = compact.keep_lines([1..=3]);
    let kept = bytes_of(&whole, 2, 3);
    assert_eq!(again.slice(kept.start, kept.end), &TEXT[kept]);
    assert_eq!(again.line_text(1), "", "line 1 was not kept the first time");
    assert_eq!(again.line_text(4), "");
}

#[test]
fn miette_reads_the_same_snippets_from_kept_lines() {
    let whole = whole();
    let compact = whole.keep_lines([1..=5]);
    let named = whole.named_source();
    let spans = [(TEXT.find("B2").unwrap(), 2), (TEXT.find("café").unwrap(), 5), (TEXT.find("text").unwrap(), 4)];
    for (offset, len) in spans {
        for (before, after) in [(0, 0), (1, 1)] {
            let span = (offset, len).into();
            let a = named.read_span(&span, before, after).unwrap();
            let b = compact.read_span(&span, before, after).unwrap();
            let got = (b.data(), *b.span(), b.line(), b.column(), b.line_count(), b.name());
            assert_eq!(got, (a.data(), *a.span(), a.line(), a.column(), a.line_count(), a.name()), "{span:?}");
            let c = whole.read_span(&span, before, after).unwrap();
            assert_eq!((c.data(), *c.span(), c.line()), (a.data(), *a.span(), a.line()), "the whole file as before");
        }
    }
    let unkept = (TEXT.find("last").unwrap(), 4).into();
    assert!(compact.read_span(&unkept, 0, 0).is_err(), "a span on a line not kept is out of bounds");
    // Context lines that were not kept are left out.
    let from_line_2 = whole.keep_lines([2..=3]);
    let b2 = from_line_2.read_span(&(TEXT.find("B2").unwrap(), 2).into(), 1, 1).unwrap();
    assert_eq!((b2.span().offset(), b2.line()), (whole.line_start(2), 1), "the snippet starts at the kept line 2");
}

#[test]
fn a_compact_file_made_again_from_its_parts_reads_the_same_and_bad_parts_are_refused() {
    let whole = whole();
    let compact = whole.keep_lines([2..=3, 6..=6]);
    let parts = compact.compact_parts().expect("a compact file has parts");
    assert_eq!(whole.compact_parts(), None);
    let again = SourceFile::from_compact_parts("p", "cells/drug/B2.yaml", parts.clone()).expect("good parts");
    assert_eq!(again.compact_parts().as_ref(), Some(&parts));
    for offset in 0..=whole.len() {
        assert_eq!(again.line_col(offset), compact.line_col(offset), "at byte {offset}");
    }
    for line in 1..=6 {
        assert_eq!(again.line_text(line), compact.line_text(line));
    }
    let span: miette::SourceSpan = (whole.line_start(3), 4).into();
    let (a, b) = (again.read_span(&span, 1, 1).unwrap(), compact.read_span(&span, 1, 1).unwrap());
    assert_eq!((a.data(), a.line(), a.column()), (b.data(), b.line(), b.column()));

    let refused = |change: &dyn Fn(&mut super::CompactParts)| {
        let mut bad = parts.clone();
        change(&mut bad);
        SourceFile::from_compact_parts("p", "n", bad).is_none()
    };
    assert!(refused(&|p| p.runs[0].0 += 1), "a run not at a line start");
    assert!(refused(&|p| p.runs[0].1.push('x')), "a run not ending at a line start");
    assert!(refused(&|p| p.runs.reverse()), "runs out of order");
    assert!(refused(&|p| p.whole_len = 3), "lines past the end");
    assert!(refused(&|p| p.line_starts[0] = 1), "a line index not from 0");
}
