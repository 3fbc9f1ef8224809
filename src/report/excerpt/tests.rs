use super::*;

fn excerpt(text: &str, spans: &[Span], width: usize) -> (Excerpt, Vec<Span>) {
    let file = SourceFile::new("x", "x", text);
    Excerpt::new(&file, "x.yaml".into(), spans, width)
}

#[test]
fn short_lines_are_kept_whole_with_one_line_of_context() {
    let text = "a: 1\nb: two\nc: 3\nd: 4\n";
    let at = text.find("two").unwrap();
    let (e, moved) = excerpt(text, &[Span::new(at, at + 3)], 80);
    assert_eq!(e.text, "a: 1\nb: two\nc: 3\n");
    assert_eq!(&e.text[moved[0].start..moved[0].end], "two");
    assert_eq!(e.locate(moved[0].start), (1, 3), "line 2, column 4 (0-based 1 and 3)");
}

#[test]
fn a_long_line_is_cut_around_the_label_with_markers() {
    let line = format!("text: \"{}TARGET{}\"", "“word” – ".repeat(200), "and more ".repeat(200));
    let text = format!("matrix: drug\n{line}\nnext: 1\n");
    let at = text.find("TARGET").unwrap();
    let (e, moved) = excerpt(&text, &[Span::new(at, at + 6)], 60);
    let shown: Vec<&str> = e.text.lines().collect();
    assert_eq!(shown[0], "matrix: drug");
    assert_eq!(shown[2], "next: 1");
    assert!(shown[1].starts_with('…') && shown[1].ends_with('…'), "{}", shown[1]);
    assert_eq!(shown[1].chars().count(), 60);
    assert_eq!(&e.text[moved[0].start..moved[0].end], "TARGET");
    // The column is the file's, in characters.
    let column = line[..line.find("TARGET").unwrap()].chars().count();
    assert_eq!(e.locate(moved[0].start), (1, column));
}

#[test]
fn near_the_end_of_a_long_line_the_window_uses_the_whole_width() {
    let line = format!("{}END", "x".repeat(500));
    let at = line.find("END").unwrap();
    let (e, moved) = excerpt(&line, &[Span::new(at, at + 3)], 40);
    assert!(e.text.starts_with('…') && e.text.trim_end().ends_with("END"), "{}", e.text);
    assert_eq!(e.text.trim_end().chars().count(), 39, "a marker and 38 characters");
    assert_eq!(&e.text[moved[0].start..moved[0].end], "END");
}

#[test]
fn lines_between_distant_labels_are_left_empty() {
    let text: String = (1..=60).map(|i| format!("k{i}: {i}\n")).collect();
    let a = text.find("k3:").unwrap();
    let b = text.find("k40:").unwrap();
    let (e, moved) = excerpt(&text, &[Span::new(a, a + 2), Span::new(b, b + 3)], 80);
    let shown: Vec<&str> = e.text.lines().collect();
    assert_eq!(shown.len(), 40, "lines 2 to 41");
    assert_eq!(shown[1], "k3: 3");
    assert_eq!(shown[10], "k12: 12", "line 12 is within reach of a merge");
    assert_eq!(shown[11], "", "line 13 is never printed");
    assert_eq!(shown[39], "k41: 41");
    assert_eq!(e.locate(moved[1].start), (39, 0));
}

#[test]
fn an_empty_file_has_an_empty_excerpt() {
    let (e, moved) = excerpt("", &[Span::point(0)], 80);
    assert_eq!(e.text, "\n");
    assert_eq!(moved, [Span::point(0)]);
}
