//! What the human format shows of a file for one finding: the lines around
//! its labels, each line longer than the width cut to a window around the
//! label on it (with `…` where text was left out), under the file's real line
//! numbers and character columns.
//!
//! miette reads source text through [`SourceCode`]; giving it the whole file
//! would print 900-character paragraphs in full, count columns in bytes and
//! scan the file from its start for every finding. An [`Excerpt`] holds only
//! the lines a finding needs and answers miette with the file's positions.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::{SourceFile, Span};

/// Lines shown before and after a label (miette's default).
pub(super) const CONTEXT_LINES: usize = 1;

/// Two labels at most this many lines apart share one snippet.
const MERGE_GAP: usize = 8;

/// The marker for text left out of a long line.
const ELLIPSIS: char = '…';

/// The lines of one file that one finding shows.
#[derive(Debug)]
pub(super) struct Excerpt {
    name: String,
    text: String,
    /// The file's 0-based line of the excerpt's first line.
    first_line: usize,
    /// Per excerpt line: where it starts in `text`, the file column (0-based,
    /// in characters) of its first shown character, and how many characters
    /// of marker precede that character.
    lines: Vec<ShownLine>,
}

#[derive(Debug, Clone, Copy)]
struct ShownLine {
    start: usize,
    first_column: usize,
    marker: usize,
}

/// One line as cut: the bytes of the file shown, and whether text was left
/// out before and after them.
struct Window {
    from: usize,
    to: usize,
    before: bool,
    after: bool,
}

impl Excerpt {
    /// The excerpt of `file` (shown as `name`) for labels at `spans`, with
    /// lines cut to `width` characters; returns it with the spans moved into it.
    pub(super) fn new(file: &SourceFile, name: String, spans: &[Span], width: usize) -> (Self, Vec<Span>) {
        let plan = Plan::new(file, spans);
        let mut excerpt = Self { name, text: String::new(), first_line: plan.first - 1, lines: Vec::new() };
        let mut windows = Vec::new();
        for line in plan.first..=plan.last {
            let start = excerpt.text.len();
            let window =
                if plan.shown(line) { cut(file, line, spans, width) } else { Window::empty(file.line_start(line)) };
            let marker = usize::from(window.before);
            if window.before {
                excerpt.text.push(ELLIPSIS);
            }
            excerpt.text.push_str(&super::visible::line(file.slice(window.from, window.to)));
            if window.after {
                excerpt.text.push(ELLIPSIS);
            }
            excerpt.text.push('\n');
            let first_column = file.line_col(window.from).column - 1;
            excerpt.lines.push(ShownLine { start, first_column, marker });
            windows.push(window);
        }
        let moved = spans
            .iter()
            .map(|s| Span::new(excerpt.place(file, &windows, s.start), excerpt.place(file, &windows, s.end)))
            .collect();
        (excerpt, moved)
    }

    /// Where byte `at` of the file is in the excerpt (clamped into its line's window).
    fn place(&self, file: &SourceFile, windows: &[Window], at: usize) -> usize {
        let index = file.line_col(at).line - 1 - self.first_line;
        let (line, window) = (self.lines[index], &windows[index]);
        let marker_bytes = if window.before { ELLIPSIS.len_utf8() } else { 0 };
        // Pictures of control characters are longer in bytes, never in characters.
        let shown = super::visible::line(file.slice(window.from, at.clamp(window.from, window.to)));
        line.start + marker_bytes + shown.len()
    }

    /// The file's 0-based line and character column of excerpt byte `at`.
    fn locate(&self, at: usize) -> (usize, usize) {
        let index = self.lines.partition_point(|l| l.start <= at).saturating_sub(1);
        let line = self.lines[index];
        let chars = self.text[line.start..at.min(self.text.len())].chars().count();
        (self.first_line + index, line.first_column + chars.saturating_sub(line.marker))
    }
}

/// Which lines of a file an excerpt for labels at some spans covers, and
/// which of those it reads the text of.
struct Plan {
    /// Each label's first and last line (1-based).
    ends: Vec<(usize, usize)>,
    /// The excerpt's first and last line.
    first: usize,
    last: usize,
}

impl Plan {
    fn new(file: &SourceFile, spans: &[Span]) -> Self {
        let ends: Vec<(usize, usize)> =
            spans.iter().map(|s| (file.line_col(s.start).line, file.line_col(s.end).line)).collect();
        let first = ends.iter().map(|e| e.0).min().unwrap_or(1).saturating_sub(CONTEXT_LINES).max(1);
        // The empty "line" after a final line break is shown only when a label is on it.
        let lines = file.line_count() - usize::from(file.ends_with_newline());
        let last_label = ends.iter().map(|e| e.1).max().unwrap_or(1);
        let last = last_label.saturating_add(CONTEXT_LINES).min(lines).max(last_label);
        Self { ends, first, last }
    }

    /// Whether the excerpt reads `line`'s text. Lines between two distant
    /// labels are never printed: they stay empty.
    fn shown(&self, line: usize) -> bool {
        let reach = CONTEXT_LINES + MERGE_GAP;
        self.ends.iter().any(|&(a, b)| line + reach >= a && line <= b + reach)
    }
}

/// The lines (1-based, inclusive runs) whose text the human format reads
/// for labels at `spans` of `file`: what a compact file must keep for it.
pub(crate) fn lines_read(file: &SourceFile, spans: &[Span]) -> Vec<std::ops::RangeInclusive<usize>> {
    let plan = Plan::new(file, spans);
    let mut runs: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
    for line in (plan.first..=plan.last).filter(|&l| plan.shown(l)) {
        match runs.last_mut() {
            Some(run) if *run.end() + 1 == line => *run = *run.start()..=line,
            _ => runs.push(line..=line),
        }
    }
    runs
}

impl Window {
    fn empty(at: usize) -> Self {
        Self { from: at, to: at, before: false, after: false }
    }
}

/// Line `line` of `file`, cut to `width` characters around the first label
/// boundary on it (or from its start).
fn cut(file: &SourceFile, line: usize, spans: &[Span], width: usize) -> Window {
    let text = file.line_text(line);
    let start = file.line_start(line);
    let end = start + text.len();
    // Counting stops at width + 1 characters: a long line costs no more than a short one.
    if text.chars().nth(width).is_none() {
        return Window { from: start, to: end, before: false, after: false };
    }
    let anchor =
        spans.iter().flat_map(|s| [s.start, s.end]).filter(|&b| (start..=end).contains(&b)).min().unwrap_or(start);
    // Two characters go to the markers; a third of the rest shows what leads up to the label.
    let room = width.saturating_sub(2).max(8);
    let lead = text[..anchor - start].char_indices().rev().take(room / 3).last().map_or(anchor - start, |(i, _)| i);
    let mut from = start + lead;
    let mut to = start + text[lead..].char_indices().nth(room).map_or(text.len(), |(i, _)| lead + i);
    if to == end {
        // Near the end of the line: use the whole width.
        from = start + text[..to - start].char_indices().rev().nth(room - 1).map_or(0, |(i, _)| i);
    }
    if from == start {
        to = start + text.char_indices().nth(room).map_or(text.len(), |(i, _)| i);
    }
    Window { from, to, before: from > start, after: to < end }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, context_lines_before, context_lines_after)?;
        let (line, _) = self.locate(inner.span().offset());
        // miette takes the header's `line:column` from a read without context.
        let column = if context_lines_before == 0 { self.locate(span.offset()).1 } else { 0 };
        // miette merges two snippets when the first's line plus its line count
        // reaches the second's line: count the gap in, so that labels a few
        // lines apart share one snippet and distant ones do not.
        let lines = inner.data().iter().filter(|&&b| b == b'\n').count() + MERGE_GAP;
        Ok(Box::new(MietteSpanContents::new_named(self.name.clone(), inner.data(), *inner.span(), line, column, lines)))
    }
}

#[cfg(test)]
mod tests;
